import { createHash } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs } from '../../collections/slugs'
import { SECTION_SEGMENTS, urlWords as urlSlug } from '../../src/portal/js/words.js'

import { type Client } from '../helpers/api'
import { freePort } from '../helpers/ports'
import { type TestServer } from '../helpers/server'
import { type World, minimalItem, publishItem, startWorld } from '../helpers/world'

const SHARE_PATHS = Object.fromEntries(
  Object.entries(SECTION_SEGMENTS).map(([segment, slug]) => [slug, segment]),
) as Record<string, string>

let server: TestServer
let api: Client
let world: World
let base = ''

const page = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(new URL(pathname, server.url), { headers, redirect: 'manual' }).then(async (res) => ({
    status: res.status,
    headers: res.headers,
    text: await res.text(),
  }))

const meta = (html: string, name: string) =>
  new RegExp(`<meta (?:property|name)="${name}" content="([^"]*)"`).exec(html)?.[1] ?? null

beforeAll(async () => {
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  ;({ server, api, world } = await startWorld({ env: { PORT: String(port), SERVER_URL: base } }))
})
afterAll(async () => {
  await server?.stop()
})

describe('shareable item paths', () => {
  it('should redirect an item path to its canonical form and preview a public item of every section', async () => {
    for (const slug of contentSlugs) {
      const item = world.items[slug].public
      const short = await page(`/${SHARE_PATHS[slug]}/${item.id}`)
      expect(short.status, slug).toBe(301)
      const canonical = short.headers.get('location')!
      expect(canonical).toMatch(new RegExp(`^/${SHARE_PATHS[slug]}/${item.id}-[a-z0-9-]+$`))
      const res = await page(canonical)
      expect(res.status, slug).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(meta(res.text, 'og:title'), slug).toContain(item.title)
      expect(meta(res.text, 'og:url')).toBe(`${base}${canonical}`)
      // Every preview has a picture: the handbook's card when the item has none of its own.
      expect(meta(res.text, 'og:image')).toBe(`${base}/og-image.png`)
      expect(meta(res.text, 'twitter:card')).toBe('summary_large_image')
      expect(meta(res.text, 'og:site_name')).toBe('Sổ tay')
      expect(res.text).toContain(`<link rel="canonical" href="${base}${canonical}" />`)
      expect(res.text).toContain('type="application/json+oembed"')
      expect(res.text.match(/<meta name="description"/g)).toHaveLength(1)
      expect(res.text).toMatch(/<script type="module" src="\/assets\/app-[A-Z0-9]+\.js"><\/script>/)
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
      // A wrong or stale slug (a renamed item) lands on the canonical path.
      const stale = await page(`/${SHARE_PATHS[slug]}/${item.id}-ten-cu`)
      expect(stale.status).toBe(301)
      expect(stale.headers.get('location')).toBe(canonical)
    }
  })

  it('should preview nothing for items outside readers may not see, whoever asks', async () => {
    const nowhere = await page('/van-ban/987654321')
    expect(nowhere.status).toBe(200)
    expect(meta(nowhere.text, 'og:title')).toBeNull()
    expect(nowhere.text).toContain('<meta name="robots" content="noindex" />')
    const hostile = await publishItem(api, world.sessions, 'identified-pages', {
      ...minimalItem['identified-pages']('hostile-share'),
      name: 'Trang xấu độc không được lan truyền',
      classification: 'hostile',
      audience: 'public',
    })
    for (const slug of contentSlugs) {
      for (const hidden of ['members', 'units', 'draft'] as const) {
        const item = world.items[slug][hidden]
        const asMember: Record<string, string> = {
          Authorization: `JWT ${world.sessions.member.token}`,
        }
        for (const headers of [{}, asMember]) {
          const res = await page(`/${SHARE_PATHS[slug]}/${item.id}-${urlSlug(item.title)}`, headers)
          expect(res.status, `${slug} ${hidden}`).toBe(200)
          expect(res.text, `${slug} ${hidden}`).toBe(nowhere.text)
          expect(res.text).not.toContain(item.title)
        }
      }
    }
    const res = await page(`/nhan-dien/${hostile.id}-${urlSlug(hostile.name)}`)
    expect(res.text).toBe(nowhere.text)
    expect(res.text).not.toContain('Trang xấu độc')
  })

  it('should escape what an editor wrote in the preview', async () => {
    const title = 'Văn bản "trích dẫn" <script>alert(1)</script> & ký hiệu'
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('escape'),
      title,
      summary: 'Tóm tắt có <b>thẻ</b> và "ngoặc kép"',
      audience: 'public',
    })
    const canonical = (await page(`/van-ban/${doc.id}`)).headers.get('location')!
    const res = await page(canonical)
    expect(res.text).not.toContain('<script>alert(1)</script>')
    expect(meta(res.text, 'og:title')).toContain('&quot;trích dẫn&quot; &lt;script&gt;')
    expect(meta(res.text, 'og:description')).toContain('&lt;b&gt;thẻ&lt;/b&gt;')
  })

  it('should answer malformed item paths with 404, never 5xx', async () => {
    for (const bad of [
      '/van-ban/abc',
      '/van-ban/1234567890123',
      '/van-ban/-1',
      '/van-ban/5-ÄÖ',
      // Beyond PostgreSQL's integer: found by the fuzzer (it was a 503).
      '/van-ban/2147483648-x',
      '/hoi-dap/9999999999',
    ]) {
      const res = await page(bad)
      expect(res.status, bad).toBeGreaterThanOrEqual(400)
      expect(res.status, bad).toBeLessThan(500)
    }
  })

  it('should let oEmbed read a shareable path, and cache the page for anonymous readers', async () => {
    const item = world.items.documents.public
    const canonical = (await page(`/van-ban/${item.id}`)).headers.get('location')!
    const oembed = await api.get(
      `/oembed?url=${encodeURIComponent(`${base}${canonical}`)}&format=json`,
    )
    expect(oembed.status).toBe(200)
    expect(oembed.json.title).toContain(item.title)
    await page(canonical)
    expect((await page(canonical)).headers.get('x-cache')).toBe('HIT')
  })
})

