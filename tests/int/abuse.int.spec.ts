import { request as httpRequest } from 'node:http'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session, client } from '../helpers/api'
import { pngHeaderClaiming, pngOf, uploadForm } from '../helpers/files'
import { type TestServer, startServer } from '../helpers/server'
import { type World, buildWorld, minimalItem, publishItem } from '../helpers/world'

/**
 * Hostile input over HTTP: malformed requests get a 4xx that names the problem and store nothing,
 * nothing anonymous makes the server work hard, and no request gets around review.
 */
let server: TestServer
let api: Client
let world: World
let admin: Session

beforeAll(async () => {
  // Above Payload's own 50 MB multipart default, to show the configured limit is the one in force.
  server = await startServer({ env: { MAX_UPLOAD_MB: '60' } })
  api = client(server.url)
  world = await buildWorld(api)
  admin = world.sessions.admin
})
afterAll(async () => {
  await server?.stop()
})

const count = async (slug: string) =>
  (await api.get(`/api/${slug}/count?draft=true`, { session: admin })).json.totalDocs as number

const messageOf = (res: { json: any }) => String(res.json?.errors?.[0]?.message ?? '')

/** A 4xx whose JSON body says what is wrong. */
const expectClientError = (res: { status: number; json: any; text: string }, status?: number) => {
  if (status) expect(res.status, res.text).toBe(status)
  expect(res.status, res.text).toBeGreaterThanOrEqual(400)
  expect(res.status, res.text).toBeLessThan(500)
  expect(messageOf(res).length, res.text).toBeGreaterThan(5)
}

const validDocument = () => ({
  ...minimalItem.documents(`abuse-${Math.random()}`),
  audience: 'public',
})

/** Sends raw bytes, optionally chunked (no Content-Length), and reads the answer. */
const rawRequest = (
  method: string,
  pathname: string,
  body: Buffer | null,
  headers: Record<string, string> = {},
  { isChunked = false } = {},
) =>
  new Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const url = new URL(pathname, server.url)
      const req = httpRequest(
        url,
        {
          method,
          headers: {
            ...headers,
            ...(body && !isChunked ? { 'Content-Length': String(body.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk) => chunks.push(chunk))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString()
            let json: any = null
            try {
              json = JSON.parse(text)
            } catch {
              json = null
            }
            resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers })
          })
        },
      )
      req.on('error', reject)
      if (body && isChunked) {
        for (let offset = 0; offset < body.length; offset += 64 * 1024)
          req.write(body.subarray(offset, offset + 64 * 1024))
      } else if (body) req.write(body)
      req.end()
    },
  )

const auth = (session: Session) => ({ Authorization: `JWT ${session.token}` })

