// Small pure helpers: plain values from untrusted JSON, dates and sizes in Vietnamese.

import { PERIODS } from './labels.js'

/**
 * A trimmed string for a plain value, or '' for anything missing or not text-like.
 * @param {unknown} value
 * @returns {string}
 */
export const str = (value) =>
  typeof value === 'string'
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : ''

/**
 * @param {Record<string, string>} map
 * @param {unknown} value
 */
export const labelOf = (map, value) => {
  const key = str(value)
  return key ? (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : key) : ''
}

/** @param {unknown} text @param {number} [max] */
export const truncate = (text, max = 180) => {
  const s = str(text).replace(/\s+/g, ' ')
  if (s.length <= max) return s
  const cut = s.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Vietnam's clock: UTC+7 all year (no daylight saving since 1975). */
const VIETNAM_OFFSET_MS = 7 * 3600_000

/**
 * { day, month, year } in Vietnam, zero-padded, or null for a missing/invalid date. Computed, not
 * through Intl.DateTimeFormat: loading its Vietnamese and time-zone data cost a phone about
 * 250 ms of the first screen.
 * @param {unknown} value
 * @returns {{ day: string, month: string, year: string } | null}
 */
export const dateParts = (value) => {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const time = new Date(value).getTime()
  if (Number.isNaN(time)) return null
  const local = new Date(time + VIETNAM_OFFSET_MS)
  return {
    day: String(local.getUTCDate()).padStart(2, '0'),
    month: String(local.getUTCMonth() + 1).padStart(2, '0'),
    year: String(local.getUTCFullYear()),
  }
}

/** dd/MM/yyyy (vi-VN), or '' when missing. @param {unknown} value */
export const formatDate = (value) => {
  const p = dateParts(value)
  return p ? `${p.day}/${p.month}/${p.year}` : ''
}

/** @param {unknown} period @param {unknown} start */
export const periodText = (period, start) => {
  const name = labelOf(PERIODS, period)
  const p = dateParts(start)
  if (!p) return name
  if (str(period) === 'month') return `Tháng ${p.month}/${p.year}`
  return `${name ? `${name} từ` : 'Từ'} ${p.day}/${p.month}/${p.year}`
}

/**
 * An absolute http(s) URL string, or null.
 * @param {unknown} value
 * @returns {string | null}
 */
export const safeHttpUrl = (value) => {
  const raw = str(value)
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * A same-origin path (`/api/media/file/…`) or null: files are only ever linked on this host.
 * @param {unknown} value
 * @returns {string | null}
 */
export const localPath = (value) => {
  const raw = str(value)
  if (!raw) return null
  try {
    const url = new URL(raw, location.origin)
    return url.origin === location.origin ? `${url.pathname}${url.search}` : null
  } catch {
    return null
  }
}

/** Parts of a meta line, each once (an author who is also the publisher is named once). @param {unknown[]} parts */
export const joinMeta = (parts) => [...new Set(parts.filter(Boolean))].join(' · ')

/** One decimal at most, with the Vietnamese decimal comma ("1,5"). @param {number} n */
const decimal = (n) => String(Math.round(n * 10) / 10).replace('.', ',')

/** "1,2 MB" (vi-VN decimal comma), or '' for a missing size. @param {unknown} bytes */
export const formatBytes = (bytes) => {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${decimal(bytes / 1024)} KB`
  return `${decimal(bytes / 1024 / 1024)} MB`
}

/** "1 giờ 5 phút", "12 phút 30 giây", or '' for a missing duration in seconds. @param {unknown} seconds */
export const formatDuration = (seconds) => {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return ''
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h) return `${h} giờ${m ? ` ${m} phút` : ''}`
  if (m) return `${m} phút${s ? ` ${s} giây` : ''}`
  return `${s} giây`
}
