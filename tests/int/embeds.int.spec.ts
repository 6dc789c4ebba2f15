import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { type Client, type Session } from '../helpers/api'
import { freePort } from '../helpers/ports'
import { type TestServer } from '../helpers/server'
import {
  type World,
  expectOk,
  minimalItem,
  publishItem,
  startWorld,
  titleField,
  workflow,
} from '../helpers/world'

let server: TestServer
let api: Client
let world: World
let base: string

/** Items that exist but must never reach an outside reader, beside the world's own. */
const hidden: { label: string; slug: ContentSlug; id: number; title: string }[] = []
let overDraft: { slug: ContentSlug; id: number; published: string; draft: string }[] = []

const day = 86_400_000
const iso = (offset: number) => new Date(Date.now() + offset).toISOString()

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  ;({ server, api, world } = await startWorld({
    env: { PORT: String(port), SERVER_URL: base },
  }))
  const publish = (slug: ContentSlug, tag: string, extra: Record<string, unknown> = {}) =>
    publishItem(api, world.sessions, slug, {
      ...minimalItem[slug](tag),
      audience: 'public',
      ...extra,
    })

  for (const slug of contentSlugs) {
    for (const kind of ['members', 'units', 'draft'] as const)
      hidden.push({ label: `${kind} ${slug}`, slug, ...world.items[slug][kind] })
    const archived = await publish(slug, `archived-${slug}`)
    await workflow(api, world.sessions.reviewer, slug, archived.id, 'archive')
    hidden.push({
      label: `archived ${slug}`,
      slug,
      id: archived.id,
      title: archived[titleField(slug)],
    })
  }
  const expired = await publish('documents', 'expired', {
    effectiveDate: iso(-20 * day),
    expiryDate: iso(-day),
  })
  hidden.push({
    label: 'expired document',
    slug: 'documents',
    id: expired.id,
    title: expired.title,
  })
  const old = await publish('documents', 'superseded')
  await publish('documents', 'successor', { supersedes: old.id })
  hidden.push({ label: 'superseded document', slug: 'documents', id: old.id, title: old.title })

  overDraft = []
  for (const slug of ['documents', 'orientations', 'questions'] as const) {
    const live = await publish(slug, `live-${slug}`)
    const draft = `BẢN NHÁP CHƯA DUYỆT ${slug}`
    expectOk(
      await api.patch(
        `/api/${slug}/${live.id}?draft=true`,
        { [titleField(slug)]: draft, _status: 'draft' },
        { session: world.sessions.editor },
      ),
    )
    overDraft.push({ slug, id: live.id, published: live[titleField(slug)], draft })
  }
})
afterAll(async () => {
  await server?.stop()
})

/** GET with the session both as a bearer token and as Payload's cookie. */
const get = async (pathname: string, session?: Session, headers: Record<string, string> = {}) => {
  const all = { ...headers }
  if (session?.token) {
    all.Authorization = `JWT ${session.token}`
    all.Cookie = `payload-token=${session.token}`
  }
  return api.request('GET', pathname, { headers: all })
}

const itemUrl = (slug: string, id: number) => `${base}/#/${slug}/${id}`
const oembed = (url: string, extra = '') => `/oembed?url=${encodeURIComponent(url)}${extra}`

