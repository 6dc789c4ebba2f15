import http from 'node:http'
import { gunzipSync } from 'node:zlib'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session, anonymous, client } from '../helpers/api'
import { type TestServer, startServer } from '../helpers/server'
import { contentSlugs } from '../../collections/slugs'
import {
  type World,
  expectOk,
  issueAccount,
  minimalItem,
  publishItem,
  startWorld,
  workflow,
} from '../helpers/world'

let server: TestServer
let api: Client
let world: World
let db: pg.Client

const paragraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text }] }],
  },
})

/** A GET with raw headers (cookies, validators), as a browser or a proxy would send it. */
const get = (pathname: string, headers: Record<string, string> = {}) =>
  api.request('GET', pathname, { headers })

const titles = (res: { json: { docs?: { title?: string }[] } }) =>
  (res.json.docs ?? []).map((doc) => doc.title)

const until = async (check: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return Date.now()
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return null
}

/** Waits until no search job is pending, so that nothing changes during a comparison. */
const settled = async () => {
  const idle = await until(async () => {
    const { rows } = await db.query(
      'select count(*)::int as n from payload_jobs where completed_at is null and not coalesce(has_error, false)',
    )
    return rows[0].n === 0
  }, 20_000)
  expect(idle, 'search jobs drained').not.toBeNull()
  // (The last job's notification reaches the cache a moment after the job is marked done.)
  await new Promise((resolve) => setTimeout(resolve, 500))
}

beforeAll(async () => {
  ;({ server, api, world } = await startWorld())
  db = new pg.Client({ connectionString: server.databaseUrl })
  await db.connect()
})
afterAll(async () => {
  await db?.end()
  await server?.stop()
})

describe('render once', () => {
  it('should store sanitized HTML when a version is saved, ignoring HTML a client sends', async () => {
    const { editor } = world.sessions
    const created = expectOk(
      await api.post(
        '/api/documents',
        {
          ...minimalItem.documents('html'),
          body: paragraph('Nội dung <script>alert(1)</script> & "trích dẫn"'),
          bodyHtml: '<img src=x onerror=alert(1)>',
        },
        { session: editor },
      ),
    ).json.doc
    const { rows } = await db.query(
      'select version_body_html as html from _documents_v where parent_id = $1 order by id',
      [created.id],
    )
    expect(rows.length).toBeGreaterThan(0)
    const stored = rows[rows.length - 1].html as string
    expect(stored).toContain('Nội dung &lt;script&gt;alert(1)&lt;/script&gt; &amp;')
    expect(stored).not.toContain('onerror')
    expect(created.bodyHtml).toBe(stored)

    // A later save re-renders; a workflow step that does not touch the body keeps it.
    await api.patch(
      `/api/documents/${created.id}?draft=true`,
      { body: paragraph('Bản sửa') },
      { session: editor },
    )
    await workflow(api, editor, 'documents', created.id, 'submit')
    const read = expectOk(
      await api.get(`/api/documents/${created.id}?draft=true&depth=0`, { session: editor }),
    ).json
    expect(read.bodyHtml).toBe('<p>Bản sửa</p>')
  })

  it('should answer card lists without bodies when asked for the card fields', async () => {
    const res = expectOk(
      await api.get('/api/documents?limit=5&depth=0&select[title]=true&select[summary]=true'),
    )
    expect(res.json.docs.length).toBeGreaterThan(0)
    for (const doc of res.json.docs) {
      expect(Object.keys(doc).sort()).toEqual(['id', 'summary', 'title'].filter((k) => k in doc))
      expect(doc).not.toHaveProperty('body')
      expect(doc).not.toHaveProperty('bodyHtml')
    }
  })
})

