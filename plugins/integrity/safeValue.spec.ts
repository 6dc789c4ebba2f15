import { describe, expect, it } from 'vitest'

import { findUnsafeValue } from './safeValue'

describe('findUnsafeValue', () => {
  it.each([
    ['a plain document', { title: 'Nghị quyết', tags: ['a', 'b'], n: 1, nested: { ok: true } }],
    ['an empty object', {}],
    ['text with other control characters', { title: 'tab\there' }],
  ])('should accept %s', (_what, value) => {
    expect(findUnsafeValue(value, { maxDepth: 8 })).toBeNull()
  })

  it('should name the path of a NUL character', () => {
    const problem = findUnsafeValue({ body: { items: ['ok', 'x\u0000'] } }, { maxDepth: 8 })
    expect(problem?.code).toBe('nul_character')
    expect(problem?.message).toContain('body.items[1]')
  })

  it('should refuse NUL in a key', () => {
    expect(findUnsafeValue({ 'a\u0000': 1 }, { maxDepth: 8 })?.code).toBe('nul_character')
  })

  it('should refuse a __proto__ key', () => {
    expect(findUnsafeValue(JSON.parse('{"a":{"__proto__":{"x":1}}}'), { maxDepth: 8 })?.code).toBe(
      'forbidden_key',
    )
  })

  it('should refuse nesting one level past the limit, and accept it at the limit', () => {
    const nest = (depth: number) => {
      let value: unknown = 'x'
      for (let i = 0; i < depth; i++) value = [value]
      return value
    }
    expect(findUnsafeValue(nest(8), { maxDepth: 8 })).toBeNull()
    expect(findUnsafeValue(nest(9), { maxDepth: 8 })?.code).toBe('too_deep')
  })

  it('should check a value nested 100,000 deep without overflowing its own stack', () => {
    let value: unknown = 'x'
    for (let i = 0; i < 100_000; i++) value = { a: value }
    expect(findUnsafeValue(value, { maxDepth: 64 })?.code).toBe('too_deep')
  })
})
