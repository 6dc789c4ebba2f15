// The year filter of the lists: this year and the nine before it.

/** @returns {Record<string, string>} */
export const recentYears = () => {
  const now = new Date().getFullYear()
  /** @type {Record<string, string>} */
  const years = {}
  for (let year = now; year > now - 10; year--) years[String(year)] = `Năm ${year}`
  return years
}

/**
 * A `where` on a date field for one calendar year in Vietnam (UTC+7).
 * @param {string} field
 * @param {string} value
 */
export const yearWhere = (field, value) => {
  const year = Number(value)
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return ''
  const start = new Date(Date.UTC(year, 0, 1) - 7 * 3600_000).toISOString()
  const end = new Date(Date.UTC(year + 1, 0, 1) - 7 * 3600_000).toISOString()
  return `&where[${field}][greater_than_equal]=${start}&where[${field}][less_than]=${end}`
}

/** @param {Record<string, string>} options @param {string} field */
export const equalsWhere = (options, field) => /** @param {string} value */ (value) =>
  Object.prototype.hasOwnProperty.call(options, value)
    ? `&where[${field}][equals]=${encodeURIComponent(value)}`
    : ''