describe('public read cache', () => {
  const list = '/api/documents?limit=50&depth=0&sort=-updatedAt'

  it('should answer a repeated anonymous read from the cache, with validators and 304s', async () => {
    const first = await get(`${list}&probe=validators`)
    const second = await get(`${list}&probe=validators`)
    expect(first.status).toBe(200)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(second.text).toBe(first.text)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{10,}"$/)
    expect(second.headers.get('etag')).toBe(etag)
    expect(first.headers.get('cache-control')).toMatch(/public/)
    expect(first.headers.get('cache-control')).toMatch(/s-maxage=\d+/)
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/)
    expect(first.headers.get('vary')).toMatch(/Cookie/)
    expect(first.headers.get('vary')).toMatch(/Authorization/)

    const byTag = await get(`${list}&probe=validators`, { 'If-None-Match': etag })
    expect(byTag.status).toBe(304)
    expect(byTag.text).toBe('')
    const byDate = await get(`${list}&probe=validators`, {
      'If-Modified-Since': first.headers.get('last-modified')!,
    })
    expect(byDate.status).toBe(304)
    const stale = await get(`${list}&probe=validators`, { 'If-None-Match': '"something-else"' })
    expect(stale.status).toBe(200)
  })

  it('should send a hit compressed once, not compress it again at every hit', async () => {
    const first = await get('/api/home?probe=gzip')
    expect(first.text.length).toBeGreaterThan(1024)
    // A hit is sent compressed when the reader accepts it (compressed once, kept), and as it is
    // otherwise.
    // (Raw HTTP: fetch decodes bodies and hides how they came.)
    const raw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(
            `${server.url}/api/home?probe=gzip`,
            { headers: { 'Accept-Encoding': encoding } },
            (res) => {
              const chunks: Buffer[] = []
              res.on('data', (chunk: Buffer) => chunks.push(chunk))
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
            },
          )
          .on('error', reject)
      })
    const gzipped = await raw('gzip')
    expect(gzipped.headers['x-cache']).toBe('HIT')
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(first.text)
    const plain = await raw('identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString('utf8')).toBe(first.text)
  })

  it('should never hand a member answer to an anonymous caller, nor the other way round', async () => {
    const membersTitle = world.items.documents.members.title
    const url = `${list}&probe=audiences`
    const member = world.sessions.member
    for (const order of [
      ['member', 'anonymous', 'member', 'anonymous'],
      ['anonymous', 'member', 'anonymous', 'member'],
    ]) {
      for (const who of order) {
        const session: Session = who === 'member' ? member : anonymous
        const res = expectOk(await api.get(`${url}&order=${order[0]}`, { session }))
        if (who === 'member') {
          expect(titles(res)).toContain(membersTitle)
          expect(res.headers.get('cache-control')).toBe('private, no-store')
          expect(res.headers.get('x-cache')).toBe('BYPASS')
          expect(res.headers.get('etag')).toBeNull()
        } else {
          expect(titles(res)).not.toContain(membersTitle)
          expect(titles(res)).toContain(world.items.documents.public.title)
        }
      }
    }
    // The member's cookie (as the portal sends it) bypasses too, and an invalid one reads as anonymous.
    const withCookie = await get(url, { Cookie: `payload-token=${member.token}` })
    expect(titles(withCookie)).toContain(membersTitle)
    expect(withCookie.headers.get('cache-control')).toBe('private, no-store')
    const forged = await get(url, { Cookie: 'payload-token=forged' })
    expect(titles(forged)).not.toContain(membersTitle)
    expect(forged.headers.get('cache-control')).toBe('private, no-store')
  })

  it('should show a publish, an archive and a delete at once, with a new ETag', async () => {
    const url = `${list}&probe=changes`
    const before = await get(url)
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')

    const title = 'Văn bản vừa xuất bản cho bộ đệm'
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('cache'),
      title,
      audience: 'public',
    })
    const published = await get(url)
    expect(titles(published)).toContain(title)
    expect(published.headers.get('etag')).not.toBe(before.headers.get('etag'))
    expect((await get(url, { 'If-None-Match': before.headers.get('etag')! })).status).toBe(200)
    const detail = `/api/documents/${doc.id}?depth=0`
    expect((await get(detail)).json.title).toBe(title)

    // A draft saved over it changes nothing anonymous readers see.
    await api.patch(
      `/api/documents/${doc.id}?draft=true`,
      { title: 'Bản nháp chưa duyệt' },
      { session: world.sessions.editor },
    )
    expect(titles(await get(url))).toContain(title)
    expect(titles(await get(url))).not.toContain('Bản nháp chưa duyệt')

    await workflow(api, world.sessions.reviewer, 'documents', doc.id, 'archive', {
      comment: 'Lưu trữ',
    })
    expect(titles(await get(url))).not.toContain(title)
    expect((await get(detail)).status).toBe(404)

    const other = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('cache-del'),
      title: 'Văn bản sẽ bị xoá',
      audience: 'public',
    })
    expect(titles(await get(url))).toContain('Văn bản sẽ bị xoá')
    expectOk(await api.del(`/api/documents/${other.id}`, { session: world.sessions.admin }))
    expect(titles(await get(url))).not.toContain('Văn bản sẽ bị xoá')
  })

  it('should keep its answers while editors create and edit drafts', async () => {
    const url = `${list}&probe=drafts`
    const first = await get(url)
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')
    const created = expectOk(
      await api.post(
        '/api/documents',
        { ...minimalItem.documents('draft-only'), audience: 'public' },
        { session: world.sessions.editor },
      ),
    ).json.doc
    expectOk(
      await api.patch(
        `/api/documents/${created.id}`,
        { title: 'Bản nháp sửa lại' },
        { session: world.sessions.editor },
      ),
    )
    await workflow(api, world.sessions.editor, 'documents', created.id, 'submit')
    // (Give a NOTIFY, had there been one, time to arrive.)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = await get(url)
    expect(after.headers.get('x-cache')).toBe('HIT')
    expect(after.headers.get('etag')).toBe(first.headers.get('etag'))
    // Publishing it does empty the cache.
    await workflow(api, world.sessions.reviewer, 'documents', created.id, 'approve')
    const published = await get(url)
    expect(published.headers.get('x-cache')).toBe('MISS')
    expect(titles(published)).toContain('Bản nháp sửa lại')
  })

  it('should produce an answer once for a burst of readers missing it together', async () => {
    const url = `${list}&probe=burst`
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(url)))
    expect(answers.map((res) => res.status)).toEqual(Array(12).fill(200))
    const misses = answers.filter((res) => res.headers.get('x-cache') === 'MISS')
    expect(misses).toHaveLength(1)
    expect(new Set(answers.map((res) => res.text)).size).toBe(1)
    expect(new Set(answers.map((res) => res.headers.get('etag'))).size).toBe(1)
  })

  it('should reflect a change made outside any request (another instance, a tool, SQL) within a second', async () => {
    const url = `${list}&probe=sql`
    const target = world.items.documents.public
    await get(url)
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')
    await db.query('update documents set title = $1 where id = $2', [
      'Đổi trực tiếp trong cơ sở dữ liệu',
      target.id,
    ])
    try {
      const seenAt = await until(
        async () => titles(await get(url)).includes('Đổi trực tiếp trong cơ sở dữ liệu'),
        1000,
      )
      expect(seenAt, 'the change was not visible within a second').not.toBeNull()
    } finally {
      await db.query('update documents set title = $1 where id = $2', [target.title, target.id])
    }
  })

  it('should not serve a document past its expiry from the cache', async () => {
    const expiryDate = new Date(Date.now() + 3000).toISOString()
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('expiring'),
      audience: 'public',
      effectiveDate: '2026-01-01',
      expiryDate,
    })
    const detail = `/api/documents/${doc.id}?depth=0&probe=expiry`
    expect((await get(detail)).json.validity).toBe('in_force')
    expect((await get(detail)).headers.get('x-cache')).toBe('HIT')
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiryDate) - Date.now() + 50))
    expect((await get(detail)).json.validity).toBe('expired')
  })

  it('should never store error answers, nor cache what is not on the public read path', async () => {
    const missing = await get('/api/documents/999999999')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBe('no-store')
    expect((await get('/api/documents/999999999')).headers.get('x-cache')).toBe('MISS')
    // An anonymous write (refused) cannot empty the cache for everyone.
    const cached = `${list}&probe=anonymous-write`
    await get(cached)
    expect((await get(cached)).headers.get('x-cache')).toBe('HIT')
    const refused = await api.post('/api/documents', { title: 'x' })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect((await get(cached)).headers.get('x-cache')).toBe('HIT')
    // Not on the read path: sign-in, the admin, uploads of files.
    for (const path of ['/api/users?limit=1', '/api/search/key', '/api/media', '/admin'])
      expect((await get(path)).headers.get('x-cache'), path).toBeNull()
  })

  it('should empty only the answers a change may alter', async () => {
    await settled()
    const lists = {
      references: '/api/references?limit=50&depth=0&probe=scope',
      documents: '/api/documents?limit=50&depth=0&probe=scope',
    }
    // Made of other sections too: an item at depth 1 (its related documents) and the home lists.
    const related = `/api/orientations/${world.items.orientations.public.id}?depth=1&probe=scope`
    const home = '/api/home?probe=scope'
    for (const url of [lists.references, lists.documents, related, home]) {
      await get(url)
      expect((await get(url)).headers.get('x-cache'), url).toBe('HIT')
    }
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('scoped change'),
      audience: 'public',
    })
    // Another section's list at depth 0 stays; what the document may be part of is produced again.
    expect((await get(lists.references)).headers.get('x-cache')).toBe('HIT')
    const documents = await get(lists.documents)
    expect(documents.headers.get('x-cache')).toBe('MISS')
    expect(documents.text).toContain(`"id":${doc.id},`)
    expect((await get(related)).headers.get('x-cache')).toBe('MISS')
    const homeAfter = await get(home)
    expect(homeAfter.headers.get('x-cache')).toBe('MISS')
    expect(homeAfter.text).toContain(`"id":${doc.id},`)
    // A change in SQL to a section (another instance, a tool) is scoped the same way.
    await get(lists.documents)
    await db.query('update "references" set title = title where id = $1', [
      world.items.references.public.id,
    ])
    const emptied = await until(
      async () => (await get(lists.references)).headers.get('x-cache') === 'MISS',
      1000,
    )
    expect(emptied, 'the references list was emptied').not.toBeNull()
    expect((await get(lists.documents)).headers.get('x-cache')).toBe('HIT')
  })

  it("should cache anonymous search answers and follow the search index's changes", async () => {
    await settled()
    const word = `timkiem${Date.now().toString(36)}`
    const url = `/api/search?q=${word}`
    const before = expectOk(await get(url))
    expect(before.json.hits).toEqual([])
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')
    // Published now, indexed a moment later by the search job: the cached "nothing found" must
    // go when the index changes, not when the cache's age limit passes.
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents(`search cache ${word}`),
      audience: 'public',
    })
    const foundAt = await until(
      async () => JSON.stringify((await get(url)).json.hits).includes(`documents:${doc.id}`),
      15_000,
    )
    expect(foundAt, 'the published item is found through the cache').not.toBeNull()
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')
    // The anonymous "who am I" the portal asks on every page is a hit too, and says no one.
    await get('/api/users/me')
    const me = await get('/api/users/me')
    expect(me.headers.get('x-cache')).toBe('HIT')
    expect(me.json.user).toBeNull()
  })
})

