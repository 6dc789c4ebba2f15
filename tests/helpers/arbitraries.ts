import fc from 'fast-check'

import { contentSlugs } from '../../collections/slugs'
import { element, text as textNode } from '../../src/lib/lexical'

/**
 * fast-check generators for the fuzzer (tests/int/fuzz.int.spec.ts): the collections' field
 * shapes, valid-looking data for them mixed with hostile values, `where` clauses and GraphQL
 * documents. Sizes are bounded by `FUZZ_MAX_ITEMS` (longest array of ids, deepest nesting) and
 * `FUZZ_MAX_STRING` (longest string), so a default run stays fast and a long run can go bigger.
 */

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

export const limits = {
  maxItems: envInt('FUZZ_MAX_ITEMS', 2_000),
  maxString: envInt('FUZZ_MAX_STRING', 200_000),
  maxDepth: Math.min(envInt('FUZZ_MAX_ITEMS', 2_000), 5_000),
}

export type FieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'password'
  | 'select'
  | 'date'
  | 'number'
  | 'checkbox'
  | 'relationship'
  | 'upload'
  | 'richText'
  | 'json'
  | 'array'

export type FieldSpec = {
  name: string
  type: FieldType
  options?: string[]
  hasMany?: boolean
}

const audienceFields: FieldSpec[] = [
  { name: 'audience', type: 'select', options: ['public', 'members', 'units'] },
  { name: 'audienceUnits', type: 'relationship', hasMany: true },
  { name: 'reviewState', type: 'select', options: ['draft', 'in_review', 'published'] },
  { name: 'reviewComment', type: 'textarea' },
  { name: 'publishAt', type: 'date' },
  { name: 'unpublishAt', type: 'date' },
  { name: 'createdBy', type: 'relationship' },
  { name: '_status', type: 'select', options: ['draft', 'published'] },
]

