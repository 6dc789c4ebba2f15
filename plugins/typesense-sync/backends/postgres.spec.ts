import { describe, expect, it } from 'vitest'

import { positionalVector, wordsQuery, wordsVector } from './postgres'

describe('PostgreSQL search values', () => {
  it('should make the last word a prefix and join the rest as whole words', () => {
    expect(wordsQuery([['dang'], ['vi']])).toBe(`'dang' & 'vi':*`)
    expect(wordsQuery([['dang'], ['vien']], ' <-> ')).toBe(`'dang' <-> 'vien':*`)
  })

  it('should offer typo corrections as alternatives, the word as typed first', () => {
    expect(wordsQuery([['dabg', 'dang'], ['vien']])).toBe(`('dabg' | 'dang') & 'vien':*`)
    expect(wordsQuery([['dang'], ['viem', 'vien', 'viet']])).toBe(
      `'dang' & ('viem':* | 'vien' | 'viet')`,
    )
  })

  it('should quote words so no input can change the query syntax', () => {
    expect(wordsQuery([[`o'neil`], ['a\\b']])).toBe(`'o''neil' & 'a\\\\b':*`)
    expect(wordsVector(['x', `y'z`, 'x'])).toBe(`'x' 'y''z'`)
  })

  it('should number title words and drop words too long to index', () => {
    expect(positionalVector(['dang', 'vien', 'x'.repeat(101), 'tre'])).toBe(
      `'dang':1 'vien':2 'tre':3`,
    )
  })
})