describe('headers', () => {
  it('should serve embed.js to any origin as JavaScript', async () => {
    const res = await get('/embed.js', undefined, { Origin: 'https://ward.example.vn' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.text).toContain("customElements.define('sotay-feed'")
  })

  it('should let any site frame the embed pages, under a strict policy of their own', async () => {
    const { id } = world.items.documents.public
    for (const pathname of ['/embed/documents', '/embed/all', `/embed/documents/${id}`]) {
      const res = await get(pathname, undefined, { Origin: 'https://ward.example.vn' })
      expect(res.status, pathname).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('x-frame-options')).toBeNull()
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain('frame-ancestors *')
      expect(csp).toContain("base-uri 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.text).not.toContain('<script')
      // The one inline style is the one the policy's hash allows.
      const style = /<style>([\s\S]*?)<\/style>/.exec(res.text)![1]
      const hash = createHash('sha256').update(style).digest('base64')
      expect(csp).toContain(`style-src 'sha256-${hash}'`)
    }
  })

  it('should give the same policy to the 404 page of an embed', async () => {
    const res = await get('/embed/documents/999999')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *')
  })

  it('should answer oEmbed to any origin as JSON', async () => {
    const { id } = world.items.documents.public
    const res = await get(oembed(itemUrl('documents', id)), undefined, {
      Origin: 'https://ward.example.vn',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
  })

  it.each(['/', '/api/documents', '/admin', '/admin/login'])(
    'should keep %s same-origin and unframable',
    async (pathname) => {
      const res = await get(pathname, undefined, { Origin: 'https://ward.example.vn' })
      expect(res.status).toBeLessThan(500)
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      if (pathname !== '/api/documents')
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    },
  )
})

describe('oEmbed for a public item', () => {
  it.each(contentSlugs)('should describe the public item of %s as a rich iframe', async (slug) => {
    const { id, title } = world.items[slug].public
    const res = await get(oembed(itemUrl(slug, id), '&format=json'))
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Sổ tay',
      provider_url: `${base}/`,
      width: 480,
      height: 240,
    })
    expect(res.json.title).toContain(title)
    expect(res.json.html).toMatch(
      new RegExp(`^<iframe src="${base}/embed/${slug}/${id}" width="480" height="240" `),
    )
    const card = await get(`/embed/${slug}/${id}`)
    expect(card.status).toBe(200)
    expect(card.text).toContain(title)
    // The card links the item's shareable path (which previews where it is shared).
    expect(card.text).toMatch(
      new RegExp(`href="${base}/[a-z-]+/${id}(-[a-z0-9-]+)?" target="_blank" rel="noopener"`),
    )
  })

  it('should accept the future real path of an item page', async () => {
    const { id } = world.items.orientations.public
    const res = await get(oembed(`${base}/orientations/${id}`))
    expect(res.status).toBe(200)
    expect(res.json.html).toContain(`/embed/orientations/${id}"`)
  })

  it('should honour maxwidth and maxheight', async () => {
    const { id } = world.items.documents.public
    const res = await get(oembed(itemUrl('documents', id), '&maxwidth=320&maxheight=150'))
    expect(res.json).toMatchObject({ width: 320, height: 150 })
    expect(res.json.html).toContain('width="320" height="150"')
    const roomy = await get(oembed(itemUrl('documents', id), '&maxwidth=2000&maxheight=2000'))
    expect(roomy.json).toMatchObject({ width: 480, height: 240 })
  })

  it('should answer 501 for XML and 404 for other sites or other pages', async () => {
    const { id } = world.items.documents.public
    expect((await get(oembed(itemUrl('documents', id), '&format=xml'))).status).toBe(501)
    for (const url of [
      `https://evil.example/#/documents/${id}`,
      `${base.replace('127.0.0.1', 'localhost')}/#/documents/${id}`,
      `${base}/`,
      `${base}/#/documents`,
      `${base}/#/users/1`,
      `${base}/api/documents/${id}`,
      `${base}/admin/collections/documents/${id}`,
    ]) {
      const res = await get(oembed(url))
      expect(res.status, url).toBe(404)
    }
  })
})

describe('what outside readers never get', () => {
  /** The 404 answers of something that does not exist: hidden items must answer the same. */
  let missing: { oembed: string; card: string }

  beforeAll(async () => {
    missing = {
      oembed: (await get(oembed(itemUrl('documents', 987654321)))).text,
      card: (await get('/embed/documents/987654321')).text,
    }
  })

  const readers = ['anonymous', 'outsider', 'member', 'admin'] as const

  it.each(readers)(
    'should answer %s for a hidden item exactly as for a missing one',
    async (reader) => {
      const session = world.sessions[reader]
      expect(hidden.length).toBeGreaterThanOrEqual(22)
      for (const item of hidden) {
        const answer = await get(oembed(itemUrl(item.slug, item.id)), session)
        expect(answer.status, item.label).toBe(404)
        expect(answer.text, item.label).toBe(missing.oembed)
        const card = await get(`/embed/${item.slug}/${item.id}`, session)
        expect(card.status, item.label).toBe(404)
        expect(card.text, item.label).toBe(missing.card)
      }
    },
  )

  it.each(readers)('should list only public, current items to %s', async (reader) => {
    const session = world.sessions[reader]
    for (const slug of [...contentSlugs, 'all'] as const) {
      const res = await get(`/embed/${slug}?limit=20`, session)
      expect(res.status).toBe(200)
      for (const item of hidden)
        expect(res.text, `${item.label} in ${slug}`).not.toContain(item.title)
      for (const { draft } of overDraft) expect(res.text).not.toContain(draft)
    }
    const documents = await get('/embed/documents?limit=20', session)
    expect(documents.text).toContain(world.items.documents.public.title)
  })

  it('should show the published version of an item with a draft saved over it', async () => {
    for (const { slug, id, published, draft } of overDraft) {
      const card = await get(`/embed/${slug}/${id}`, world.sessions.editor)
      expect(card.status).toBe(200)
      expect(card.text).toContain(published)
      expect(card.text).not.toContain(draft)
      const answer = await get(oembed(itemUrl(slug, id)), world.sessions.editor)
      expect(answer.json.title).toContain(published)
      expect(answer.text).not.toContain(draft)
      const list = await get(`/embed/${slug}?limit=20`)
      expect(list.text).toContain(published)
      expect(list.text).not.toContain(draft)
    }
  })
})

describe('bad input', () => {
  const HUGE = '/oembed?url=(a URL of 10 000 characters)'
  it.each([
    ['/oembed', 400],
    ['/oembed?url=', 400],
    ['/oembed?url=javascript:alert(1)', 404],
    ['/oembed?url=data:text/html,hi', 404],
    ['/oembed?url=not%20a%20url', 404],
    [HUGE, 400],
    ['/oembed?url[]=x', 400],
    ['/oembed?url=a&url=b', 400],
    ['/oembed?url=http://127.0.0.1/%23/documents/1&maxwidth=-1', 400],
    ['/oembed?url=http://127.0.0.1/%23/documents/1&maxheight=abc', 400],
    ['/oembed?url=http://127.0.0.1/%23/documents/99999999999999999999', 404],
    ['/embed/..%2f', 404],
    ['/embed/..%2f..%2fadmin', 404],
    ['/embed/documents?limit=abc', 400],
    ['/embed/documents?limit=0', 400],
    ['/embed/documents?limit=21', 400],
    ['/embed/documents?limit=1e1', 400],
    // Unknown parameters are ignored (cache busters, tracking tags).
    ['/embed/documents?limit[]=1', 200],
    ['/embed/documents?limit=1&limit=2', 400],
    ['/embed/users', 404],
    ['/embed/nope/1', 404],
    ['/embed/documents/abc', 404],
    ['/embed/documents/0', 404],
    ['/embed/documents/-1', 404],
    ['/embed/documents/1.5', 404],
    ['/embed/documents/99999999999999999999', 404],
    ['/embed/documents/1/extra', 404],
    ['/embed/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 404],
  ])('%s → %i', async (pathname, status) => {
    const res = await get(
      pathname === HUGE ? oembed(`${base}/#/documents/1?${'a'.repeat(10_000)}`) : pathname,
    )
    expect(res.status).toBe(status)
    expect(res.text).not.toContain('<script>')
  })

  it('should refuse other methods on the embed doors without a 5xx', async () => {
    for (const pathname of ['/oembed', '/embed.js', '/embed/documents']) {
      const res = await api.request('POST', pathname, { body: { a: 1 } })
      expect(res.status, pathname).toBeGreaterThanOrEqual(400)
      expect(res.status, pathname).toBeLessThan(500)
    }
  })
})

describe('embed.js', () => {
  it('should stay well under 5 KB gzipped and never write feed data as HTML', async () => {
    const res = await get('/embed.js')
    const gzipped = gzipSync(Buffer.from(res.text)).length
    console.log(`[embeds] embed.js: ${Buffer.byteLength(res.text)} bytes, ${gzipped} gzipped`)
    expect(gzipped).toBeLessThan(4 * 1024)
    expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/)
  })
})