describe('NUL characters', () => {
  it.each([
    ['sign-in', '/api/users/login', { email: 'a\u0000@x.vn', password: 'x' }, 'anonymous'],
    ['password reset', '/api/users/forgot-password', { email: 'a\u0000@x.vn' }, 'anonymous'],
    ['a title', '/api/documents', { ...minimalItem.documents('nul'), title: 'a\u0000b' }, 'editor'],
    ['a question', '/api/questions', { title: 'Hỏi', question: 'x\u0000y' }, 'member'],
  ] as const)(
    'should refuse NUL in %s with 400, storing nothing',
    async (_what, path, body, who) => {
      const before = await count(path.startsWith('/api/users') ? 'users' : path.split('/')[2])
      const res = await api.post(path, body, { session: world.sessions[who] })
      expectClientError(res, 400)
      expect(messageOf(res)).toMatch(/NUL/)
      expect(await count(path.startsWith('/api/users') ? 'users' : path.split('/')[2])).toBe(before)
    },
  )

  it('should refuse NUL in rich text, storing nothing', async () => {
    const before = await count('documents')
    const body = {
      root: {
        type: 'root',
        version: 1,
        children: [
          {
            type: 'paragraph',
            version: 1,
            children: [{ type: 'text', version: 1, text: 'x\u0000' }],
          },
        ],
      },
    }
    const res = await api.post('/api/documents', { ...validDocument(), body }, { session: admin })
    expectClientError(res, 400)
    expect(await count('documents')).toBe(before)
  })

  it('should refuse NUL in a workflow comment over REST and GraphQL, leaving the item as it was', async () => {
    const id = world.items.documents.draft.id
    const rest = await api.post(
      `/api/documents/${id}/workflow`,
      { action: 'submit', comment: 'x\u0000' },
      { session: world.sessions.editor },
    )
    expectClientError(rest, 400)
    const gql = await api.graphql(
      `mutation { workflow(collection: "documents", id: ${id}, action: "submit", comment: "x\\u0000") { toState } }`,
      { session: world.sessions.editor },
    )
    expect(gql.status).toBeLessThan(500)
    expect(JSON.stringify(gql.json.errors ?? [])).toMatch(/NUL/)
    const item = await api.get(`/api/documents/${id}?draft=true`, { session: admin })
    expect(item.json.reviewState).toBe('draft')
  })

  it('should refuse NUL in a where value, from the query string and from GraphQL', async () => {
    expectClientError(await api.get('/api/documents?where[title][like]=%00'), 400)
    const gql = await api.graphql(
      '{ Documents(where: { title: { like: "a\\u0000" } }) { docs { id } } }',
    )
    expect(gql.status).toBe(400)
    expect(JSON.stringify(gql.json.errors)).toMatch(/NUL/)
  })

  it('should refuse an upload whose file name has NUL, storing nothing', async () => {
    const before = await count('media')
    const res = await api.request('POST', '/api/media', {
      session: admin,
      body: uploadForm(await pngOf(10, 10), 'a\u0000b.png', 'image/png'),
    })
    expectClientError(res, 400)
    expect(await count('media')).toBe(before)
  })
})

describe('malformed paths and bodies', () => {
  it.each([
    '/api/documents/%FF%FE',
    '/api/media/file/x.png%00.png',
    '/api/references/%FF/workflow',
  ])('should answer %s with a JSON 400', async (path) => {
    const res = await rawRequest('GET', path, null)
    expectClientError(res, 400)
  })

  it.each([
    ['an empty body', '', 'application/json', 400],
    ['null', 'null', 'application/json', 400],
    ['a JSON string', '"x"', 'application/json', 400],
    ['a number', '0', 'application/json', 400],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'application/json', 400],
    ['text/plain', '{"title":"x"}', 'text/plain', 415],
    ['an url-encoded _payload', '_payload=%7B%7D', 'application/x-www-form-urlencoded', 415],
    ['multipart without a boundary', '--x--', 'multipart/form-data', 400],
    [
      'a truncated multipart body',
      '--xyz\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{',
      'multipart/form-data; boundary=xyz',
      400,
    ],
  ])(
    'should refuse %s sent to a collection, storing nothing',
    async (_what, body, type, status) => {
      const before = await count('documents')
      const res = await rawRequest(
        'POST',
        '/api/documents',
        Buffer.isBuffer(body) ? body : Buffer.from(body),
        { 'Content-Type': type, ...auth(world.sessions.editor) },
      )
      expectClientError(res, status)
      expect(await count('documents')).toBe(before)
    },
  )

  it('should refuse a multipart save whose _payload is not JSON, naming _payload', async () => {
    const form = new FormData()
    form.append('_payload', '{"title": ')
    const res = await api.request('POST', '/api/documents', {
      session: world.sessions.editor,
      body: form,
    })
    expectClientError(res, 400)
    expect(messageOf(res)).toContain('_payload')
  })

  it('should refuse a file sent to a collection that takes no uploads', async () => {
    const res = await api.request('POST', '/api/units', {
      session: admin,
      body: uploadForm(Buffer.from('x'), 'x.txt', 'text/plain', { name: 'U', code: 'U-FILE' }),
    })
    expectClientError(res, 400)
  })

  it('should still accept the admin form shape (multipart with _payload)', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify(validDocument()))
    const res = await api.request('POST', '/api/documents', {
      session: world.sessions.editor,
      body: form,
    })
    expect(res.status, res.text).toBe(201)
  })
})