describe('the portal as an installable, strict page', () => {
  it('should serve an icon and a web app manifest', async () => {
    const icon = await page('/favicon.svg')
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toMatch(/image\/svg\+xml/)
    const ico = await page('/favicon.ico')
    expect(ico.status).toBe(301)
    expect(ico.headers.get('location')).toBe('/favicon.svg')
    const manifest = await page('/manifest.webmanifest')
    expect(manifest.status).toBe(200)
    expect(manifest.headers.get('content-type')).toMatch(/manifest\+json/)
    const parsed = JSON.parse(manifest.text)
    expect(parsed.lang).toBe('vi')
    expect(parsed.start_url).toBe('/')
    expect(parsed.icons[0].src).toBe('/favicon.svg')
    // Installable: PNG icons of the sizes phones ask for, which exist.
    for (const size of ['192x192', '512x512']) {
      const icon = parsed.icons.find((i: { sizes: string }) => i.sizes === size)
      expect(icon, size).toBeTruthy()
      expect((await page(icon.src)).status, size).toBe(200)
    }
    expect((await page('/og-image.png')).headers.get('content-type')).toBe('image/png')
    const home = await page('/')
    expect(home.text).toContain('<link rel="manifest" href="/manifest.webmanifest" />')
  })

  it('should store rich text as HTML without inline styles, which the portal policy would block', async () => {
    const list = (items: string[]) => ({
      root: {
        type: 'root',
        version: 1,
        children: [
          {
            type: 'list',
            listType: 'bullet',
            tag: 'ul',
            start: 1,
            version: 1,
            children: items.map((text, i) => ({
              type: 'listitem',
              value: i + 1,
              version: 1,
              children: [{ type: 'text', version: 1, text }],
            })),
          },
          {
            type: 'paragraph',
            version: 1,
            format: 'center',
            children: [{ type: 'text', version: 1, text: 'Giữa' }],
          },
          { type: 'paragraph', version: 1, children: [] },
        ],
      },
    })
    const doc = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('no-inline-style'),
      body: list(['Một', 'Hai']),
      audience: 'public',
    })
    const read = await api.get(`/api/documents/${doc.id}?depth=0`)
    expect(read.json.bodyHtml).toBe(
      '<ul class="list-bullet"><li value="1">Một</li><li value="2">Hai</li></ul><p class="align-center">Giữa</p>',
    )
    expect(read.json.bodyHtml).not.toMatch(/style=/)
  })
})

