import type { SeedUnit } from '../types'

/**
 * The demo unit tree. The place names are invented: there is no "quận Hòa Bình" and no
 * "phường Thụy An" among Vietnam's administrative units.
 */
export const units: SeedUnit[] = [
  { name: 'Đảng bộ quận Hòa Bình', kind: 'dang-bo', code: 'DB-HB' },
  { name: 'Chi bộ Văn phòng Quận ủy', kind: 'chi-bo', code: 'CB-VP', parent: 0 },
  { name: 'Chi bộ khu phố Thụy An', kind: 'chi-bo', code: 'CB-TA', parent: 0 },
  { name: 'Chi bộ khu phố 1 phường Hòa Thuận', kind: 'chi-bo', code: 'CB-KP1', parent: 0 },
  { name: 'Chi bộ Trường THCS Hòa Bình', kind: 'chi-bo', code: 'CB-THCS', parent: 0 },
  { name: 'Chi bộ Trung tâm Y tế quận', kind: 'chi-bo', code: 'CB-YT', parent: 0 },
]