describe('signed-in readers through the cache (portal cookies)', () => {
  const cookie = (session: Session) => ({
    Cookie: `payload-token=${session.token}`,
    'Sec-Fetch-Site': 'same-origin',
  })
  /** Every path of the sections a portal reader calls, for every world item. */
  const readPaths = () => {
    // ("units" is in the world items' titles: the search lists what each reader may see.)
    const paths = ['/api/home?probe=cookies', '/api/search?q=units&limit=50']
    for (const slug of contentSlugs) {
      paths.push(`/api/${slug}?limit=100&depth=0&sort=-updatedAt&probe=cookies`)
      for (const item of Object.values(world.items[slug]))
        paths.push(`/api/${slug}/${item.id}?depth=1&probe=cookies`)
    }
    return paths
  }

  it('should give every reader through a cookie exactly what Payload gives them, in any order', async () => {
    await settled()
    const { member, outsider, editor } = world.sessions
    const readers = { member, outsider, editor, anonymous } as Record<string, Session>
    const paths = readPaths()
    // What each reader is given without the cache (a bearer token or no credentials: uncached).
    const expected = new Map<string, { status: number; text: string }>()
    for (const [name, session] of Object.entries(readers))
      for (const path of paths) {
        const res = await api.get(path, { session })
        expected.set(`${name} ${path}`, { status: res.status, text: res.text })
      }
    const states: Record<string, string[]> = {}
    // Twice, in both orders: the second round is answered from the cache where it may be.
    for (const order of [
      ['member', 'outsider', 'editor', 'anonymous'],
      ['anonymous', 'editor', 'outsider', 'member'],
    ]) {
      for (const path of paths)
        for (const name of order) {
          const session = readers[name]
          const res = await get(path, session.token ? cookie(session) : {})
          const want = expected.get(`${name} ${path}`)!
          expect(res.status, `${name} ${path}`).toBe(want.status)
          expect(res.text, `${name} ${path}`).toBe(want.text)
          if (session.token) expect(res.headers.get('cache-control')).toBe('private, no-store')
          ;(states[name] ??= []).push(res.headers.get('x-cache') ?? '')
        }
    }
    // Members' answers are shared with their audience; staff answers are never stored.
    expect(states.member).toContain('HIT')
    expect(states.outsider).toContain('HIT')
    expect(states.editor.every((state) => state === 'BYPASS')).toBe(true)
    // The units item is the member's (cell A), never the outsider's (cell B), cached or not.
    for (const slug of contentSlugs) {
      const units = world.items[slug].units
      const list = `/api/${slug}?limit=100&depth=0&sort=-updatedAt&probe=cookies`
      expect((await get(list, cookie(member))).text).toContain(`"id":${units.id},`)
      expect((await get(list, cookie(outsider))).text).not.toContain(`"id":${units.id},`)
      expect((await get(list, cookie(member))).headers.get('x-cache')).toBe('HIT')
    }
  })

  it("should keep a member's own questions to them, and end with their session", async () => {
    await settled()
    const { admin } = world.sessions
    const [first, second] = [
      await issueAccount(api, admin, { roles: ['member'], unit: world.units.cellA }),
      await issueAccount(api, admin, { roles: ['member'], unit: world.units.cellA }),
    ]
    const asked = expectOk(
      await api.post(
        '/api/questions',
        { title: 'Câu hỏi riêng của tôi', question: 'Nội dung câu hỏi riêng' },
        { session: first.session },
      ),
    ).json.doc
    // (Its list and item; the home lists show published FAQs only.)
    for (const path of ['/api/questions?limit=100&depth=0', `/api/questions/${asked.id}`])
      for (let round = 0; round < 2; round++) {
        expect((await get(path, cookie(first.session))).text, path).toContain(`"id":${asked.id},`)
        expect((await get(path, cookie(second.session))).text, path).not.toContain(
          `"id":${asked.id},`,
        )
      }
    // Signed out: the same cookie reads as no one, even where its answer was cached.
    const units = world.items.documents.units
    const list = '/api/documents?limit=100&depth=0&probe=logout'
    expect((await get(list, cookie(second.session))).text).toContain(`"id":${units.id},`)
    expect((await get(list, cookie(second.session))).headers.get('x-cache')).toBe('HIT')
    expectOk(await api.post('/api/users/logout', {}, { session: second.session }))
    const after = await get(list, cookie(second.session))
    expect(after.status).toBe(200)
    expect(after.text).not.toContain(`"id":${units.id},`)
    expect(after.text).not.toContain(`"id":${world.items.documents.members.id},`)
    expect(after.headers.get('x-cache')).toBe('BYPASS')
    // Deactivated: the same.
    expect((await get(list, cookie(first.session))).text).toContain(`"id":${units.id},`)
    expectOk(await api.patch(`/api/users/${first.id}`, { deactivated: true }, { session: admin }))
    expect((await get(list, cookie(first.session))).text).not.toContain(`"id":${units.id},`)
    // A session ended outside any request (another instance, a tool, SQL): within a second.
    const third = await issueAccount(api, admin, { roles: ['member'], unit: world.units.cellA })
    expect((await get(list, cookie(third.session))).text).toContain(`"id":${units.id},`)
    expect((await get(list, cookie(third.session))).headers.get('x-cache')).toBe('HIT')
    await db.query('delete from users_sessions where _parent_id = $1', [third.id])
    const endedAt = await until(
      async () => !(await get(list, cookie(third.session))).text.includes(`"id":${units.id},`),
      1000,
    )
    expect(endedAt, 'the ended session no longer reads the unit item').not.toBeNull()
  })
})