describe('nesting and sizes', () => {
  it('should refuse a where nested 2,000 deep sent as a form body with a method override', async () => {
    const body = `where${'[and][0]'.repeat(2000)}[title][equals]=x`
    const res = await rawRequest('POST', '/api/documents', Buffer.from(body), {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Payload-HTTP-Method-Override': 'GET',
    })
    expectClientError(res, 400)
  })

  it('should refuse a where nested 2,000 deep as a JSON body with a method override', async () => {
    let where: unknown = { title: { equals: 'x' } }
    for (let i = 0; i < 2000; i++) where = { and: [where] }
    const res = await rawRequest('POST', '/api/documents', Buffer.from(JSON.stringify({ where })), {
      'Content-Type': 'application/json',
      'X-Payload-HTTP-Method-Override': 'GET',
    })
    expectClientError(res, 400)
  })

  it.each([
    ['summary nested 50,000 deep', 'summary', `${'{"a":'.repeat(50_000)}"x"${'}'.repeat(50_000)}`],
    [
      'rich text nested 5,000 deep',
      'body',
      `{"root":{"type":"root","version":1,"children":[${'{"type":"paragraph","version":1,"children":['.repeat(5000)}{"type":"text","version":1,"text":"x"}${']}'.repeat(5000)}]}}`,
    ],
  ])('should refuse a %s, storing nothing', async (_what, field, nested) => {
    const before = await count('documents')
    // Built as text: JSON.stringify itself overflows the stack at this depth.
    const body = `${JSON.stringify(validDocument()).slice(0, -1)},"${field}":${nested}}`
    const res = await rawRequest('POST', '/api/documents', Buffer.from(body), {
      'Content-Type': 'application/json',
      ...auth(admin),
    })
    expectClientError(res, 400)
    expect(messageOf(res)).toMatch(/sâu/)
    expect(await count('documents')).toBe(before)
  })

  it('should refuse 100,000 ids in one filter without asking the database', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i + 1).join(',')
    const lines = server.output().split('\n').length
    const res = await rawRequest('POST', '/api/documents', Buffer.from(`where[id][in]=${ids}`), {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Payload-HTTP-Method-Override': 'GET',
      ...auth(admin),
    })
    expectClientError(res, 400)
    expect(messageOf(res)).toMatch(/100000/)
    // One refusal writes a bounded amount to the log, not a line per id.
    expect(server.output().split('\n').length - lines).toBeLessThan(50)
  })

  it.each([
    ['audienceUnits', { audience: 'units', audienceUnits: [2147483648] }],
    ['supersedes', { supersedes: 99999999999 }],
    ['supersedes', { supersedes: -5e-324 }],
  ])('should answer 400 naming %s for an id beyond the database range', async (field, extra) => {
    const before = await count('documents')
    const res = await api.post(
      '/api/documents',
      { ...validDocument(), ...extra },
      { session: admin },
    )
    expectClientError(res, 400)
    expect(res.json.errors[0].data.errors[0].path).toBe(field)
    expect(await count('documents')).toBe(before)
  })
})

describe('values of the wrong type', () => {
  it.each([
    ['media', 'mimeType', 2147483648],
    ['media', 'alt', { a: 1 }],
    ['documents', 'title', ['a']],
    ['documents', 'issueDate', 20260101],
    ['questions', 'isFaq', 'có'],
    ['references', 'kind', { book: true }],
  ])(
    'should answer %s.%s = %j with 400 before any hook runs, changing nothing',
    async (slug, field, value) => {
      const id =
        slug === 'media'
          ? (
              await api.request('POST', '/api/media', {
                session: admin,
                body: uploadForm(await pngOf(20, 20), 'kieu-sai.png', 'image/png'),
              })
            ).json.doc.id
          : world.items[slug as 'documents'].draft.id
      const before = await api.get(`/api/${slug}/${id}?draft=true&depth=0`, { session: admin })
      const res = await api.patch(`/api/${slug}/${id}`, { [field]: value }, { session: admin })
      expectClientError(res, 400)
      expect(messageOf(res)).toContain(field)
      const after = await api.get(`/api/${slug}/${id}?draft=true&depth=0`, { session: admin })
      expect(after.json.updatedAt).toBe(before.json.updatedAt)
    },
  )
})

