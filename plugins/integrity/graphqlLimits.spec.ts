import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql'
import { describe, expect, it } from 'vitest'

import {
  DEFAULT_GRAPHQL_LIMITS,
  findFragmentCycle,
  graphqlLimitsFromEnv,
  graphqlLimitsRule,
  measureOperation,
} from './graphqlLimits'

/** The shapes Payload generates: a paginated query, a single-item query, relationships. */
const schema = buildSchema(`
  type Document {
    id: Int
    title: String
    bodyHtml: String
    supersedes: Document
    relatedDocuments: [Document]
  }
  type Documents { docs: [Document] totalDocs: Int hasNextPage: Boolean }
  type Query {
    Documents(limit: Int, page: Int, draft: Boolean): Documents
    Document(id: Int!): Document
  }
`)

const measure = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query)
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!
  const errors: string[] = []
  const stats = measureOperation({
    schema,
    document,
    operation: operation as never,
    variables,
    limits: DEFAULT_GRAPHQL_LIMITS,
    report: (error) => errors.push(error.message),
  })
  return { ...stats, errors }
}

const check = (query: string, variables: Record<string, unknown> = {}) =>
  validate(schema, parse(query), [
    ...specifiedRules,
    graphqlLimitsRule(DEFAULT_GRAPHQL_LIMITS, variables),
  ])

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`

const ATTACK = 'Documents(limit: 100) { docs { id title bodyHtml } }'

describe('graphqlLimitsFromEnv', () => {
  it('should use the defaults when nothing is set', () => {
    expect(graphqlLimitsFromEnv({})).toEqual(DEFAULT_GRAPHQL_LIMITS)
  })

  it('should read each limit from its variable', () => {
    expect(
      graphqlLimitsFromEnv({
        GRAPHQL_MAX_COST: '100',
        GRAPHQL_MAX_ALIASES: '2',
        GRAPHQL_MAX_DEPTH: '3',
        GRAPHQL_MAX_QUERY_BYTES: '400',
        MAX_PAGE_SIZE: '50',
      }),
    ).toEqual({ maxCost: 100, maxAliases: 2, maxDepth: 3, maxQueryBytes: 400, maxPageSize: 50 })
  })

  it.each(['0', '-1', 'abc', '1.5'])('should refuse %j rather than switch a guard off', (raw) => {
    expect(() => graphqlLimitsFromEnv({ GRAPHQL_MAX_COST: raw })).toThrow(/GRAPHQL_MAX_COST/)
  })
})

describe('the cost estimate', () => {
  it.each([
    ['a single item', '{ Document(id: 1) { id title } }', {}, 3],
    ['a page of 100 with three fields', `{ ${ATTACK} }`, {}, 302],
    ['a page without limit (Payload gives 10)', '{ Documents { docs { id } } }', {}, 12],
    ['limit: 0 as the maximum page size', '{ Documents(limit: 0) { docs { id } } }', {}, 102],
    [
      'a limit from a variable',
      'query ($l: Int) { Documents(limit: $l) { docs { id } } }',
      { l: 50 },
      52,
    ],
    [
      "a variable's default value",
      'query ($l: Int = 20) { Documents(limit: $l) { docs { id } } }',
      {},
      22,
    ],
    [
      'a fragment as if written inline',
      '{ Documents(limit: 100) { ...P } } fragment P on Documents { docs { id } }',
      {},
      102,
    ],
    ['a list without limit as 10 items', '{ Document(id: 1) { relatedDocuments { id } } }', {}, 12],
    ['200 aliases of a page of 100', aliases(200, ATTACK), {}, 200 * 302],
  ])('should count %s', (_name, query, variables, cost) => {
    expect(measure(query, variables).cost).toBe(cost)
  })

  it('should count introspection lists once (answered from memory)', () => {
    expect(measure(getIntrospectionQuery()).cost).toBeLessThan(DEFAULT_GRAPHQL_LIMITS.maxCost)
  })
})

describe('the limits rule', () => {
  it.each([
    ['a page of 100', `{ ${ATTACK} }`],
    ['a few aliases', aliases(5, 'Documents(limit: 20) { totalDocs docs { id title } }')],
    ['a relationship chain', '{ Document(id: 1) { supersedes { supersedes { title } } } }'],
    ["graphql's standard introspection query", getIntrospectionQuery()],
  ])('should accept %s', (_name, query) => {
    expect(check(query)).toEqual([])
  })

  it.each([
    ['cost', 'GRAPHQL_MAX_COST', aliases(20, ATTACK)],
    ['aliases', 'GRAPHQL_MAX_ALIASES', aliases(21, 'Document(id: 1) { id }')],
    [
      'depth',
      'GRAPHQL_MAX_DEPTH',
      `{ Document(id: 1) { ${'supersedes { '.repeat(15)}id${' }'.repeat(15)} } }`,
    ],
  ])('should refuse a query over the %s limit, naming it', (limit, envName, query) => {
    const errors = check(query)
    expect(errors.map((e) => e.extensions.limit)).toContain(limit)
    const error = errors.find((e) => e.extensions.limit === limit)!
    expect(error.message).toContain(envName)
    expect(error.extensions.statusCode).toBe(400)
  })

  it('should count aliases inside a fragment each time it is spread', () => {
    const query = `{ ${Array.from({ length: 7 }, (_, i) => `d${i}: Document(id: ${i}) { ...F }`).join(' ')} }
      fragment F on Document { a: id b: title }`
    expect(measure(query).aliases).toBe(7 + 7 * 2)
  })

  it('should refuse an absurd limit by its cost', () => {
    const errors = check('{ Documents(limit: 1000000000, page: 1) { docs { id } } }')
    expect(errors.map((e) => e.extensions.limit)).toEqual(['cost'])
  })

  it.each([
    ['page: 0', '{ Documents(page: 0) { docs { id } } }', {}],
    ['page: -1', '{ Documents(page: -1) { docs { id } } }', {}],
    [
      'a negative page variable',
      'query ($p: Int) { Documents(page: $p) { totalDocs } }',
      { p: -1 },
    ],
    ['limit: -5', '{ Documents(limit: -5) { docs { id } } }', {}],
    [
      'a negative limit variable',
      'query ($l: Int) { Documents(limit: $l) { totalDocs } }',
      { l: -5 },
    ],
  ])('should refuse %s as an argument error', (_name, query, variables) => {
    const errors = check(query, variables)
    expect(errors.map((e) => e.extensions.limit)).toEqual(['argument'])
    expect(errors[0].extensions.statusCode).toBe(400)
  })

  it('should not recurse forever on a fragment cycle', () => {
    const query = `{ Document(id: 1) { ...A } }
      fragment A on Document { supersedes { ...B } }
      fragment B on Document { supersedes { ...A } }`
    // graphql's NoFragmentCyclesRule reports the cycle; the limits rule only has to terminate.
    expect(check(query).map((e) => e.message)).toEqual([
      expect.stringContaining('Cannot spread fragment "A" within itself via "B"'),
    ])
  })
})

describe('findFragmentCycle', () => {
  it.each([
    ['no fragments', '{ a }', null],
    ['a chain', '{ ...A } fragment A on Q { ...B } fragment B on Q { b }', null],
    [
      'a cycle of two',
      '{ ...A } fragment A on Q { x { ...B } } fragment B on Q { y { ...A } }',
      ['A', 'B', 'A'],
    ],
    ['a fragment spreading itself', 'fragment A on Q { ... on Q { ...A } }', ['A', 'A']],
  ])('should find %s', (_name, query, cycle) => {
    expect(findFragmentCycle(parse(query))).toEqual(cycle)
  })

  it('should follow a chain of thousands of fragments without overflowing the stack', () => {
    const count = 5_000
    const fragments = Array.from(
      { length: count },
      (_, i) => `fragment F${i} on Q { ...F${(i + 1) % count} }`,
    ).join('\n')
    expect(findFragmentCycle(parse(`{ ...F0 } ${fragments}`))).toHaveLength(count + 1)
  })
})
