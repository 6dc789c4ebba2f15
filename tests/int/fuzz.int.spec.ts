/**
 * Property-based fuzzer over every door of the API (REST create, update, list with `where`, the
 * workflow endpoint, GraphQL queries and mutations, the method-override form body, uploads), for
 * every collection and every role. Properties:
 *
 * 1. never a 5xx (nor a GraphQL error whose status is 5xx);
 * 2. every 4xx carries a JSON body with a non-empty human message;
 * 3. nothing is stored on a refusal (a refused create leaves the count as it was, a refused update
 *    or workflow step leaves the item as it was);
 * 4. a successful read by a non-staff role returns no draft and nothing outside its audience.
 *
 * Environment (defaults keep `npm test` fast and reproducible):
 * - `FUZZ_SEED`: fast-check seed (default 20260301); a failure prints the seed and path to replay.
 * - `FUZZ_RUNS`: runs per property (default 25); e.g. `FUZZ_RUNS=500` for a long run.
 * - `FUZZ_MAX_ITEMS`: largest generated array of ids and deepest nesting (default 2000).
 * - `FUZZ_MAX_STRING`: longest generated string (default 200000 characters).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { type Client, type Session } from '../helpers/api'
import {
  type Slug,
  allSlugs,
  bodyChanges,
  contentTypes,
  deepWhere,
  encodePairs,
  fieldsOf,
  hostileValue,
  nastyString,
  pagingParams,
  rawBody,
  rawQueryFragment,
  selectParam,
  toQueryPairs,
  whereClause,
  withChanges,
} from '../helpers/arbitraries'
import { pngHeaderClaiming, pngOf } from '../helpers/files'
import { type TestServer } from '../helpers/server'
import {
  type Role,
  type Visibility,
  type World,
  allRoles,
  expectOk,
  isStaffRole,
  minimalItem,
  publishItem,
  startWorld,
  visibleTo,
} from '../helpers/world'

const SEED = Number(process.env.FUZZ_SEED ?? 20260301)
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)
/** Generous per property: a failing property also shrinks, one request per step. */
const TIMEOUT = Math.max(180_000, RUNS * 6_000)
/** Node's parser refuses longer request lines itself; longer queries go as a form body. */
const MAX_URL = 8_000

let server: TestServer
let api: Client
let world: World
let admin: Session
/** Items the fuzzer may change (never the world's fixtures, which property 4 relies on). */
const targets = {} as Record<Slug, number[]>
/** Ids a client may reference: every real id, plus a few that point at nothing. */
let knownIds: number[] = []
/** Questions non-staff roles asked during the run: theirs to read although they are drafts. */
const ownQuestions: Record<Role, Set<number>> = Object.fromEntries(
  allRoles.map((role) => [role, new Set<number>()]),
) as Record<Role, Set<number>>
let ancestry: Record<Role, number[]>
let uniqueCounter = 0

const hostileIds = [
  '0',
  '-1',
  '1.5',
  'abc',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999',
  '1e3',
  '%20%31',
  '0x1',
  '%00',
  '%FF',
  "1'--",
  '999999',
]

const gqlNames: Record<Slug, { one: string; many: string }> = {
  documents: { one: 'Document', many: 'Documents' },
  orientations: { one: 'Orientation', many: 'Orientations' },
  'identified-pages': { one: 'IdentifiedPage', many: 'IdentifiedPages' },
  references: { one: 'Reference', many: 'References' },
  questions: { one: 'Question', many: 'Questions' },
  units: { one: 'Unit', many: 'Units' },
  users: { one: 'User', many: 'Users' },
  media: { one: 'MediaItem', many: 'Media' },
  'audit-log': { one: 'AuditEntry', many: 'AuditLog' },
}

const isContent = (slug: Slug): slug is ContentSlug =>
  (contentSlugs as string[]).includes(slug as string)

/** A valid item to start from, unique where the collection wants unique values. */
const baseItem = (slug: Slug): Record<string, unknown> => {
  const tag = `fuzz${++uniqueCounter}${Date.now().toString(36)}`
  if (isContent(slug)) return { ...minimalItem[slug](tag), audience: 'public' }
  if (slug === 'units')
    return { name: `Đơn vị ${tag}`, kind: 'chi-bo', code: tag, parent: world.units.root }
  if (slug === 'users')
    return {
      email: `${tag}@fuzz.local`,
      password: 'fuzz-password-123',
      fullName: `Người ${tag}`,
      roles: ['member'],
      unit: world.units.cellB,
    }
  if (slug === 'audit-log')
    return { at: new Date().toISOString(), action: 'login', prevHash: tag, hash: tag }
  return { alt: `Ảnh ${tag}` }
}

// ---------------------------------------------------------------------------------------------
// Requests: generated as plain data (so fast-check can shrink them), printed compactly.

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; bytes: Buffer; contentType: string }
  | { kind: 'form'; text: string }
  | { kind: 'multipart'; parts: Part[] }

type Part =
  { name: string; value: string } | { name: string; file: Buffer; filename: string; type: string }