/** Field names and types as declared in collections/ (what a client may try to send). */
export const fieldsOf: Record<string, FieldSpec[]> = {
  documents: [
    { name: 'title', type: 'text' },
    { name: 'symbol', type: 'text' },
    { name: 'kind', type: 'select', options: ['nghi-quyet', 'chi-thi', 'bao-cao'] },
    { name: 'issuingBody', type: 'text' },
    { name: 'issueDate', type: 'date' },
    { name: 'effectiveDate', type: 'date' },
    { name: 'expiryDate', type: 'date' },
    { name: 'supersedes', type: 'relationship' },
    { name: 'supersededBy', type: 'relationship' },
    { name: 'validity', type: 'select', options: ['in_force', 'expired'] },
    { name: 'successor', type: 'json' },
    { name: 'summary', type: 'textarea' },
    { name: 'body', type: 'richText' },
    { name: 'bodyHtml', type: 'textarea' },
    { name: 'attachments', type: 'upload', hasMany: true },
    ...audienceFields,
  ],
  orientations: [
    { name: 'title', type: 'text' },
    { name: 'period', type: 'select', options: ['month', 'week'] },
    { name: 'periodStart', type: 'date' },
    { name: 'topic', type: 'text' },
    { name: 'keyMessages', type: 'array' },
    { name: 'talkingPoints', type: 'richText' },
    { name: 'relatedDocuments', type: 'relationship', hasMany: true },
    { name: 'relatedReferences', type: 'relationship', hasMany: true },
    { name: 'audio', type: 'upload' },
    ...audienceFields,
  ],
  'identified-pages': [
    { name: 'name', type: 'text' },
    { name: 'platform', type: 'select', options: ['facebook-page', 'website', 'other'] },
    { name: 'classification', type: 'select', options: ['official', 'hostile'] },
    { name: 'pageStatus', type: 'select', options: ['active', 'removed'] },
    { name: 'url', type: 'text' },
    { name: 'reason', type: 'textarea' },
    { name: 'description', type: 'richText' },
    { name: 'evidence', type: 'upload', hasMany: true },
    { name: 'firstSeen', type: 'date' },
    { name: 'lastVerified', type: 'date' },
    { name: 'rebuttals', type: 'relationship', hasMany: true },
    ...audienceFields,
  ],
  references: [
    { name: 'title', type: 'text' },
    { name: 'kind', type: 'select', options: ['book', 'video', 'podcast'] },
    { name: 'author', type: 'text' },
    { name: 'publisher', type: 'text' },
    { name: 'year', type: 'number' },
    { name: 'topics', type: 'text', hasMany: true },
    { name: 'summary', type: 'textarea' },
    { name: 'description', type: 'richText' },
    { name: 'file', type: 'upload' },
    { name: 'externalUrl', type: 'text' },
    { name: 'duration', type: 'number' },
    { name: 'cover', type: 'upload' },
    ...audienceFields,
  ],
  questions: [
    { name: 'title', type: 'text' },
    { name: 'topic', type: 'text' },
    { name: 'question', type: 'textarea' },
    { name: 'askedBy', type: 'relationship' },
    { name: 'unit', type: 'relationship' },
    { name: 'answer', type: 'richText' },
    { name: 'answeredBy', type: 'relationship' },
    { name: 'state', type: 'select', options: ['new', 'answered', 'published'] },
    { name: 'isFaq', type: 'checkbox' },
    ...audienceFields,
  ],
  units: [
    { name: 'name', type: 'text' },
    { name: 'kind', type: 'select', options: ['dang-bo', 'chi-bo'] },
    { name: 'code', type: 'text' },
    { name: 'parent', type: 'relationship' },
  ],
  users: [
    { name: 'email', type: 'email' },
    { name: 'password', type: 'password' },
    { name: 'fullName', type: 'text' },
    { name: 'roles', type: 'select', hasMany: true, options: ['admin', 'editor', 'member'] },
    { name: 'unit', type: 'relationship' },
    { name: 'sessions', type: 'json' },
  ],
  media: [
    { name: 'alt', type: 'text' },
    { name: 'caption', type: 'text' },
    { name: 'visibility', type: 'select', options: ['staff', 'public'] },
    { name: 'visibleUnits', type: 'relationship', hasMany: true },
    { name: 'filename', type: 'text' },
    { name: 'mimeType', type: 'text' },
    { name: 'filesize', type: 'number' },
    { name: 'width', type: 'number' },
    { name: 'focalX', type: 'number' },
  ],
  'audit-log': [
    { name: 'at', type: 'text' },
    { name: 'actor', type: 'relationship' },
    { name: 'action', type: 'select', options: ['login', 'publish'] },
    { name: 'collectionSlug', type: 'text' },
    { name: 'itemId', type: 'text' },
    { name: 'details', type: 'json' },
    { name: 'prevHash', type: 'text' },
    { name: 'hash', type: 'text' },
  ],
}

export const allSlugs = [...contentSlugs, 'units', 'users', 'media', 'audit-log'] as const
export type Slug = (typeof allSlugs)[number]

/** Payload's automatic fields, valid in `where` and `sort` on every collection. */
export const systemFields = ['id', 'createdAt', 'updatedAt']

// ---------------------------------------------------------------------------------------------
// Hostile scalars

/** Single characters a parser or the database may choke on. */
const nastyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u007f', '\u0085', '\u2028', '\u202e', '\ufeff', '\uffff', '\u0000'),
  fc.constantFrom('"', "'", '\\', '%', '_', '*', '[', ']', '{', '}', '$', '`', ';', '&', '='),
)

/** Strings a content field may well receive: Vietnamese, mixed with nasty characters. */
export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(nastyChar, fc.string({ maxLength: 1 })) }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'Nghị quyết số 05-NQ/TU',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e999',
      '-0',
      '0x1F',
      '9223372036854775808',
      '99999999999999999999',
      '-2147483649',
      '2147483648',
      "1'--",
      "' OR 1=1 --",
      '%00',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfffy',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      'null',
      'undefined',
      'true',
      '[]',
      '{}',
      '__proto__',
      'constructor',
      '2026-02-30',
      '0000-00-00',
      '+275760-09-13T00:00:00.000Z',
      '2026-01-01T25:61:00Z',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(nastyChar, fc.integer({ min: 1_000, max: limits.maxString }))
      .map(([char, length]) => `Dài${char}`.repeat(Math.ceil(length / 4)).slice(0, length)),
  },
)