describe('fields only Payload writes', () => {
  it.each([
    ['sessions', null],
    ['hash', 'x'],
    ['loginAttempts', 'x'],
  ])('should never take %s from a request when creating an account', async (field, value) => {
    const email = `he-thong-${field.toLowerCase()}@test.local`
    const res = await api.post(
      '/api/users',
      {
        email,
        password: 'mat-khau-rat-dai-2026',
        fullName: 'Thử',
        roles: ['member'],
        [field]: value,
      },
      { session: admin },
    )
    expect(res.status, res.text).toBe(201)
    expect(res.json.doc[field] ?? null).not.toBe(value ?? 'x')
  })
})

describe('paging', () => {
  it.each([
    ['0', 100],
    ['1e9', 100],
    ['1000000000', 100],
    ['25', 25],
  ])('should answer limit=%s with at most the largest page (%i)', async (limit, expected) => {
    const res = await api.get(`/api/units?limit=${limit}&depth=0`, { session: admin })
    expect(res.status).toBe(200)
    expect(res.json.limit).toBe(expected)
  })

  it('should not return every row when pagination is turned off', async () => {
    const res = await api.get('/api/units?pagination=false&depth=0', { session: admin })
    expect(res.status).toBe(200)
    expect(res.json.limit).toBe(100)
  })

  it.each(['limit=-1', 'page=-1', 'page=0', 'page=2147483648', 'limit=abc'])(
    'should answer %s with 400',
    async (query) => {
      expectClientError(await api.get(`/api/documents?${query}`), 400)
    },
  )

  it('should cap GraphQL page sizes the same way', async () => {
    const res = await api.graphql('{ Units(limit: 0) { limit } }', { session: admin })
    expect(res.json.data.Units.limit).toBe(100)
  })
})

describe('filters the database cannot answer', () => {
  it.each([
    'where[title][near]=1,2',
    'where[title][within]=1',
    'where[title][intersects]=1',
    'where[body][like]=x',
    'where[createdAt][like]=2026',
    'where[title][all][0]=1',
    'where[title][not_like][0]=1&where[title][not_like][1]=2',
    'where[title][exists]=5',
    'where[validity][equals]=expired',
    'where[audienceUnits.name][intersects]=1',
    'where[attachments.filesize][like]=1',
    'where[supersedes.supersedes.issueDate][near]=1,2',
    'where[Or][0][title][intersects][0]=0',
    'where[nothing.here][near]=1,2',
    'where[AND][0][body][like]=x',
  ])('should answer %s with a 400 that names the field', async (query) => {
    const res = await api.get(`/api/documents?${query}`, { session: admin })
    expectClientError(res, 400)
  })
})

describe("filters on Payload's own collections and on versions", () => {
  it.each([
    ['member', '/api/payload-preferences?where[key][near]=1'],
    ['admin', '/api/payload-preferences?where[key][near]=1'],
    ['admin', '/api/payload-locked-documents?where[id][near]=1'],
    ['admin', '/api/payload-jobs?where[id][within]=1'],
    ['admin', '/api/documents/versions?where[version.title][near]=1'],
    ['admin', '/api/documents/versions?where[parent][intersects]=1'],
    ['admin', '/api/payload-preferences?page=-1'],
  ] as const)('should answer %s GET %s with 400', async (who, path) => {
    expectClientError(await api.get(path, { session: world.sessions[who] }), 400)
  })
})

describe('workflow actions that are not steps', () => {
  it.each(['__proto__', 'constructor', 'toString', 'publish_scheduled', 'unpublish_scheduled'])(
    'should refuse the action %j from any caller, changing nothing',
    async (action) => {
      const item = world.items.documents.public
      for (const session of [world.sessions.member, world.sessions.reviewer, admin]) {
        const res = await api.post(`/api/documents/${item.id}/workflow`, { action }, { session })
        expectClientError(res)
      }
      const live = await api.get(`/api/documents/${item.id}`)
      expect(live.status).toBe(200)
      expect(live.json.reviewState).toBe('published')
    },
  )
})

