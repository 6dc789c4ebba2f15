import type { DateField } from 'payload'

/**
 * Calendar days as Vietnamese readers write them (21/05/2026). The admin-wide `dateFormat` only
 * reaches list cells and version timestamps; each date field's input needs its own display format.
 */
export const dayInput: DateField['admin'] = {
  date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' },
}
