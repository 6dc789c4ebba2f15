import { foldAligned, foldedTokens } from './fold'

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

/**
 * A short excerpt of `text` around the first query word, with every query word (matched without
 * diacritics, as a word prefix) wrapped in <mark>. Everything else is HTML-escaped.
 */
export const highlight = (text: string, query: string, width = 180): string => {
  const source = [...text.normalize('NFC')]
  const folded = foldAligned(text)
  const tokens = foldedTokens(query).filter((token) => token.length > 0)
  if (!folded || tokens.length === 0) return escape(source.slice(0, width).join(''))
  const haystack = folded.join('')
  const ranges: [number, number][] = []
  for (const token of tokens) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      'gu',
    )
    for (const match of haystack.matchAll(pattern)) {
      // Indices of matchAll are UTF-16 offsets; folded chars are all single code units here.
      ranges.push([match.index!, match.index! + token.length])
    }
  }
  ranges.sort((a, b) => a[0] - b[0])
  const first = ranges[0]?.[0] ?? 0
  const start = Math.max(0, first - Math.floor(width / 3))
  const end = Math.min(source.length, start + width)
  let out = start > 0 ? '…' : ''
  let cursor = start
  for (const [from, to] of ranges) {
    if (to <= cursor || from >= end) continue
    const a = Math.max(from, cursor)
    out +=
      escape(source.slice(cursor, a).join('')) +
      '<mark>' +
      escape(source.slice(a, Math.min(to, end)).join('')) +
      '</mark>'
    cursor = Math.min(to, end)
  }
  out += escape(source.slice(cursor, end).join(''))
  return end < source.length ? `${out}…` : out
}
