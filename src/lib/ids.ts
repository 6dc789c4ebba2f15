/**
 * The id of a relationship value, whether populated (`{ id }`) or not: a positive integer, or null
 * for anything else. All ids in this project are PostgreSQL serials.
 */
export const idOf = (value: unknown): number | null => {
  if (value == null || value === '') return null
  const id = Number(typeof value === 'object' ? (value as { id?: unknown }).id : value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/** Largest id of a PostgreSQL `integer` (serial) column: a bigger number names no row. */
export const MAX_ROW_ID = 2_147_483_647

/** True for a number that can be a row id (positive, within PostgreSQL's `integer`). */
export const isRowId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= MAX_ROW_ID
