import { describe, expect, it } from 'vitest'

import { canonicalUrl } from './canonicalUrl'

describe('canonicalUrl', () => {
  it.each([
    ['https://www.facebook.com/trang-abc/', 'https://facebook.com/trang-abc'],
    [
      'http://M.Facebook.com/trang-abc?fbclid=xyz&utm_source=zalo',
      'https://facebook.com/trang-abc',
    ],
    ['https://youtube.com/watch?v=abc&si=track#t=10', 'https://youtube.com/watch?v=abc'],
    ['https://example.vn/?b=2&a=1', 'https://example.vn/?a=1&b=2'],
    ['  https://example.vn  ', 'https://example.vn'],
  ])('should turn %s into %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected)
  })

  it('should leave what is not an http(s) URL for validation to reject', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBe('javascript:alert(1)')
    expect(canonicalUrl('không phải url')).toBe('không phải url')
    expect(canonicalUrl(undefined)).toBeUndefined()
  })
})
