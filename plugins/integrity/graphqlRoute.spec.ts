import { describe, expect, it, vi } from 'vitest'

import { DEFAULT_GRAPHQL_LIMITS } from './graphqlLimits'
import { checkGraphQLBody, guardGraphQLRoute } from './graphqlRoute'

const limits = DEFAULT_GRAPHQL_LIMITS

const post = (body: string) =>
  new Request('http://localhost/api/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })

describe('checkGraphQLBody', () => {
  it.each([
    ['an empty body', ''],
    ['truncated JSON', '{"query": '],
    ['null', 'null'],
    ['a string', '"x"'],
    ['an array', '[]'],
    ['a missing query', '{}'],
    ['a numeric query', '{"query": 5}'],
    ['string variables', '{"query": "{ a }", "variables": "x"}'],
    ['array variables', '{"query": "{ a }", "variables": []}'],
    ['a numeric operationName', '{"query": "{ a }", "operationName": 1}'],
    ['a syntax error', '{"query": "{ Documents( "}'],
  ])('should refuse %s with a message', (_name, body) => {
    expect(checkGraphQLBody(body, limits)?.message).toMatch(/\S/)
  })

  it('should accept a well-formed request', () => {
    expect(
      checkGraphQLBody(JSON.stringify({ query: '{ a }', variables: { x: 1 } }), limits),
    ).toBeNull()
  })

  it('should refuse a query over the size limit, naming it', () => {
    const query = `{ a${' '.repeat(limits.maxQueryBytes)} }`
    const refusal = checkGraphQLBody(JSON.stringify({ query }), limits)
    expect(refusal).toMatchObject({ limit: 'queryBytes', max: limits.maxQueryBytes })
    expect(refusal?.message).toContain('GRAPHQL_MAX_QUERY_BYTES')
  })

  it('should refuse nesting too deep for the parser before parsing', () => {
    const query = `${'{ a '.repeat(2000)}${'}'.repeat(2000)}`
    expect(checkGraphQLBody(JSON.stringify({ query }), limits)).toMatchObject({ limit: 'depth' })
  })

  it('should refuse a fragment cycle', () => {
    const query =
      '{ Documents { docs { ...A } } } fragment A on Document { supersedes { ...B } } fragment B on Document { supersedes { ...A } }'
    expect(checkGraphQLBody(JSON.stringify({ query }), limits)).toMatchObject({
      limit: 'fragmentCycle',
    })
  })
})

describe('guardGraphQLRoute', () => {
  it('should answer a refused body with 400 without calling Payload', async () => {
    const handler = vi.fn()
    const res = await guardGraphQLRoute({ handler, limits })(post('{"query": '))
    expect(res.status).toBe(400)
    expect((await res.json()).errors[0].extensions.statusCode).toBe(400)
    expect(handler).not.toHaveBeenCalled()
  })

  it('should pass a successful response through unchanged', async () => {
    const body = { data: { Documents: { totalDocs: 1 } } }
    const guard = guardGraphQLRoute({ handler: async () => answer(body), limits })
    const res = await guard(post('{"query": "{ a }"}'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(body)
  })

  it.each([
    ['errors without data (validation)', { errors: [{ message: 'x' }] }, 400],
    [
      'only 400 errors and no data',
      { errors: [{ message: 'x', extensions: { statusCode: 400 } }], data: { Documents: null } },
      400,
    ],
    [
      'a server error beside null data',
      { errors: [{ message: 'x', extensions: { statusCode: 500 } }], data: { Documents: null } },
      200,
    ],
    [
      'a client error beside partial data',
      {
        errors: [{ message: 'x', extensions: { statusCode: 400 } }],
        data: { a: null, b: { id: 1 } },
      },
      200,
    ],
  ])('should answer %s with HTTP %i', async (_name, body, status) => {
    const guard = guardGraphQLRoute({ handler: async () => answer(body), limits })
    const res = await guard(post('{"query": "{ a }"}'))
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual(body)
  })

  it("should answer a client error Payload's handler throws with its status", async () => {
    const handler = async (): Promise<Response> => {
      throw Object.assign(new Error('Không được phép.'), { status: 403 })
    }
    const res = await guardGraphQLRoute({ handler, limits })(post('{"query": "{ a }"}'))
    expect(res.status).toBe(403)
  })

  it('should let a server error propagate', async () => {
    const handler = async (): Promise<Response> => {
      throw new Error('database down')
    }
    await expect(
      guardGraphQLRoute({ handler, limits })(post('{"query": "{ a }"}')),
    ).rejects.toThrow('database down')
  })
})
