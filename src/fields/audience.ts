import type { Field } from 'payload'

import { slugs } from '../../collections/slugs'
import { label, options } from './label'

export const audienceOptions = options([
  ['public', 'Công khai', 'Public'],
  ['members', 'Đảng viên (đã đăng nhập)', 'Members (signed in)'],
  ['units', 'Các đơn vị được chọn', 'Selected units'],
])

/** Who may read a published item: everyone, any signed-in member, or the listed units. */
export const audienceFields: Field[] = [
  {
    name: 'audience',
    label: label('Đối tượng xem', 'Audience'),
    type: 'select',
    required: true,
    defaultValue: 'members',
    options: audienceOptions,
    index: true,
    admin: { position: 'sidebar' },
  },
  {
    name: 'audienceUnits',
    label: label('Đơn vị được xem', 'Units'),
    type: 'relationship',
    relationTo: slugs.units,
    hasMany: true,
    admin: {
      position: 'sidebar',
      condition: (data) => data?.audience === 'units',
      description: label(
        'Đảng viên của các đơn vị này và đơn vị trực thuộc được xem.',
        'Members of these units and the units below them can read the item.',
      ),
    },
    validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
      if (siblingData?.audience === 'units' && (!Array.isArray(value) || value.length === 0)) {
        return 'Chọn ít nhất một đơn vị khi đối tượng xem là "Các đơn vị được chọn" (audienceUnits is required when audience is "units").'
      }
      return true
    },
  },
]
