import { label } from '../../src/fields/label'

/** Admin navigation groups. */
export const groups = {
  handbook: label('Nội dung sổ tay', 'Handbook'),
  library: label('Tư liệu', 'Files'),
  organisation: label('Tổ chức', 'Organisation'),
  system: label('Hệ thống', 'System'),
}