type Req = {
  door: string
  role: Role
  method: string
  path: string
  slug: Slug
  headers?: Record<string, string>
  body: Body
  /** For updates and workflow steps: the real item the request may change. */
  targetId?: number
  /** For creates: the collection the request may add to. */
  createsIn?: Slug
  /** GraphQL field whose null value means the mutation was refused. */
  gqlField?: string
}

/** Long strings, big arrays and deep values shortened so a counterexample stays readable. */
const summarize = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string')
    return value.length > 120 ? `${value.slice(0, 60)}…(${value.length} chars)` : value
  if (Buffer.isBuffer(value)) return `<bytes ${value.subarray(0, 80).toString('hex')}>`
  if (value === null || typeof value !== 'object') return value
  // Not measured: a value nested thousands deep would overflow JSON.stringify here.
  if (depth > 6) return '…(nested deeper)'
  if (Array.isArray(value)) {
    const head = value.slice(0, 8).map((item) => summarize(item, depth + 1))
    return value.length > 8 ? [...head, `…(${value.length} items)`] : head
  }
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, {
      value: summarize(item, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    })
  return out
}

const describeBody = (body: Body) => {
  switch (body.kind) {
    case 'none':
      return ''
    case 'json':
      return JSON.stringify(summarize(body.value))
    case 'raw':
      return `(${body.contentType}) ${JSON.stringify(body.bytes.subarray(0, 200).toString('latin1'))} hex ${body.bytes.subarray(0, 60).toString('hex')}${body.bytes.length > 200 ? ` …(${body.bytes.length} bytes)` : ''}`
    case 'form':
      return body.text.length > 600
        ? `${body.text.slice(0, 600)}…(${body.text.length} chars)`
        : body.text
    case 'multipart':
      return body.parts
        .map((part) =>
          'file' in part
            ? `${part.name}=<file ${JSON.stringify(part.filename)} ${part.type} ${part.file.length} bytes>`
            : `${part.name}=${JSON.stringify(summarize(part.value))}`,
        )
        .join(' ')
  }
}

const describeReq = (req: Req) => {
  const path =
    req.path.length > 600 ? `${req.path.slice(0, 600)}…(${req.path.length} chars)` : req.path
  const headers = Object.entries(req.headers ?? {})
    .map(([key, value]) => ` -H '${key}: ${value}'`)
    .join('')
  return `[${req.door}] as ${req.role}: ${req.method} ${path}${headers} ${describeBody(req.body)}`
}

/** Gives a generated request a compact printed form in fast-check's counterexample. */
const printable = (req: Req): Req =>
  Object.defineProperty(req, fc.toStringMethod, { value: () => describeReq(req) })

type Res = { status: number; text: string; json: any }

const send = async (req: Req): Promise<Res> => {
  const headers: Record<string, string> = { ...req.headers }
  const token = world.sessions[req.role].token
  if (token) headers.Authorization = `JWT ${token}`
  let body: BodyInit | undefined
  switch (req.body.kind) {
    case 'json':
      body = JSON.stringify(req.body.value)
      headers['Content-Type'] ??= 'application/json'
      break
    case 'raw':
      body = new Uint8Array(req.body.bytes)
      headers['Content-Type'] = req.body.contentType
      break
    case 'form':
      body = req.body.text
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      break
    case 'multipart': {
      const form = new FormData()
      for (const part of req.body.parts) {
        if ('file' in part)
          form.append(
            part.name,
            new Blob([new Uint8Array(part.file)], { type: part.type }),
            part.filename,
          )
        else form.append(part.name, part.value)
      }
      body = form
      break
    }
  }
  const res = await fetch(new URL(req.path, server.url), {
    method: req.method,
    headers,
    body,
    signal: AbortSignal.timeout(45_000),
  })
  const text = await res.text()
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = null
  }
  return { status: res.status, text, json }
}

// ---------------------------------------------------------------------------------------------
// Checks