describe('bodies over the limits', () => {
  it('should refuse a 5 MB sign-in body from its length, before reading it', async () => {
    const started = Date.now()
    const res = await rawRequest(
      'POST',
      '/api/users/login',
      Buffer.from(JSON.stringify({ email: 'a@x.vn', password: 'x'.repeat(5 * 1024 * 1024) })),
      { 'Content-Type': 'application/json' },
    )
    expectClientError(res, 413)
    console.log(`[abuse] 5 MB sign-in body refused in ${Date.now() - started} ms`)
  })

  it.each([
    ['sign-in', '/api/users/login', 64 * 1024],
    ['a JSON write', '/api/documents', 3 * 1024 * 1024],
  ])(
    'should refuse a chunked %s body over its limit (no Content-Length)',
    async (_what, path, size) => {
      const before = await count('documents')
      const body = Buffer.from(JSON.stringify({ title: 'x'.repeat(size) }))
      const res = await rawRequest(
        'POST',
        path,
        body,
        {
          'Content-Type': 'application/json',
          ...auth(admin),
        },
        { isChunked: true },
      )
      expectClientError(res, 413)
      expect(await count('documents')).toBe(before)
    },
  )

  it('should accept a chunked JSON write under the limit', async () => {
    const body = Buffer.from(JSON.stringify(validDocument()))
    const res = await rawRequest(
      'POST',
      '/api/documents',
      body,
      {
        'Content-Type': 'application/json',
        ...auth(world.sessions.editor),
      },
      { isChunked: true },
    )
    expect(res.status, res.text).toBe(201)
  })
})

describe('upload size', () => {
  const pdfOf = (megabytes: number) =>
    Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'),
      Buffer.alloc(megabytes * 1024 * 1024, 0x20),
      Buffer.from('\nxref\n0 1\ntrailer << >>\nstartxref\n0\n%%EOF\n'),
    ])

  it("should accept an upload above Payload's 50 MB default when MAX_UPLOAD_MB allows it", async () => {
    const res = await api.request('POST', '/api/media', {
      session: admin,
      body: uploadForm(pdfOf(52), 'tai-lieu-lon.pdf', 'application/pdf'),
    })
    expect(res.status, res.text.slice(0, 300)).toBe(201)
    expect(res.json.doc.filesize).toBeGreaterThan(52 * 1024 * 1024)
  })

  it('should refuse an upload over MAX_UPLOAD_MB with 413, storing nothing', async () => {
    const before = await count('media')
    const res = await api.request('POST', '/api/media', {
      session: admin,
      body: uploadForm(pdfOf(62), 'qua-lon.pdf', 'application/pdf'),
    })
    expectClientError(res, 413)
    expect(await count('media')).toBe(before)
  })

  it('should answer, not reset the connection, when an upload part is malformed', async () => {
    const boundary = 'sotayboundary'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${'Dài'.repeat(70_000)}"\r\n\r\nx\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdfOf(1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const res = await rawRequest('POST', '/api/media', body, {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      ...auth(admin),
    })
    expectClientError(res)
  })

  it('should refuse an anonymous upload before reading its body', async () => {
    const res = await api.request('POST', '/api/media', {
      body: uploadForm(pdfOf(1), 'khach.pdf', 'application/pdf'),
    })
    expectClientError(res, 401)
  })
})

describe('images', () => {
  it.each([
    ['30 megapixels', 6000, 5000],
    ['a 26-megapixel panorama', 13000, 2000],
  ])('should refuse %s before decoding them', async (_what, width, height) => {
    const before = await count('media')
    const res = await api.request('POST', '/api/media', {
      session: admin,
      body: uploadForm(pngHeaderClaiming(width, height), 'lon.png', 'image/png'),
    })
    expectClientError(res, 400)
    expect(messageOf(res)).toContain(`${width}×${height}`)
    expect(await count('media')).toBe(before)
  })
})