describe('the public doors through the cache', () => {
  const feedTitles = (res: { json: { items?: { title?: string }[] } }) =>
    (res.json.items ?? []).map((item) => item.title ?? '')
  const has = (list: string[], title: string) => list.some((t) => t.includes(title))

  it('should cache feeds and embed pages for anonymous readers, keeping their cross-origin headers', async () => {
    // Feeds refuse unknown parameters: each test keys its own URLs by `limit`.
    for (const path of [
      '/feeds/all.json?limit=41',
      '/feeds/documents.atom?limit=41',
      '/embed/documents?limit=19',
      '/embed.js',
    ]) {
      const first = await get(path)
      expect(first.status, path).toBe(200)
      const again = await get(path, { Origin: 'https://phuong.example.vn' })
      expect(again.headers.get('x-cache'), path).toBe('HIT')
      expect(again.text).toBe(first.text)
      expect(again.headers.get('access-control-allow-origin'), path).toBe('*')
      expect(again.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin')
      expect(again.headers.get('content-type'), path).toBe(first.headers.get('content-type'))
      const etag = again.headers.get('etag')!
      expect((await get(path, { 'If-None-Match': etag })).status, path).toBe(304)
    }
    const page = await get('/embed/documents?limit=19')
    expect(page.headers.get('x-frame-options')).toBeNull()
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/)
    // Everything else stays same-origin, cached or not.
    const list = await get('/api/documents?limit=1&depth=0&probe=doors')
    expect(list.headers.get('access-control-allow-origin')).toBeNull()
    expect(list.headers.get('cross-origin-resource-policy')).toBe('same-origin')
  })

  it("should never mix a consumer's members feed with the anonymous one, in either order", async () => {
    const token = expectOk(
      await api.post(
        '/api/feed-consumers',
        { name: 'Trang nội bộ thử bộ đệm' },
        { session: world.sessions.admin },
      ),
    ).json.doc.token as string
    const members = world.items.documents.members.title
    const path = '/feeds/all.json'
    for (const order of [
      ['consumer', 'anonymous', 'consumer', 'anonymous'],
      ['anonymous', 'consumer', 'anonymous', 'consumer'],
    ]) {
      for (const who of order) {
        const res = await get(
          `${path}?limit=${order[0] === 'consumer' ? 50 : 49}`,
          who === 'consumer' ? { Authorization: `Bearer ${token}` } : {},
        )
        expect(res.status).toBe(200)
        if (who === 'consumer') {
          expect(has(feedTitles(res), members)).toBe(true)
          expect(res.headers.get('cache-control')).toBe('private, no-store')
          expect(res.headers.get('x-cache')).toBe('BYPASS')
        } else {
          expect(has(feedTitles(res), members)).toBe(false)
          expect(has(feedTitles(res), world.items.documents.public.title)).toBe(true)
        }
        expect(has(feedTitles(res), world.items.documents.units.title)).toBe(false)
      }
    }
  })

  it('should take an unpublished item out of a cached feed and embed at once', async () => {
    const title = 'Định hướng sẽ gỡ khỏi nguồn tin'
    const doc = await publishItem(api, world.sessions, 'orientations', {
      ...minimalItem.orientations('feed-out'),
      title,
      audience: 'public',
    })
    const feed = '/feeds/orientations.json?limit=42'
    const embed = '/embed/orientations?limit=18'
    expect(has(feedTitles(await get(feed)), title)).toBe(true)
    expect((await get(embed)).text).toContain(title)
    expect((await get(feed)).headers.get('x-cache')).toBe('HIT')
    await workflow(api, world.sessions.reviewer, 'orientations', doc.id, 'unpublish', {
      comment: 'Gỡ xuống',
    })
    expect(has(feedTitles(await get(feed)), title)).toBe(false)
    expect((await get(embed)).text).not.toContain(title)
  })
})

