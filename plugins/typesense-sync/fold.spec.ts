import { describe, expect, it } from 'vitest'

import { exactForm, fold, foldAligned, foldedTokens } from './fold'
import { highlight } from './highlight'

describe('fold', () => {
  it.each([
    ['Đảng viên', 'dang vien'],
    ['ĐẢNG VIÊN', 'dang vien'],
    ['Đảng viên'.normalize('NFD'), 'dang vien'],
    ['Nghị quyết 05-NQ/TU', 'nghi quyet 05-nq/tu'],
    ['thuỵ', 'thuy'],
    ['thụy', 'thuy'],
    ['Quốc hội', 'quoc hoi'],
  ])('should fold %j to %j', (input, expected) => {
    expect(fold(input)).toBe(expected)
  })

  it('should make the two tone placements of a syllable equal in the exact form', () => {
    expect(exactForm('thuỵ')).toBe(exactForm('thụy'))
    expect(exactForm('hoà bình')).toBe(exactForm('hòa bình'))
    expect(exactForm('khoẻ')).toBe(exactForm('khỏe'))
    expect(exactForm('THỤY')).toBe('thụy')
  })

  it('should not move a tone inside a longer syllable', () => {
    expect(exactForm('hoàn thành')).toBe('hoàn thành')
    expect(exactForm('khuyến khích')).toBe('khuyến khích')
  })

  it('should split a query into folded words', () => {
    expect(foldedTokens('  Đảng viên, chi-bộ! ')).toEqual(['dang', 'vien', 'chi', 'bo'])
  })

  it('should fold character by character, aligned with the original', () => {
    expect(foldAligned('Đảng')).toEqual(['d', 'a', 'n', 'g'])
  })

  it('should keep offsets aligned past an emoji, so highlights land on the right words', () => {
    expect(foldAligned('a😀b')).toEqual(['a', '\uFFFD', 'b'])
    expect(highlight('Chúc mừng 🎉 đảng viên mới', 'dang vien')).toBe(
      'Chúc mừng 🎉 <mark>đảng</mark> <mark>viên</mark> mới',
    )
  })
})