export const nastyNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31) - 1,
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** An object whose own keys include `__proto__`/`constructor`, as JSON.parse would build it. */
export const prototypeKeys = fc
  .constantFrom(
    '{"__proto__":{"isAdmin":true,"roles":["admin"]}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"__proto__":null}',
    '{"prototype":1,"hasOwnProperty":"x","toString":1}',
  )
  .map((json) => JSON.parse(json) as Record<string, unknown>)

const nest = (depth: number, leaf: unknown, isArray: boolean) => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = isArray ? [value] : { a: value }
  return value
}

/** Nesting deep enough to reach recursive code (limited by FUZZ_MAX_ITEMS). */
export const deepValue = fc
  .tuple(fc.integer({ min: 20, max: limits.maxDepth }), fc.boolean())
  .map(([depth, isArray]) => nest(depth, 'sâu', isArray))

/** Many ids (or many junk values) in one array. */
export const manyIds = fc
  .tuple(fc.integer({ min: 100, max: limits.maxItems }), fc.constantFrom(1, 2147483647, 'x'))
  .map(([length, value]) =>
    Array.from({ length }, (_, i) => (typeof value === 'number' ? value - (i % 7) : `${i}`)),
  )

/** Any JSON value (bounded), including the hostile ones above. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: prototypeKeys },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: manyIds },
  { weight: 1, arbitrary: fc.array(nastyNumber, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 3 }) },
)

// ---------------------------------------------------------------------------------------------
// Lexical rich text

const root = (children: unknown[]) => ({ root: element('root', children) })

/** Valid-looking Lexical JSON, sometimes deeply nested or with hostile nodes. */
export const lexical: fc.Arbitrary<unknown> = fc.oneof(
  nastyString.map((text) => root([element('paragraph', [textNode(text)])])),
  fc.integer({ min: 10, max: limits.maxDepth }).map((depth) => {
    let node: unknown = element('listitem', [textNode('mục')], { value: 1 })
    // Each level is four JSON levels (list, children, listitem, children): `depth` counts JSON
    // levels, so the test's own JSON.stringify stays within its stack.
    for (let i = 0; i < depth; i += 4) {
      node = element('list', [element('listitem', [node], { value: 1 })], {
        listType: 'bullet',
        tag: 'ul',
        start: 1,
      })
    }
    return root([node])
  }),
  fc
    .integer({ min: 10, max: limits.maxDepth })
    .map((depth) => root([nest(depth, textNode('x'), false)])),
  fc
    .tuple(
      fc.constantFrom(
        'link',
        'autolink',
        'upload',
        'relationship',
        'heading',
        'quote',
        'block',
        'nope',
        '__proto__',
      ),
      hostileValue,
    )
    .map(([type, value]) =>
      root([
        element(type, [textNode('x')], {
          fields: { url: value, linkType: 'custom', doc: value },
          value,
          relationTo: value,
          tag: value,
        }),
      ]),
    ),
  fc.constantFrom(
    { root: null },
    { root: { type: 'root' } },
    { root: { children: 'x' } },
    { root: element('root', [null, 1, 'x']) },
    root([]),
  ),
)

// ---------------------------------------------------------------------------------------------
// Field values

const validDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString())

