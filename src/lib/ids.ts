/**
 * The id of a relationship value, whether populated (`{ id }`) or not: a positive integer, or null
 * for anything else. All ids in this project are PostgreSQL serials.
 */
export const idOf = (value: unknown): number | null => {
  if (value == null || value === '') return null
  const id = Number(typeof value === 'object' ? (value as { id?: unknown }).id : value)
  return Number.isInteger(id) && id > 0 ? id : null
}