const fail = (req: Req, res: Res | null, problem: string, logFrom: number): never => {
  const log = server
    .output()
    .slice(logFrom)
    .split('\n')
    // The error's headline, message, cause and SQL (not the stack) say what went wrong.
    .filter((line) =>
      /ERROR|WARN|"(message|msg|detail|code|routine|cause)"|^\s*\w*Error:/.test(line),
    )
    .filter((line, index, lines) => lines.indexOf(line) === index)
    .slice(0, 10)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join('\n    ')
  throw new Error(
    [
      problem,
      `  request: ${describeReq(req)}`,
      res ? `  answer: ${res.status} ${res.text.slice(0, 600)}` : '',
      log ? `  server log:\n    ${log}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  )
}

const messageOf = (json: any): string | undefined => {
  const message = json?.errors?.[0]?.message ?? json?.message ?? json?.error
  return typeof message === 'string' && message.trim() ? message : undefined
}

const gqlErrors = (res: Res): any[] => (Array.isArray(res.json?.errors) ? res.json.errors : [])

/** Properties 1 and 2, for any door. */
const checkAnswer = (req: Req, res: Res, logFrom: number) => {
  if (res.status >= 500) fail(req, res, `a ${res.status} (property 1: never a 5xx)`, logFrom)
  // The public doors answer pages and feeds as well as JSON: there, a readable body is the message.
  const readable = req.door === 'public-get' && !res.json && res.text.trim().length > 0
  if (res.status >= 400 && !messageOf(res.json) && !readable)
    fail(req, res, `a ${res.status} without a message (property 2)`, logFrom)
  if (req.door.startsWith('graphql')) {
    for (const error of gqlErrors(res)) {
      const status = Number(error?.extensions?.statusCode ?? 0)
      if (status >= 500)
        fail(req, res, `a GraphQL error with status ${status} (property 1: never a 5xx)`, logFrom)
      if (typeof error?.message !== 'string' || !error.message.trim())
        fail(req, res, 'a GraphQL error without a message (property 2)', logFrom)
    }
  }
}

const count = async (slug: Slug) => {
  const res = expectOk(await api.get(`/api/${slug}/count?draft=true`, { session: admin }), [200])
  return res.json.totalDocs as number
}

/** The item as stored (admin, latest draft, ids only); key order is not significant. */
const snapshot = async (slug: Slug, id: number) => {
  const res = await api.get(`/api/${slug}/${id}?draft=true&depth=0`, { session: admin })
  return JSON.stringify(sortKeys(res.json ?? res.text))
}

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  )
}

/** The top-level fields that differ between two snapshots, for the failure message. */
const difference = (before = 'null', after = 'null') => {
  const parse = (text: string) => {
    try {
      return (JSON.parse(text) ?? {}) as Record<string, unknown>
    } catch {
      return { text } as Record<string, unknown>
    }
  }
  const [a, b] = [parse(before), parse(after)]
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map(
      (key) =>
        `${key}: ${JSON.stringify(summarize(a[key]))} → ${JSON.stringify(summarize(b[key]))}`,
    )
    .join('; ')
}

const isRefused = (req: Req, res: Res) =>
  res.status >= 400 ||
  (req.gqlField !== undefined &&
    res.json?.data?.[req.gqlField] == null &&
    gqlErrors(res).length > 0)

const fixtureVisibility = (slug: ContentSlug, id: unknown): Visibility | undefined =>
  (Object.entries(world.items[slug]) as [Visibility, { id: number }][]).find(
    ([, item]) => item.id === id,
  )?.[0]

const idsOf = (value: unknown): number[] =>
  Array.isArray(value)
    ? value.map((item) => (item && typeof item === 'object' ? item.id : item))
    : []

/** Property 4: what a non-staff role reads is published and addressed to it. */
const checkReadable = (req: Req, res: Res, docs: any[], logFrom: number) => {
  const { role, slug } = req
  if (isStaffRole(role)) return
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object') continue
    const leak = (why: string) =>
      fail(req, res, `property 4: ${role} read ${slug} ${doc.id}: ${why}`, logFrom)
    if (slug === 'audit-log') leak('the audit log is staff-only')
    if (slug === 'users' && doc.id !== world.users[role as 'member']?.id)
      leak("another user's account")
    if (slug === 'units' && role === 'anonymous') leak('units are for signed-in users')
    if (slug === 'media') {
      if (doc.visibility === 'staff') leak('a staff-only file')
      if (role === 'anonymous' && doc.visibility && doc.visibility !== 'public')
        leak(`a ${doc.visibility} file`)
    }
    if (!isContent(slug)) continue
    const isOwn = slug === 'questions' && ownQuestions[role].has(doc.id)
    const visibility = fixtureVisibility(slug, doc.id)
    if (visibility && !visibleTo[role].includes(visibility)) leak(`the ${visibility} fixture`)
    if (isOwn) continue
    if (doc._status && doc._status !== 'published') leak(`_status ${doc._status}`)
    if (role === 'anonymous' && doc.audience && doc.audience !== 'public')
      leak(`audience ${doc.audience}`)
    if (doc.audience === 'units' && Array.isArray(doc.audienceUnits)) {
      const units = idsOf(doc.audienceUnits)
      if (!units.some((unit) => ancestry[role].includes(unit)))
        leak(`addressed to units ${units.join(',')}`)
    }
  }
}

const docsOf = (req: Req, res: Res): any[] => {
  if (res.status !== 200) return []
  if (req.door.startsWith('graphql')) {
    const data = res.json?.data
    if (!data || typeof data !== 'object') return []
    // A list's docs, or a single item (an object with an id; `{ totalDocs }` is not an item).
    return Object.values(data).flatMap((value: any) =>
      Array.isArray(value?.docs)
        ? value.docs
        : value && typeof value === 'object' && 'id' in value
          ? [value]
          : [],
    )
  }
  if (Array.isArray(res.json?.docs)) return res.json.docs
  // GET /api/home: the cards of every section.
  if (req.path.startsWith('/api/home') && res.json && typeof res.json === 'object')
    return Object.values(res.json).flatMap((list: any) =>
      Array.isArray(list?.docs) ? list.docs : [],
    )
  return res.json && typeof res.json === 'object' && 'id' in res.json ? [res.json] : []
}

/** What the run covered, printed at the end: answers per door and status, docs checked. */
const coverage = new Map<string, number>()
const tally = (key: string, n = 1) => coverage.set(key, (coverage.get(key) ?? 0) + n)

/** Sends one request and checks all four properties. */
const exercise = async (req: Req) => {
  const logFrom = server.output().length
  const before = req.createsIn ? await count(req.createsIn) : undefined
  const beforeItem = req.targetId ? await snapshot(req.slug, req.targetId) : undefined
  let res: Res
  try {
    res = await send(req)
  } catch (err) {
    return fail(req, null, `no answer (property 1): ${String(err)}`, logFrom)
  }
  tally(`${req.door.split(' ')[0]} ${Math.floor(res.status / 100)}xx`)
  checkAnswer(req, res, logFrom)
  if (isRefused(req, res)) {
    if (req.createsIn && (await count(req.createsIn)) !== before)
      fail(req, res, `property 3: a refused create changed the ${req.createsIn} count`, logFrom)
    const afterItem = req.targetId ? await snapshot(req.slug, req.targetId) : undefined
    if (afterItem !== beforeItem)
      fail(
        req,
        res,
        `property 3: a refused request changed ${req.slug} ${req.targetId}: ${difference(beforeItem, afterItem)}`,
        logFrom,
      )
  } else if (req.createsIn === 'questions' && !isStaffRole(req.role)) {
    const id = res.json?.doc?.id ?? res.json?.data?.[req.gqlField ?? '']?.id
    if (id) ownQuestions[req.role].add(id)
  }
  // (The home lists and a member's questions are the reader's own: their docs are checked below.)
  if (req.door === 'public-get' && res.status === 200 && !req.path.startsWith('/api/')) {
    // Pages, feeds and embeds show public items to everyone, whatever credential comes along:
    // no item addressed to members, to units or still a draft is ever named.
    for (const tag of hiddenTags)
      if (res.text.includes(tag))
        fail(req, res, `property 4: a public door named the hidden item "${tag}"`, logFrom)
    tally('public pages checked for hidden items')
  }
  const docs = docsOf(req, res)
  if (!isStaffRole(req.role)) tally('docs read by non-staff and checked', docs.length)
  checkReadable(req, res, docs, logFrom)
}

const assertProperty = (arbitrary: fc.Arbitrary<Req>) =>
  fc.assert(
    fc.asyncProperty(arbitrary.map(printable), (req) => exercise(req)),
    { seed: SEED, numRuns: RUNS },
  )

// ---------------------------------------------------------------------------------------------
// Generators of requests, one per door

const role = fc.constantFrom(...allRoles)
const slug = fc.constantFrom(...allSlugs)

/** A real item to change, or an id that is not one. */
const target = (s: Slug) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...targets[s]).map((id) => ({ id: String(id), real: id })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...hostileIds).map((id) => ({ id, real: undefined })) },
  )

/** A JSON body built from a valid item and some changes, or bytes that are not JSON at all. */
const jsonOrRaw = (s: Slug, isCreate: boolean) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(bodyChanges(s, knownIds), fc.boolean())
        .map(([changes, fromValid]): Body => ({
          kind: 'json',
          value: withChanges(fromValid && isCreate ? baseItem(s) : {}, changes),
        })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'json', value: baseItem(s) }) },
    { weight: 1, arbitrary: hostileValue.map((value): Body => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(rawBody, contentTypes)
        .map(([bytes, contentType]): Body => ({ kind: 'raw', bytes, contentType })),
    },
  )

const createQuery = fc.constantFrom(
  '',
  '?draft=true',
  '?depth=3',
  '?draft=false&depth=-1',
  '?locale=zz',
)
const updateQuery = fc.constantFrom(
  '',
  '?draft=true',
  '?autosave=true',
  '?depth=100',
  '?draft=maybe',
)

const restCreate = fc.tuple(role, slug, createQuery).chain(([r, s, query]) =>
  jsonOrRaw(s, true).map((body): Req => ({
    door: 'rest-create',
    role: r,
    method: 'POST',
    path: `/api/${s}${query}`,
    slug: s,
    body,
    createsIn: s,
  })),
)

const restUpdate = fc.tuple(role, slug, updateQuery).chain(([r, s, query]) =>
  fc.tuple(target(s), jsonOrRaw(s, false)).map(([t, body]): Req => ({
    door: 'rest-update',
    role: r,
    method: 'PATCH',
    path: `/api/${s}/${t.id}${query}`,
    slug: s,
    body,
    targetId: t.real,
  })),
)

const workflowActions = fc.oneof(
  fc.constantFrom('submit', 'request_changes', 'approve', 'unpublish', 'archive'),
  nastyString,
)

const workflowStep = fc.tuple(role, fc.constantFrom(...contentSlugs)).chain(([r, s]) =>
  fc
    .tuple(
      target(s),
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .record(
              {
                action: fc.oneof(workflowActions, hostileValue),
                comment: hostileValue,
                reason: hostileValue,
              },
              { requiredKeys: ['action'] },
            )
            .map((value): Body => ({ kind: 'json', value })),
        },
        { weight: 1, arbitrary: hostileValue.map((value): Body => ({ kind: 'json', value })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(rawBody, contentTypes)
            .map(([bytes, contentType]): Body => ({ kind: 'raw', bytes, contentType })),
        },
      ),
    )
    .map(([t, body]): Req => ({
      door: 'rest-workflow',
      role: r,
      method: 'POST',
      path: `/api/${s}/${t.id}/workflow`,
      slug: s,
      body,
      targetId: t.real,
    })),
)

/** The query string of a list: where, paging, select, and now and then a malformed fragment. */
const listQuery = (s: Slug) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 5, arbitrary: whereClause(s, knownIds) },
        { weight: 1, arbitrary: deepWhere },
        // Plain reads, so property 4 sees many successful answers.
        { weight: 2, arbitrary: fc.constant(undefined) },
      ),
      fc.oneof(pagingParams, fc.constant({ limit: '100', depth: '1' })),
      fc.option(selectParam(s), { nil: undefined }),
      fc.option(rawQueryFragment, { freq: 4, nil: undefined }),
    )
    .map(([where, paging, select, raw]) => {
      const pairs: [string, string][] = [
        ...(where ? toQueryPairs(where, 'where') : []),
        ...(Object.entries(paging) as [string, string][]),
        ...(select ? toQueryPairs(select, 'select') : []),
      ]
      return [encodePairs(pairs), raw].filter(Boolean).join('&')
    })

const restList = fc.tuple(role, slug).chain(([r, s]) =>
  fc
    .tuple(
      listQuery(s),
      fc.option(fc.constantFrom(...targets[s], ...hostileIds), { freq: 4, nil: undefined }),
    )
    .map(([query, id]): Req => {
      const path = `/api/${s}${id === undefined ? '' : `/${id}`}`
      return `${path}?${query}`.length <= MAX_URL
        ? {
            door: 'rest-list',
            role: r,
            method: 'GET',
            path: `${path}?${query}`,
            slug: s,
            body: { kind: 'none' },
          }
        : {
            door: 'rest-list (too long for a URL: sent as a form body)',
            role: r,
            method: 'POST',
            path,
            slug: s,
            headers: { 'X-Payload-HTTP-Method-Override': 'GET' },
            body: { kind: 'form', text: query },
          }
    }),
)

const overrideList = fc.tuple(role, slug).chain(([r, s]) =>
  fc
    .tuple(
      listQuery(s),
      fc.boolean(),
      fc.option(whereClause(s, knownIds), { freq: 2, nil: undefined }),
    )
    .map(([query, isJson, where]): Req => ({
      door: 'rest-override',
      role: r,
      method: 'POST',
      path: `/api/${s}`,
      slug: s,
      headers: { 'X-Payload-HTTP-Method-Override': 'GET' },
      body:
        isJson && where
          ? { kind: 'json', value: { where, limit: 5, locale: 'vi' } }
          : { kind: 'form', text: query },
    })),
)

/** GraphQL select enums use `_` where the stored values use `-`. */
const toGraphQLData = (s: Slug, value: unknown) => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const selects = new Set(fieldsOf[s].filter((field) => field.type === 'select').map((f) => f.name))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, {
      value: selects.has(key) && typeof item === 'string' ? item.replace(/-/g, '_') : item,
      enumerable: true,
      configurable: true,
      writable: true,
    })
  return out
}

const selection = (s: Slug) =>
  isContent(s) ? 'id _status audience' : s === 'media' ? 'id visibility' : 'id'

/** Queries no client should send: deep selections, many aliases, broken syntax. */
const hostileQuery = (s: Slug) =>
  fc.oneof(
    fc
      .integer({ min: 10, max: 400 })
      .map(
        (depth) =>
          `{ ${gqlNames[s].many} { docs { ${'createdBy { createdBy { '.repeat(depth)}id${' } }'.repeat(depth)} } } }`,
      ),
    fc
      .integer({ min: 10, max: 2_000 })
      .map(
        (n) =>
          `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${gqlNames[s].many}(limit: 1) { totalDocs }`).join(' ')} }`,
      ),
    fc.constantFrom(
      '{',
      '}',
      '',
      'query { __typename }',
      '{ __schema { types { name } } }',
      'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
      `{ ${gqlNames[s].many}(where: { id: { equals: "x" } }) { docs { id } } }`,
      `{ ${gqlNames[s].many}(limit: 99999999999) { docs { id } } }`,
      `{ ${gqlNames[s].many}(sort: "\\u0000") { docs { id } } }`,
      `{ ${gqlNames[s].one}(id: 0) { id } }`,
      'mutation { workflow(collection: "documents", id: 2147483647, action: "submit") { id } }',
    ),
    nastyString,
  )

const graphqlQuery = fc.tuple(role, slug).chain(([r, s]) => {
  const { one, many } = gqlNames[s]
  const listed = fc
    .record(
      {
        where: fc.oneof(whereClause(s, knownIds), deepWhere, hostileValue),
        limit: fc.oneof(fc.integer({ min: -5, max: 1_000 }), hostileValue),
        page: fc.oneof(fc.integer({ min: -5, max: 100 }), hostileValue),
        sort: fc.oneof(fc.constantFrom('title', '-createdAt', 'id'), nastyString),
        draft: fc.oneof(fc.boolean(), hostileValue),
      },
      { requiredKeys: [] },
    )
    .map((variables) => ({
      query: `query ($where: ${one}_where, $limit: Int, $page: Int, $sort: String, $draft: Boolean) { ${many}(where: $where, limit: $limit, page: $page, sort: $sort, draft: $draft) { docs { ${selection(s)} } totalDocs } }`,
      variables,
    }))
  const single = fc
    .tuple(fc.oneof(fc.constantFrom(...targets[s]), hostileValue), fc.boolean())
    .map(([id, draft]) => ({
      query: `query ($id: Int!, $draft: Boolean) { ${one}(id: $id, draft: $draft) { ${selection(s)} } }`,
      variables: { id, draft },
    }))
  const hostile = hostileQuery(s).map((query) => ({ query, variables: {} }))
  return fc
    .oneof(
      { weight: 4, arbitrary: listed },
      { weight: 1, arbitrary: single },
      { weight: 1, arbitrary: hostile },
    )
    .map((value): Req => ({
      door: 'graphql-query',
      role: r,
      method: 'POST',
      path: '/api/graphql',
      slug: s,
      body: { kind: 'json', value },
    }))
})

const graphqlMutation = fc.tuple(role, slug).chain(([r, s]) => {
  const { one } = gqlNames[s]
  const create = fc
    .tuple(bodyChanges(s, knownIds), fc.boolean())
    .map(([changes, fromValid]): Req => ({
      door: 'graphql-create',
      role: r,
      method: 'POST',
      path: '/api/graphql',
      slug: s,
      body: {
        kind: 'json',
        value: {
          query: `mutation ($data: mutation${one}Input!) { create${one}(data: $data, draft: true) { id } }`,
          variables: { data: toGraphQLData(s, withChanges(fromValid ? baseItem(s) : {}, changes)) },
        },
      },
      createsIn: s,
      gqlField: `create${one}`,
    }))
  const update = fc
    .tuple(fc.constantFrom(...targets[s]), bodyChanges(s, knownIds))
    .map(([id, changes]): Req => ({
      door: 'graphql-update',
      role: r,
      method: 'POST',
      path: '/api/graphql',
      slug: s,
      body: {
        kind: 'json',
        value: {
          query: `mutation ($id: Int!, $data: mutation${one}UpdateInput!) { update${one}(id: $id, data: $data, draft: true) { id } }`,
          variables: { id, data: toGraphQLData(s, withChanges({}, changes)) },
        },
      },
      targetId: id,
      gqlField: `update${one}`,
    }))
  const workflow = fc
    .tuple(
      fc
        .constantFrom(...contentSlugs)
        .chain((c) => fc.constantFrom(...targets[c]).map((id) => ({ c, id }))),
      workflowActions,
      fc.option(hostileValue, { nil: undefined }),
    )
    .map(([{ c, id }, action, comment]): Req => ({
      door: 'graphql-workflow',
      role: r,
      method: 'POST',
      path: '/api/graphql',
      slug: c,
      body: {
        kind: 'json',
        value: {
          query:
            'mutation ($c: String!, $id: Int!, $a: String!, $m: String) { workflow(collection: $c, id: $id, action: $a, comment: $m) { id fromState toState } }',
          variables: { c, id, a: action, m: comment },
        },
      },
      targetId: id,
      gqlField: 'workflow',
    }))
  return fc.oneof(create, update, workflow)
})

/** Words of fixture items no public door may name (their titles carry these tags). */
const hiddenTags = contentSlugs.flatMap((s) => [
  `members-${s}`,
  `units-${s}`,
  `draft-${s}`,
  `fuzz-target-published-${s}`,
])

/** encodeURIComponent for any string (a lone surrogate, which it refuses, becomes U+FFFD). */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  )