/** A value meant for one field: right-shaped most of the time, hostile otherwise. */
export const valueFor = (field: FieldSpec, ids: number[]): fc.Arbitrary<unknown> => {
  const id = fc.constantFrom(...ids)
  const rightShaped: fc.Arbitrary<unknown> = (() => {
    switch (field.type) {
      case 'text':
      case 'textarea':
        return field.hasMany ? fc.array(nastyString, { maxLength: 4 }) : nastyString
      case 'email':
        return fc.emailAddress()
      case 'password':
        return fc.string({ minLength: 1, maxLength: 40 })
      case 'select': {
        const option = fc.constantFrom(...(field.options ?? ['x']))
        return field.hasMany ? fc.array(option, { maxLength: 3 }) : option
      }
      case 'date':
        return validDate
      case 'number':
        return nastyNumber
      case 'checkbox':
        return fc.boolean()
      case 'relationship':
      case 'upload':
        return field.hasMany ? fc.array(id, { maxLength: 4 }) : id
      case 'richText':
        return lexical
      case 'json':
        return fc.jsonValue({ maxDepth: 3 })
      case 'array':
        return fc.array(fc.record({ text: nastyString }), { maxLength: 4 })
    }
  })()
  return fc.oneof({ weight: 2, arbitrary: rightShaped }, { weight: 1, arbitrary: hostileValue })
}

/** One change to a request body: a field set (maybe wrongly), an unknown field, a prototype key. */
const bodyChange = (slug: Slug, ids: number[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...fieldsOf[slug])
        .chain((field) => valueFor(field, ids).map((value) => ({ key: field.name, value }))),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(nastyString, hostileValue).map(([key, value]) => ({ key, value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__', 'constructor', 'id', 'prototype'), hostileValue)
        .map(([key, value]) => ({ key, value })),
    },
  )

/** Applies changes as own properties (even `__proto__`), the way JSON.parse would. */
export const withChanges = (
  base: Record<string, unknown>,
  changes: { key: string; value: unknown }[],
) => {
  const body: Record<string, unknown> = { ...base }
  for (const { key, value } of changes)
    Object.defineProperty(body, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return body
}

export const bodyChanges = (slug: Slug, ids: number[]) =>
  fc.array(bodyChange(slug, ids), { minLength: 0, maxLength: 4 })

// ---------------------------------------------------------------------------------------------
// Raw bodies

/** Bytes that are not the JSON a client should send: invalid UTF-8, truncation, wrong types. */
export const rawBody = fc.oneof(
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((bytes) =>
      Buffer.concat([Buffer.from('{"title":"'), Buffer.from(bytes), Buffer.from('"}')]),
    ),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0xfd]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('{"title":"\\ud800"}'),
    Buffer.from('{"title":"\\u0000"}'),
    Buffer.from('\ufeff{"title":"BOM"}'),
    Buffer.from('{"title": "Nghị quyết", '),
    Buffer.from(''),
    Buffer.from('null'),
    Buffer.from('[]'),
    Buffer.from('"chuỗi"'),
    Buffer.from('123'),
    Buffer.from('{"a":1,"a":2}'),
    Buffer.from('{"title":1e999}'),
    Buffer.from('{"__proto__":{"roles":["admin"]}}'),
  ),
  fc
    .integer({ min: 100, max: limits.maxDepth })
    .map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc
    .integer({ min: 100, max: limits.maxDepth })
    .map((depth) => Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
)

export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
)

// ---------------------------------------------------------------------------------------------
// where

const operators = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'near',
  'within',
  'intersects',
]

const geo = fc.constantFrom(
  { type: 'Point', coordinates: [105.8, 21.0] },
  { type: 'Polygon', coordinates: [[[0, 0]]] },
  '105.8,21.0,1000,10',
  [1, 2],
  'x,y',
)

export const whereLeaf = (slug: Slug, ids: number[]) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...fieldsOf[slug].map((f) => f.name)) },
        { weight: 2, arbitrary: fc.constantFrom(...systemFields) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'audienceUnits.name',
            'askedBy.email',
            'createdBy.password',
            'parent.parent.code',
            'unit.name',
            'khong_co',
            '__proto__',
            'constructor',
            'title.__proto__',
            'a.b.c.d.e.f',
            '',
          ),
        },
      ),
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...operators) },
        { weight: 1, arbitrary: fc.constantFrom('regex', '$where', '__proto__', 'EQUALS', '') },
      ),
      fc.oneof(
        { weight: 3, arbitrary: hostileValue },
        { weight: 2, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: geo },
        { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ids), nastyString)) },
      ),
    )
    .map(([field, operator, value]) => ({ [field]: { [operator]: value } }))

