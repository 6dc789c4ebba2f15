/**
 * Vietnamese text as people type it: without diacritics, in capitals, decomposed (NFD) or with the
 * tone mark on either vowel of "oa/oe/uy". The same functions run at index and at query time.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g
/** The five tone marks (grave, acute, hook above, tilde, dot below) as combining characters. */
const TONE = '[\u0300\u0301\u0309\u0303\u0323]'
/** "oà, oé, uý" (tone on the second vowel) at the end of a syllable → "òa, óe, úy". */
const NEW_STYLE_TONE = new RegExp(`([oOuU])([aAeEyY])(${TONE})(?![\\p{L}\\p{M}])`, 'gu')

/**
 * Lowercase, NFC, with one tone placement ("thuỵ" and "thụy" become the same string). Keeps the
 * diacritics: this is the "exact" form that ranks accented matches first.
 */
export const exactForm = (text: string): string =>
  text.normalize('NFD').replace(NEW_STYLE_TONE, '$1$3$2').normalize('NFC').toLowerCase()

/** No diacritics at all: "Đảng viên" → "dang vien". */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC')

/** Folded words of a query, letters and digits only. */
export const foldedTokens = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)

/**
 * Folds one character at a time so the folded string lines up with the original, character for
 * character; used to place highlight marks in the original text. Returns null where a character
 * would fold to more or fewer than one (then no highlight is attempted).
 */
export const foldAligned = (text: string): string[] | null => {
  const chars = [...text.normalize('NFC')]
  const out: string[] = []
  for (const char of chars) {
    let folded = foldedChars.get(char)
    if (folded === undefined) {
      const whole = fold(char)
      // One UTF-16 unit per character keeps offsets aligned: a character outside the BMP (an
      // emoji) stands in as U+FFFD, which is not a letter; one that folds to two is unalignable.
      folded = whole.length === 1 ? whole : [...whole].length === 1 ? '\uFFFD' : ''
      if (foldedChars.size < 10_000) foldedChars.set(char, folded)
    }
    if (folded === '') return null
    out.push(folded)
  }
  return out
}
/** Folding one character at a time is slow (two normalisations each); text repeats characters. */
const foldedChars = new Map<string, string>()

/** Words as typed (lowercase, accents kept, one tone placement): the "exact" tokens. */
export const exactTokens = (text: string): string[] =>
  exactForm(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