const SEGMENTS = ['van-ban', 'dinh-huong', 'nhan-dien', 'tham-khao', 'hoi-dap']
const publicParam = fc.tuple(
  fc.constantFrom(
    'limit',
    'kind',
    'topic',
    'unit',
    'page',
    'trang',
    'loai',
    'nam',
    'url',
    'format',
    'maxwidth',
    'maxheight',
    'q',
    'section',
  ),
  fc.oneof(nastyString, fc.constantFrom('0', '-1', '50', '51', '1e9', 'json', 'xml', '2026')),
)
const publicQuery = fc
  .array(publicParam, { maxLength: 3 })
  .map((params) =>
    params.length ? `?${params.map(([k, v]) => `${k}=${encode(v)}`).join('&')}` : '',
  )
const anyId = fc.oneof(
  fc.constantFrom(...hostileIds),
  fc.constant('').chain(() => fc.constantFrom(...knownIds.map(String))),
)

/**
 * The doors the reader portal and outside sites use: feeds, embeds, oEmbed, shareable item
 * paths, the portal's own pages, the home lists and a member's own questions.
 */
const publicGet = fc
  .tuple(
    role,
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom('all', ...contentSlugs, 'users', 'x'),
          fc.constantFrom('.json', '.atom', '.rss', '.xml', ''),
          publicQuery,
        )
        .map(([name, ext, query]) => `/feeds/${name}${ext}${query}`),
      fc
        .tuple(fc.constantFrom(...contentSlugs, 'users'), fc.option(anyId), publicQuery)
        .map(([name, id, query]) => `/embed/${name}${id ? `/${encode(id)}` : ''}${query}`),
      fc
        .tuple(fc.constantFrom(...SEGMENTS), anyId)
        .chain(([segment, id]) =>
          fc
            .oneof(
              fc.constant(`http://127.0.0.1/${segment}/${id}`),
              nastyString,
              fc.constant(`/#/documents/${id}`),
            )
            .map((url) => `/oembed?url=${encode(url)}&format=json`),
        ),
      fc
        .tuple(fc.constantFrom(...SEGMENTS), anyId, fc.oneof(nastyString, fc.constant('x')))
        .map(([segment, id, words]) => `/${segment}/${encode(id)}-${encode(words)}`),
      fc
        .tuple(fc.constantFrom(...SEGMENTS, 'dang-nhap', 'cau-hoi-cua-toi'), publicQuery)
        .map(([segment, query]) => `/${segment}${query}`),
      publicQuery.map((query) => `/api/home${query}`),
      publicQuery.map((query) => `/api/questions/mine${query}`),
    ),
  )
  .map(([r, path]): Req => ({
    door: 'public-get',
    role: r,
    method: 'GET',
    path,
    slug: 'documents',
    headers: { Accept: 'text/html,application/json;q=0.9,*/*;q=0.8' },
    body: { kind: 'none' },
  }))