export const whereClause = (slug: Slug, ids: number[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: whereLeaf(slug, ids) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('and', 'or', 'AND', 'Or'), fc.array(tie('node'), { maxLength: 3 }))
          .map(([key, list]) => ({ [key]: list })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('and', 'or'), tie('node'))
          .map(([key, node]) => ({ [key]: node })),
      },
    ),
  })).node as fc.Arbitrary<Record<string, unknown>>

/** Deep and/or that no user writes by hand. */
export const deepWhere = fc
  .tuple(fc.integer({ min: 10, max: Math.min(limits.maxDepth, 500) }), fc.boolean())
  .map(([depth, isOr]) => {
    let node: Record<string, unknown> = { id: { exists: true } }
    for (let i = 0; i < depth; i++) node = { [isOr ? 'or' : 'and']: [node] }
    return node
  })

/** `a[b][0][c]=v` pairs, the way browsers and qs encode nested objects. */
export const toQueryPairs = (value: unknown, prefix: string): [string, string][] => {
  if (value === null || value === undefined) return [[prefix, '']]
  if (Array.isArray(value))
    return value.flatMap((item, index) => toQueryPairs(item, `${prefix}[${index}]`))
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      toQueryPairs(item, `${prefix}[${key}]`),
    )
  return [[prefix, String(value)]]
}

/** Percent-encodes UTF-8 bytes; a lone surrogate (which no URL can carry) becomes U+FFFD. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')

export const encodePairs = (pairs: [string, string][]) =>
  pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')

/** Query fragments no encoder would produce: malformed percent escapes, lone brackets. */
export const rawQueryFragment = fc.constantFrom(
  'where[title][equals]=%FF%FE',
  'where[title][equals]=%E0%A4%A',
  'where[title][equals]=%',
  'where[title][like]=%25%25%25',
  'where=1',
  'where[]=1',
  'where[or]=x',
  'where[or][0]=x',
  'where[and][0][or][0][and]=1',
  'where[id][in]=1,2,3',
  'where[id][in]=',
  'where[id][equals]=1&where[id][equals]=2',
  'where[%00][equals]=1',
  'where[title][equals]=%00',
  'where[title]]=1',
  'where[[title]=1',
  'where[__proto__][polluted]=1',
  'where[constructor][prototype][x]=1',
  'sort=__proto__',
  'sort=-',
  'sort=title,-title,id,,',
  'select[__proto__]=true',
  'select[title]=1&select[title][x]=1',
  'populate[units][name]=true',
  'joins=x',
  'draft=yes',
  'locale=%00',
  'fallback-locale=zz',
  'trash=true',
  'depth=1e3',
)

export const pagingParams = fc.record(
  {
    limit: fc.oneof(
      nastyNumber.map(String),
      fc.constantFrom('0', '-1', '1e9', 'NaN', 'abc', '', '9999999999999999999'),
    ),
    page: fc.oneof(
      nastyNumber.map(String),
      fc.constantFrom('0', '-1', '1e9', 'NaN', 'abc', '', '2147483648'),
    ),
    depth: fc.oneof(
      fc.integer({ min: -5, max: 20 }).map(String),
      fc.constantFrom('NaN', '1e9', 'abc', '100'),
    ),
    sort: fc.oneof(
      nastyString,
      fc.constantFrom('title', '-createdAt', 'id', '-id', 'audienceUnits', 'body', 'x.y'),
    ),
    draft: fc.constantFrom('true', 'false', 'yes'),
    pagination: fc.constantFrom('false', 'true', '0'),
  },
  { requiredKeys: [] },
)

export const selectParam = (slug: Slug) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...fieldsOf[slug].map((f) => f.name), 'id'), nastyString),
    fc.oneof(fc.constantFrom('true', 'false', '1'), nastyString),
    { maxKeys: 3 },
  )