describe('two instances on one database', () => {
  let second: TestServer
  let secondApi: Client
  beforeAll(async () => {
    second = await startServer({ databaseUrl: server.databaseUrl })
    secondApi = client(second.url)
  })
  afterAll(async () => {
    await second?.stop()
  })

  it('should show a publish on one instance in the other instance within a second', async () => {
    const url = `/api/orientations?limit=50&depth=0&probe=instances`
    const feed = '/feeds/all.json?limit=43'
    const read = () => secondApi.get(url)
    await read()
    await secondApi.get(feed)
    expect((await read()).headers.get('x-cache')).toBe('HIT')
    expect((await secondApi.get(feed)).headers.get('x-cache')).toBe('HIT')
    const title = 'Định hướng công bố ở máy chủ thứ nhất'
    await publishItem(api, world.sessions, 'orientations', {
      ...minimalItem.orientations('instances'),
      title,
      audience: 'public',
    })
    const published = Date.now()
    const seenAt = await until(
      async () =>
        titles(await read()).includes(title) &&
        ((await secondApi.get(feed)).json.items as { title: string }[]).some((item) =>
          item.title.includes(title),
        ),
      1000,
    )
    expect(seenAt, 'not visible on the second instance within a second').not.toBeNull()
    console.log(
      `[public-cache] publish visible on the second instance after ${seenAt! - published} ms`,
    )
  })
})
