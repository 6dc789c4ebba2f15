import { describe, expect, it } from 'vitest'

import { boundedError } from './payloadLogger'

describe('boundedError', () => {
  it('should keep a failed query out of the log: no bound values, bounded size', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i + 1)
    const failed = Object.assign(
      new Error(
        `Failed query: select "id" from "documents" where "id" in ($1, …)\nparams: ${ids.join(',')}`,
      ),
      {
        cause: Object.assign(new Error('bind message has too many parameters'), { code: '08P01' }),
      },
    )
    const entry = boundedError(failed)
    const text = JSON.stringify(entry)
    expect(text.length).toBeLessThan(12_000)
    expect(text).not.toContain('99999')
    expect(entry.message).toContain('Failed query')
    expect((entry.cause as { code: string }).code).toBe('08P01')
  })

  it('should cut a very long message and say how much was left out', () => {
    const entry = boundedError(new Error('x'.repeat(50_000)))
    expect(String(entry.message).length).toBeLessThan(1_100)
    expect(entry.message).toMatch(/more characters/)
  })

  it('should stop following causes after a few levels', () => {
    let err: Error = new Error('root')
    for (let i = 0; i < 50; i++) err = Object.assign(new Error(`level ${i}`), { cause: err })
    let depth = 0
    for (let entry = boundedError(err); entry; entry = entry.cause as Record<string, unknown>)
      depth += 1
    expect(depth).toBe(3)
  })
})