/** Files an upload may carry: real images, lies about the type, bombs' headers, nothing. */
const uploadFile = fc.oneof(
  fc.constant({ kind: 'png' as const }),
  fc.record({
    kind: fc.constant('bytes' as const),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom(
        Buffer.from('<!doctype html><script>alert(1)</script>'),
        Buffer.from('%PDF-1.4\n%%EOF'),
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        Buffer.alloc(0),
      ),
      fc
        .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
        .map(([w, h]) => pngHeaderClaiming(w, h)),
    ),
  }),
)

let pngFile: Buffer

const mediaUpload = fc
  .tuple(
    role,
    fc.option(uploadFile, { freq: 6, nil: undefined }),
    fc.oneof(
      fc.constantFrom(
        'anh.png',
        'tài liệu.pdf',
        '',
        '.',
        '..',
        '../../etc/passwd',
        'a\u0000b.png',
        'x.svg',
        'ảnh.JPG',
      ),
      nastyString.map((name) => `${name}.png`),
    ),
    fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/html', 'image/svg+xml', ''),
    fc.oneof(
      bodyChanges('media', [1]).map((changes) =>
        JSON.stringify(withChanges({ alt: 'Ảnh' }, changes)),
      ),
      nastyString,
      fc.constant('{"alt": '),
    ),
    fc.array(fc.tuple(nastyString, nastyString), { maxLength: 3 }),
  )
  .map(([r, file, filename, type, payload, extra]): Req => {
    const parts: Part[] = [{ name: '_payload', value: payload }]
    if (file)
      parts.push({
        name: 'file',
        file: file.kind === 'png' ? pngFile : file.bytes,
        filename,
        type,
      })
    for (const [name, value] of extra) parts.push({ name: name || 'x', value })
    return {
      door: 'rest-upload',
      role: r,
      method: 'POST',
      path: '/api/media',
      slug: 'media',
      body: { kind: 'multipart', parts },
      createsIn: 'media',
    }
  })

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  ;({ server, api, world } = await startWorld({ env: { RATE_LIMIT_DISABLED: '1' } }))
  admin = world.sessions.admin
  pngFile = await pngOf(8, 8)
  const sessions = { editor: world.sessions.editor, reviewer: world.sessions.reviewer }
  for (const s of contentSlugs) {
    const draft = expectOk(
      await api.post(
        `/api/${s}`,
        { ...minimalItem[s](`fuzz-target-draft-${s}`), audience: 'members' },
        { session: sessions.editor },
      ),
    ).json.doc
    const published = await publishItem(api, sessions, s, {
      ...minimalItem[s](`fuzz-target-published-${s}`),
      audience: 'units',
      audienceUnits: [world.units.cellB],
    })
    targets[s] = [draft.id, published.id]
  }
  const unit = (code: string) =>
    api.post(
      '/api/units',
      { name: `Đích ${code}`, kind: 'chi-bo', code, parent: world.units.root },
      { session: admin },
    )
  targets.units = [
    expectOk(await unit(`FUZZ-${Date.now()}-1`)).json.doc.id,
    expectOk(await unit(`FUZZ-${Date.now()}-2`)).json.doc.id,
  ]
  targets.users = [
    expectOk(
      await api.post(
        '/api/users',
        {
          email: `fuzz-target-${Date.now()}@test.local`,
          password: 'fuzz-password-123',
          fullName: 'Tài khoản đích',
          roles: ['member'],
          unit: world.units.cellB,
        },
        { session: admin },
      ),
    ).json.doc.id,
  ]
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(pngFile)], { type: 'image/png' }), 'dich.png')
  form.append('_payload', JSON.stringify({ alt: 'Tệp đích' }))
  targets.media = [
    expectOk(await api.request('POST', '/api/media', { session: admin, body: form })).json.doc.id,
  ]
  const audit = expectOk(await api.get('/api/audit-log?limit=1&depth=0', { session: admin }), [200])
  targets['audit-log'] = audit.json.docs.map((doc: { id: number }) => doc.id)
  const fixtureIds = contentSlugs.flatMap((s) =>
    Object.values(world.items[s]).map((item) => item.id),
  )
  knownIds = [
    ...new Set([
      ...fixtureIds,
      ...Object.values(targets).flat(),
      ...Object.values(world.units),
      ...Object.values(world.users).map((user) => user.id),
      999_999,
      2_147_483_647,
    ]),
  ]
  ancestry = {
    anonymous: [],
    member: [world.units.cellA, world.units.root],
    outsider: [world.units.cellB, world.units.root],
    editor: [world.units.root],
    reviewer: [world.units.root],
    admin: [world.units.root],
  }
})

