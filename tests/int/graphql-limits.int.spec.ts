import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client } from '../helpers/api'
import { type TestServer } from '../helpers/server'
import { type World, startWorld } from '../helpers/world'

let server: TestServer
let api: Client
let world: World

beforeAll(async () => {
  ;({ server, api, world } = await startWorld())
})
afterAll(async () => {
  await server?.stop()
})

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`

const limitsOf = (json: { errors?: { extensions?: { limit?: string } }[] } | null) =>
  (json?.errors ?? []).map((error) => error.extensions?.limit)

const postRaw = (body: string) =>
  api.request('POST', '/api/graphql', { body, headers: { 'Content-Type': 'application/json' } })

describe('GraphQL over HTTP', () => {
  it('should still answer a normal query', async () => {
    const res = await api.graphql('{ Documents(limit: 10) { totalDocs docs { id title } } }')
    expect(res.status).toBe(200)
    expect(res.json.errors).toBeUndefined()
    expect(res.text).toContain(world.items.documents.public.title)
  })

  // 200 aliases ran 106.7 s before these limits, 100 held other requests back 16 s.
  it.each([
    [200, ['queryBytes'], 'GRAPHQL_MAX_QUERY_BYTES'],
    [100, ['aliases', 'cost'], 'GRAPHQL_MAX_COST'],
    [17, ['cost'], 'GRAPHQL_MAX_COST'],
  ])(
    'should refuse %i aliases of a 100-item page at once, naming the limit',
    async (count, limits, envName) => {
      const query = aliases(count, 'Documents(limit: 100) { docs { id title bodyHtml } }')
      const started = performance.now()
      const res = await api.graphql(query)
      const elapsed = performance.now() - started
      console.log(`[graphql-limits] ${count}-alias query refused in ${elapsed.toFixed(0)} ms`)
      expect(res.status).toBe(400)
      expect(limitsOf(res.json)).toEqual(limits)
      expect(res.text).toContain(envName)
      expect(elapsed).toBeLessThan(1000)
    },
  )

  it('should refuse a fragment cycle with 400', async () => {
    const res = await api.graphql(
      `{ Documents { docs { ...A } } }
       fragment A on Document { supersedes { ...B } }
       fragment B on Document { supersedes { ...A } }`,
    )
    expect(res.status).toBe(400)
    expect(limitsOf(res.json)).toEqual(['fragmentCycle'])
  })

  it.each([
    [
      'a huge limit with a negative page',
      '{ Documents(limit: 1000000000, page: -1) { docs { id } } }',
      {},
    ],
    ['a huge limit', '{ Documents(limit: 1000000000) { docs { id } } }', {}],
    ['page: 0', '{ Documents(page: 0) { docs { id } } }', {}],
    ['a negative limit', '{ Documents(limit: -5) { docs { id } } }', {}],
    [
      'a negative page variable',
      'query ($p: Int) { Documents(page: $p) { docs { id } } }',
      { p: -1 },
    ],
    ['a limit beyond 32 bits', '{ Documents(limit: 10000000000) { docs { id } } }', {}],
  ])('should answer %s with a client error, not a 500', async (_name, query, variables) => {
    const res = await api.graphql(query, { variables })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/\S/)
    expect(res.text).not.toContain('"statusCode":500')
  })

  it.each([
    ['truncated JSON', '{"query": '],
    ['null', 'null'],
    ['a string', '"x"'],
    ['an array', '[]'],
    ['a missing query', '{}'],
    ['a numeric query', '{"query": 5}'],
    ['invalid variables', '{"query": "{ Documents { totalDocs } }", "variables": "x"}'],
    ['a syntax error', '{"query": "{ Documents( "}'],
  ])('should answer a body with %s with 400 and a message', async (_name, body) => {
    const res = await postRaw(body)
    expect(res.status).toBe(400)
    // A message the user can act on, in Vietnamese (graphql-http's own are English).
    expect(res.json.errors[0].message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêệềếểễôộồốổỗơớờợởỡưứừựửữđ]/i)
  })
})