describe('Payload internals over the API', () => {
  it('should not expose the migrations table nor name the server address', async () => {
    const res = await api.get('/api/payload-migrations')
    expect(res.status).toBe(404)
    expect(res.text).not.toContain('localhost')
  })

  describe('edit locks', () => {
    const lock = () => ({
      document: { relationTo: 'documents', value: world.items.documents.draft.id },
      user: { relationTo: 'users', value: world.users.editor.id },
    })

    it.each(['anonymous', 'member', 'outsider'] as const)(
      'should not let %s list who is editing which draft',
      async (who) => {
        const res = await api.get('/api/payload-locked-documents', { session: world.sessions[who] })
        expect(res.status).toBe(403)
      },
    )

    it.each(['member', 'editor', 'reviewer', 'admin'] as const)(
      "should not let %s create a lock in someone else's name over the API",
      async (who) => {
        const res = await api.post('/api/payload-locked-documents', lock(), {
          session: world.sessions[who],
        })
        expect(res.status).toBe(403)
      },
    )

    it.each(['member', 'editor'] as const)(
      'should not let %s remove every lock at once',
      async (who) => {
        const res = await api.del('/api/payload-locked-documents?where[id][exists]=true', {
          session: world.sessions[who],
        })
        expect(res.status).toBe(403)
      },
    )

    it('should let staff see the locks (the admin shows who is editing)', async () => {
      const res = await api.get('/api/payload-locked-documents', { session: world.sessions.editor })
      expect(res.status).toBe(200)
    })
  })
})

describe('requests from other sites', () => {
  let cookie: string

  beforeAll(async () => {
    const res = await fetch(new URL('/api/users/login', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: world.users.reviewer.email, password: 'test-password-123' }),
    })
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
    expect(cookie).toMatch(/^payload-token=/)
  })

  const withCookie = (headers: Record<string, string>) => ({ Cookie: cookie, ...headers })

  it('should refuse a cookie-authenticated write from a foreign origin, storing nothing', async () => {
    const before = await count('documents')
    const res = await rawRequest(
      'POST',
      '/api/documents',
      Buffer.from(JSON.stringify(validDocument())),
      withCookie({ 'Content-Type': 'application/json', Origin: 'https://evil.example' }),
    )
    expectClientError(res, 403)
    expect(await count('documents')).toBe(before)
  })

  it('should refuse a cross-site write that sends no Origin but says where it comes from', async () => {
    const res = await rawRequest(
      'POST',
      '/api/documents',
      Buffer.from(JSON.stringify(validDocument())),
      withCookie({ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }),
    )
    expectClientError(res, 403)
  })

  it('should refuse a workflow step sent as text/plain (a form any site can post)', async () => {
    const item = await publishItem(api, world.sessions, 'documents', validDocument())
    await api.post(
      `/api/documents/${item.id}/workflow`,
      { action: 'unpublish' },
      { session: admin },
    )
    await api.post(
      `/api/documents/${item.id}/workflow`,
      { action: 'submit' },
      { session: world.sessions.editor },
    )
    const res = await rawRequest(
      'POST',
      `/api/documents/${item.id}/workflow`,
      Buffer.from('{"action":"approve"}'),
      withCookie({ 'Content-Type': 'text/plain' }),
    )
    expectClientError(res, 415)
    const state = await api.get(`/api/documents/${item.id}?draft=true`, { session: admin })
    expect(state.json.reviewState).toBe('in_review')
  })

  it('should accept the same write from our own origin', async () => {
    const origin = new URL(server.url).origin
    const res = await rawRequest(
      'POST',
      '/api/documents',
      Buffer.from(JSON.stringify(validDocument())),
      withCookie({ 'Content-Type': 'application/json', Origin: origin }),
    )
    expect(res.status, res.text).toBe(201)
  })

  it('should keep reads open to every origin', async () => {
    const res = await rawRequest('GET', '/api/documents?limit=1', null, {
      Origin: 'https://ward.example',
    })
    expect(res.status).toBe(200)
  })
})

describe('the admin pages', () => {
  it('should carry a Content-Security-Policy with a per-request script nonce that Next uses', async () => {
    const res = await fetch(new URL('/admin/login', server.url))
    const policy = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
    expect(nonce).toBeTruthy()
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    const html = await res.text()
    expect(html).toContain(`nonce="${nonce}"`)
    const again = await fetch(new URL('/admin/login', server.url))
    expect(again.headers.get('content-security-policy')).not.toContain(nonce!)
  })
})