afterAll(async () => {
  console.log(
    `[fuzz] seed ${SEED}, ${RUNS} runs: ${[...coverage].map(([key, n]) => `${key}: ${n}`).join(', ')}`,
  )
  await server?.stop()
})

describe('the fuzzer itself', () => {
  const probe = (role: Role, slug: Slug): Req => ({
    door: 'self-test',
    role,
    method: 'GET',
    path: `/api/${slug}`,
    slug,
    body: { kind: 'none' },
  })
  const answer = (status: number, json: unknown): Res => ({
    status,
    json,
    text: JSON.stringify(json),
  })

  it('should flag a 5xx, and a 4xx without a message', () => {
    expect(() => checkAnswer(probe('member', 'documents'), answer(502, { errors: [] }), 0)).toThrow(
      /property 1/,
    )
    expect(() =>
      checkAnswer(probe('member', 'documents'), answer(400, { errors: [{}] }), 0),
    ).toThrow(/property 2/)
    expect(() =>
      checkAnswer(probe('member', 'documents'), answer(400, { errors: [{ message: 'Sai' }] }), 0),
    ).not.toThrow()
  })

  it('should flag a draft, or an item outside the audience, shown to a reader', () => {
    const { draft, units } = world.items.documents
    const leak = (role: Role, doc: Record<string, unknown>) => () =>
      checkReadable(probe(role, 'documents'), answer(200, { docs: [doc] }), [doc], 0)
    expect(leak('member', { id: draft.id })).toThrow(/property 4/)
    expect(leak('outsider', { id: units.id })).toThrow(/property 4/)
    expect(leak('anonymous', { id: -1, _status: 'published', audience: 'members' })).toThrow(
      /property 4/,
    )
    expect(leak('member', { id: units.id, _status: 'published', audience: 'units' })).not.toThrow()
    expect(leak('editor', { id: draft.id, _status: 'draft' })).not.toThrow()
  })
})