describe("a member's own questions", () => {
  it('should list only the signed-in asker’s questions, and nothing without a session', async () => {
    const anonymous = await api.get('/api/questions/mine')
    expect(anonymous.status).toBe(401)
    expect(anonymous.json.errors[0].message).toMatch(/đăng nhập/)
    const asked = await api.post(
      '/api/questions',
      { title: 'Câu hỏi của riêng tôi', question: 'Nội dung riêng' },
      { session: world.sessions.member },
    )
    expect(asked.status).toBe(201)
    const mine = await api.get('/api/questions/mine', { session: world.sessions.member })
    expect(mine.status).toBe(200)
    const titles = mine.json.docs.map((doc: { title: string }) => doc.title)
    expect(titles).toContain('Câu hỏi của riêng tôi')
    expect(mine.json.docs[0]).toMatchObject({ title: 'Câu hỏi của riêng tôi', state: 'new' })
    expect(mine.json.docs[0]).not.toHaveProperty('askedBy')
    const theirs = await api.get('/api/questions/mine', { session: world.sessions.outsider })
    expect(theirs.status).toBe(200)
    expect(theirs.json.docs.map((doc: { title: string }) => doc.title)).not.toContain(
      'Câu hỏi của riêng tôi',
    )
  })
})

describe('the portal host', () => {
  const assetsOf = (html: string) =>
    [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])

  it('should serve the shell on every portal path, naming hashed assets kept a year', async () => {
    const home = await page('/')
    expect(home.status).toBe(200)
    expect(home.headers.get('cache-control')).toBe('no-cache')
    const assets = assetsOf(home.text)
    // One script; the style sheet is inline, allowed by its hash and nothing else inline.
    expect(assets).toHaveLength(1)
    const style = /<style>([^<]+)<\/style>/.exec(home.text)?.[1]
    expect(style).toBeTruthy()
    const hash = createHash('sha256').update(style!).digest('base64')
    expect(home.headers.get('content-security-policy')).toContain(
      `style-src 'self' 'sha256-${hash}'`,
    )
    expect(home.headers.get('content-security-policy')).not.toContain('unsafe-inline')
    for (const path of [
      '/van-ban',
      '/dinh-huong/',
      '/nhan-dien',
      '/tham-khao',
      '/hoi-dap',
      '/dang-nhap',
      '/quen-mat-khau',
      '/dat-lai-mat-khau',
      '/cau-hoi-cua-toi',
    ]) {
      const res = await page(path)
      expect(res.status, path).toBe(200)
      expect(assetsOf(res.text), path).toEqual(assets)
    }
    for (const asset of assets) {
      const res = await page(asset)
      expect(res.status, asset).toBe(200)
      expect(res.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable')
      // (fetch would add `Cache-Control: no-cache` to a conditional request; a browser does not.)
      const again = await page(asset, {
        'If-None-Match': res.headers.get('etag')!,
        'Cache-Control': 'max-age=0',
      })
      expect(again.status, asset).toBe(304)
    }
    // The bundle is minified and small (the budget script measures the whole page).
    const app = await page(assets.find((a) => a.endsWith('.js'))!)
    expect(app.headers.get('content-type')).toMatch(/javascript/)
    expect(app.text.length).toBeLessThan(60_000)
    expect((await page('/assets/app-NOTAHASH.js')).status).toBe(404)
  })

  it('should answer unknown page addresses with the shell and a 404, never the admin', async () => {
    for (const path of ['/khong-co-trang-nay', '/van-ban/abc/def', '/%E1%BA%A1']) {
      const res = await page(path, { Accept: 'text/html' })
      expect(res.status, path).toBe(404)
      expect(res.text, path).toContain('<div id="view-page"')
    }
  })

  it('should serve a service worker that names this build and is always checked for updates', async () => {
    const home = await page('/')
    const worker = await page('/sw.js')
    expect(worker.status).toBe(200)
    expect(worker.headers.get('cache-control')).toBe('no-cache')
    expect(worker.headers.get('content-type')).toMatch(/javascript/)
    expect(worker.text).not.toContain('__VERSION__')
    for (const asset of assetsOf(home.text)) expect(worker.text).toContain(asset)
    // Answers fetched signed in are kept apart and dropped at sign-in and sign-out.
    expect(worker.text).toContain('sotay-member')
    expect(worker.text).toMatch(/login\|logout/)
  })

  it('should send a member who opens the admin back to the portal, and let staff in', async () => {
    const cookie = (role: 'member' | 'outsider' | 'editor') => ({
      Cookie: `payload-token=${world.sessions[role].token}`,
      Accept: 'text/html',
      // What a browser sends when the address is typed or a bookmark opened.
      'Sec-Fetch-Site': 'none',
    })
    for (const role of ['member', 'outsider'] as const) {
      const res = await page('/admin', cookie(role))
      expect(res.status, role).toBe(303)
      expect(res.headers.get('location'), role).toBe('/?tu=quan-tri')
      expect((await page('/admin/collections/documents', cookie(role))).status, role).toBe(303)
    }
    const staff = await page('/admin', cookie('editor'))
    expect(staff.status).not.toBe(303)
    const anonymous = await page('/admin', { Accept: 'text/html', 'Sec-Fetch-Site': 'none' })
    expect(anonymous.headers.get('location') ?? '').not.toContain('tu=quan-tri')
  })

  it("should mail a reset link to the portal's reset page, which sets the password", async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const path = await import('node:path')
    const mailDir = path.join(server.dataDir, 'mail')
    const before = new Set(await readdir(mailDir).catch(() => [] as string[]))
    const email = world.users.outsider.email
    expect((await api.post('/api/users/forgot-password', { email })).status).toBe(200)
    let mail = ''
    for (let i = 0; i < 50 && !mail; i++) {
      const added = (await readdir(mailDir).catch(() => [] as string[])).filter(
        (f) => !before.has(f),
      )
      for (const file of added) {
        const text = await readFile(path.join(mailDir, file), 'utf8')
        if (text.includes(email)) mail = text
      }
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const flat = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    const token = /\/dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)/.exec(flat)?.[1]
    expect(token, flat.slice(0, 800)).toBeTruthy()
    expect(flat).not.toContain('/admin/reset')
    const reset = await api.post('/api/users/reset-password', {
      token,
      password: 'mat khau moi cua dong chi 2026',
    })
    expect(reset.status).toBe(200)
    expect((await api.login(email, 'mat khau moi cua dong chi 2026')).token).toBeTruthy()
  })

  it('should answer the home lists as each section’s own list answers the same reader, and never more', async () => {
    const sessions = {
      anonymous: undefined,
      outsider: world.sessions.outsider,
      member: world.sessions.member,
    }
    for (const [role, session] of Object.entries(sessions)) {
      const home = await api.get('/api/home', session ? { session } : undefined)
      expect(home.status, role).toBe(200)
      for (const slug of contentSlugs) {
        const where = slug === 'questions' ? '&where[isFaq][equals]=true' : ''
        const list = await api.get(
          `/api/${slug}?limit=4&depth=0&sort=-updatedAt${where}`,
          session ? { session } : undefined,
        )
        const ids = (docs: { id: number }[]) => docs.map((doc) => doc.id)
        expect(ids(home.json[slug].docs), `${role} ${slug}`).toEqual(ids(list.json.docs))
        expect(home.json[slug].totalDocs, `${role} ${slug}`).toBe(list.json.totalDocs)
        // Cards only: no bodies.
        for (const doc of home.json[slug].docs) {
          expect(doc).not.toHaveProperty('body')
          expect(doc).not.toHaveProperty('bodyHtml')
        }
      }
      const seen = JSON.stringify(home.json)
      // (The look-ups below match how an id appears in this answer.)
      for (const doc of home.json.documents.docs) expect(seen).toContain(`"id":${doc.id},`)
      for (const slug of contentSlugs) {
        const items = world.items[slug]
        expect(seen, `${role} sees a draft`).not.toContain(`"id":${items.draft.id},`)
        if (role === 'anonymous') {
          expect(seen, `anonymous sees members ${slug}`).not.toContain(`"id":${items.members.id},`)
          expect(seen, `anonymous sees units ${slug}`).not.toContain(`"id":${items.units.id},`)
        }
        if (role === 'outsider')
          expect(seen, `outsider sees units ${slug}`).not.toContain(`"id":${items.units.id},`)
      }
    }
    // Anonymous answers are cached like the sections' own lists; a session bypasses the cache.
    await api.get('/api/home')
    expect((await api.get('/api/home')).headers.get('x-cache')).toBe('HIT')
    const member = await api.get('/api/home', { session: world.sessions.member })
    expect(member.headers.get('x-cache')).toBe('BYPASS')
  })
})