describe(`fuzzing every door (seed ${SEED}, ${RUNS} runs each)`, () => {
  it(
    'should answer every REST create sanely and store nothing on a refusal',
    { timeout: TIMEOUT },
    () => assertProperty(restCreate),
  )

  it(
    'should answer every REST update sanely and change nothing on a refusal',
    { timeout: TIMEOUT },
    () => assertProperty(restUpdate),
  )

  it('should answer every upload sanely and store nothing on a refusal', { timeout: TIMEOUT }, () =>
    assertProperty(mediaUpload),
  )

  it(
    'should answer every workflow step sanely and change nothing on a refusal',
    { timeout: TIMEOUT },
    () => assertProperty(workflowStep),
  )

  it(
    'should answer every REST list sanely and show readers only what they may read',
    { timeout: TIMEOUT },
    () => assertProperty(restList),
  )

  it(
    'should answer every method-override list sanely and show readers only what they may read',
    { timeout: TIMEOUT },
    () => assertProperty(overrideList),
  )

  it(
    'should answer every GraphQL query sanely and show readers only what they may read',
    { timeout: TIMEOUT },
    () => assertProperty(graphqlQuery),
  )

  it(
    'should answer every public door (feeds, embeds, oEmbed, item paths, portal pages, home lists) sanely and name no hidden item',
    { timeout: TIMEOUT },
    () => assertProperty(publicGet),
  )

  it(
    'should answer every GraphQL mutation sanely and store nothing on a refusal',
    { timeout: TIMEOUT },
    () => assertProperty(graphqlMutation),
  )
})
