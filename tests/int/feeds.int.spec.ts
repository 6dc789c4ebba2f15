import { readFileSync } from 'node:fs'

import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs } from '../../collections/slugs'
import { type Client, type Session, anonymous } from '../helpers/api'
import { uploadForm } from '../helpers/files'
import { type TestServer } from '../helpers/server'
import {
  type World,
  expectOk,
  minimalItem,
  publishItem,
  startWorld,
  workflow,
} from '../helpers/world'

const SERVER_URL = 'https://sotay.example.vn'
const feedNames = ['all', ...contentSlugs]
const formats = ['json', 'atom', 'rss'] as const

let server: TestServer
let api: Client
let world: World

const schema = JSON.parse(
  readFileSync(new URL('../helpers/jsonfeed-1.1.schema.json', import.meta.url), 'utf8'),
)
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false })
addFormats(ajv)
const validateJsonFeed = ajv.compile(schema)
const parser = new Parser()

/** A few frames of a valid MPEG-1 Layer III stream (128 kbit/s, 44.1 kHz), silent. */
const mp3 = () => {
  const frame = Buffer.alloc(417)
  frame.set([0xff, 0xfb, 0x90, 0x64])
  return Buffer.concat(Array.from({ length: 8 }, () => frame))
}

const VIET = 'Nghị quyết về đẩy mạnh chuyển đổi số trong công tác xây dựng Đảng ở cơ sở'
/** A document's feed title is its symbol and its title. */
const VIET_TITLE = `viet-NQ/ĐU — ${VIET}`
const VIET_SUMMARY = 'Tăng cường ứng dụng công nghệ; đảng viên được bồi dưỡng kỹ năng số.'
/** What a title with markup characters, several CDATA ends and control characters becomes. */
const SPECIAL_RAW = 'Tài liệu <b>A</b> & B ]]> C ]]> D \u0001x\u000By'
const SPECIAL = 'Tài liệu <b>A</b> & B ]]> C ]]> D xy'

const fx = {} as Record<
  | 'viet'
  | 'special'
  | 'audio'
  | 'podcast'
  | 'draftOver'
  | 'archived'
  | 'unpublished'
  | 'expired'
  | 'superseded'
  | 'successor'
  | 'notFaq',
  { id: number; title: string }
>
const DRAFT_TITLE = 'Tiêu đề bản nháp chưa duyệt'

const get = (path: string, headers: Record<string, string> = {}, session: Session = anonymous) =>
  api.request('GET', path, { headers, session })

const jsonFeed = async (path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers)
  expect(res.status, res.text).toBe(200)
  return res.json as {
    items: {
      id: string
      url: string
      title: string
      summary?: string
      content_html?: string
      date_published: string
      date_modified: string
      tags: string[]
      attachments?: { url: string; mime_type: string; size_in_bytes: number }[]
    }[]
    [key: string]: unknown
  }
}

const titlesIn = async (path: string, headers: Record<string, string> = {}) =>
  (await jsonFeed(path, headers)).items.map((item) => item.title)

beforeAll(async () => {
  ;({ server, api, world } = await startWorld({ env: { SERVER_URL } }))
  const editor = world.sessions.editor
  const publish = async (slug: string, data: Record<string, unknown>) => {
    const doc = await publishItem(api, world.sessions, slug, { audience: 'public', ...data })
    return { id: doc.id as number, title: String(doc.title ?? doc.name) }
  }

  fx.viet = await publish('documents', {
    ...minimalItem.documents('viet'),
    title: VIET,
    summary: VIET_SUMMARY,
  })
  fx.special = await publish('references', {
    ...minimalItem.references('special'),
    title: SPECIAL_RAW,
    kind: 'article',
    topics: ['Văn hóa & xã hội'],
    summary: 'Tóm tắt có <thẻ> & ký tự ]]> đặc biệt',
  })

  const media = expectOk(
    await api.post('/api/media', uploadForm(mp3(), 'bai-noi-chuyen.mp3', 'audio/mpeg', {}), {
      session: editor,
    }),
  ).json.doc
  fx.audio = await publish('orientations', {
    ...minimalItem.orientations('audio'),
    title: 'Định hướng có bản audio',
    topic: 'Học tập và làm theo',
    keyMessages: [{ text: 'Thông điệp thứ nhất' }],
    audio: media.id,
  })
  const podcastFile = expectOk(
    await api.post('/api/media', uploadForm(mp3(), 'podcast-so-1.mp3', 'audio/mpeg', {}), {
      session: editor,
    }),
  ).json.doc
  fx.podcast = await publish('references', {
    ...minimalItem.references('podcast'),
    title: 'Podcast số 1',
    kind: 'podcast',
    file: podcastFile.id,
    duration: 95,
  })

  fx.draftOver = await publish('questions', {
    ...minimalItem.questions('over'),
    title: 'Câu hỏi đã xuất bản',
  })
  expectOk(
    await api.patch(
      `/api/questions/${fx.draftOver.id}?draft=true`,
      { title: DRAFT_TITLE },
      { session: editor },
    ),
  )
  fx.archived = await publish('orientations', {
    ...minimalItem.orientations('archived'),
    title: 'Định hướng đã lưu trữ',
  })
  await workflow(api, world.sessions.reviewer, 'orientations', fx.archived.id, 'archive')
  fx.unpublished = await publish('identified-pages', {
    ...minimalItem['identified-pages']('unpublished'),
    name: 'Trang đã gỡ xuất bản',
  })
  await workflow(api, world.sessions.reviewer, 'identified-pages', fx.unpublished.id, 'unpublish')
  fx.expired = await publish('documents', {
    ...minimalItem.documents('expired'),
    title: 'Thông báo đã hết hiệu lực',
    expiryDate: new Date(Date.now() - 86_400_000).toISOString(),
  })
  fx.superseded = await publish('documents', {
    ...minimalItem.documents('old'),
    title: 'Quy định cũ bị thay thế',
  })
  fx.successor = await publish('documents', {
    ...minimalItem.documents('new'),
    title: 'Quy định mới thay thế',
    supersedes: fx.superseded.id,
  })
  fx.notFaq = await publish('questions', {
    ...minimalItem.questions('notfaq'),
    title: 'Câu hỏi không đưa vào hỏi đáp',
    isFaq: false,
  })
})

afterAll(async () => {
  await server?.stop()
})

/** Titles that must never be in a public feed, with why. */
const hiddenTitles = () => [
  ...contentSlugs.flatMap((slug) => [
    world.items[slug].members.title,
    world.items[slug].units.title,
    world.items[slug].draft.title,
  ]),
  DRAFT_TITLE,
  fx.archived.title,
  fx.unpublished.title,
  fx.expired.title,
  fx.superseded.title,
  fx.notFaq.title,
]

describe('every feed, in every format', () => {
  it.each(feedNames)('%s.json should be valid JSON Feed 1.1', async (name) => {
    const res = await get(`/feeds/${name}.json?limit=50`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('vary')).toMatch(/authorization/i)
    const valid = validateJsonFeed(res.json)
    expect(validateJsonFeed.errors ?? [], JSON.stringify(validateJsonFeed.errors)).toEqual([])
    expect(valid).toBe(true)
    expect(res.json.language).toBe('vi')
    expect(res.json.feed_url).toBe(`${SERVER_URL}/feeds/${name}.json?limit=50`)
    expect(res.json.home_page_url.startsWith(`${SERVER_URL}/`)).toBe(true)
    expect(res.json.items.length).toBeGreaterThan(0)
    for (const item of res.json.items) {
      expect(item.url.startsWith(`${SERVER_URL}/`)).toBe(true)
      expect(item.id).toMatch(/^tag:sotay\.example\.vn,2026:[a-z-]+\/\d+$/)
      // RFC 3339 with a zone designator.
      expect(item.date_published).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
      )
      expect(item.date_modified).toMatch(/(Z|[+-]\d\d:\d\d)$/)
    }
  })

  it.each(feedNames.flatMap((name) => (['rss', 'atom'] as const).map((f) => [name, f])))(
    '%s.%s should be read by rss-parser',
    async (name, format) => {
      const res = await get(`/feeds/${name}.${format}?limit=50`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(
        format === 'rss'
          ? 'application/rss+xml; charset=utf-8'
          : 'application/atom+xml; charset=utf-8',
      )
      const feed = await parser.parseString(res.text)
      expect(feed.items.length).toBeGreaterThan(0)
      for (const item of feed.items) {
        expect(item.link?.startsWith(`${SERVER_URL}/`)).toBe(true)
        expect(item.title).toBeTruthy()
        expect(Number.isNaN(Date.parse(item.isoDate ?? ''))).toBe(false)
      }
      const ids = feed.items.map((item) => (format === 'rss' ? item.guid : item.id))
      for (const id of ids) expect(id).toMatch(/^tag:sotay\.example\.vn,2026:/)
    },
  )

  it('should give the same stable id to an item in every format and request', async () => {
    const id = `tag:sotay.example.vn,2026:documents/${fx.viet.id}`
    const json = await jsonFeed('/feeds/documents.json?limit=50')
    expect(json.items.find((item) => item.title === VIET_TITLE)?.id).toBe(id)
    const again = await jsonFeed('/feeds/all.json?limit=50')
    expect(again.items.find((item) => item.title === VIET_TITLE)?.id).toBe(id)
    const rss = await parser.parseString((await get('/feeds/documents.rss?limit=50')).text)
    expect(rss.items.find((item) => item.title === VIET_TITLE)?.guid).toBe(id)
    const atom = await parser.parseString((await get('/feeds/documents.atom?limit=50')).text)
    expect(atom.items.find((item) => item.title === VIET_TITLE)?.id).toBe(id)
  })
})

describe('text', () => {
  it('should keep Vietnamese intact in every format', async () => {
    const json = await jsonFeed('/feeds/documents.json?limit=50')
    const item = json.items.find((entry) => entry.title === VIET_TITLE)
    expect(item?.summary).toBe(VIET_SUMMARY)
    expect(json.title).toBe('Văn bản của Đảng bộ — Sổ tay')
    for (const format of ['rss', 'atom']) {
      const feed = await parser.parseString((await get(`/feeds/documents.${format}?limit=50`)).text)
      expect(feed.title).toBe('Văn bản của Đảng bộ — Sổ tay')
      const found = feed.items.find((entry) => entry.title === VIET_TITLE)
      expect(found, format).toBeTruthy()
      expect(found?.contentSnippet ?? found?.summary).toContain('bồi dưỡng kỹ năng số')
    }
  })

  it('should carry <, &, several "]]>" and control characters in a title', async () => {
    const json = await jsonFeed('/feeds/references.json?limit=50')
    const item = json.items.find((entry) => entry.id.endsWith(`/${fx.special.id}`))
    expect(item?.title).toBe(SPECIAL)
    // The summary stays plain text; in formats that carry HTML it is escaped.
    expect(item?.summary).toBe('Tóm tắt có <thẻ> & ký tự ]]> đặc biệt')
    expect(item?.tags).toContain('Văn hóa & xã hội')
    for (const format of ['rss', 'atom'] as const) {
      const res = await get(`/feeds/references.${format}?limit=50`)
      // eslint-disable-next-line no-control-regex
      expect(res.text).not.toMatch(/[\u0001\u000B]/)
      const feed = await parser.parseString(res.text)
      const found = feed.items.find((entry) =>
        (format === 'rss' ? entry.guid : entry.id)?.endsWith(`/${fx.special.id}`),
      )
      expect(found?.title, format).toBe(SPECIAL)
      if (format === 'rss') {
        expect(found?.contentSnippet).toBe('Tóm tắt có <thẻ> & ký tự ]]> đặc biệt')
        expect(found?.categories).toContain('Văn hóa & xã hội')
      } else {
        expect(found?.summary).toBe('Tóm tắt có <thẻ> & ký tự ]]> đặc biệt')
      }
    }
    // eslint-disable-next-line no-control-regex
    expect((await get('/feeds/references.json')).text).not.toMatch(/\\u000[1b]|[\u0001\u000B]/i)
  })
})

describe('what a public feed never shows', () => {
  it.each(feedNames.flatMap((name) => formats.map((format) => [name, format])))(
    '%s.%s: no members, units, draft, draft-over-published, archived, unpublished, expired, superseded or non-FAQ item',
    async (name, format) => {
      for (const session of [anonymous, world.sessions.outsider, world.sessions.member]) {
        const res = await get(`/feeds/${name}.${format}?limit=50`, {}, session)
        expect(res.status).toBe(200)
        for (const title of hiddenTitles()) expect(res.text).not.toContain(title)
      }
    },
  )

  it('should show the published version of an item with a draft saved over it', async () => {
    const titles = await titlesIn('/feeds/questions.json?limit=50')
    expect(titles).toContain('Câu hỏi đã xuất bản')
    expect(titles).not.toContain(DRAFT_TITLE)
  })

  it('should show the successor of a superseded document and a current one', async () => {
    const titles = await titlesIn('/feeds/documents.json?limit=50')
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining(fx.successor.title)]))
    expect(titles.some((title) => title.includes(fx.superseded.title))).toBe(false)
    expect(titles.some((title) => title.includes(fx.expired.title))).toBe(false)
  })

  it('should drop an item at once when it is archived', async () => {
    const item = await publishItem(api, world.sessions, 'references', {
      ...minimalItem.references('soon-archived'),
      title: 'Tài liệu sắp lưu trữ',
      audience: 'public',
    })
    expect(await titlesIn('/feeds/references.json?limit=50')).toContain('Tài liệu sắp lưu trữ')
    await workflow(api, world.sessions.reviewer, 'references', item.id, 'archive')
    expect(await titlesIn('/feeds/references.json?limit=50')).not.toContain('Tài liệu sắp lưu trữ')
  })
})

describe('all, order, filters and limits', () => {
  it('should merge the sections, newest first', async () => {
    const json = await jsonFeed('/feeds/all.json?limit=50')
    const sections = new Set(json.items.map((item) => item.id.split(':').pop()!.split('/')[0]))
    expect(sections.size).toBe(5)
    const dates = json.items.map((item) => Date.parse(item.date_published))
    expect([...dates].sort((a, b) => b - a)).toEqual(dates)
    // The last item published comes first.
    const latest = await publishItem(api, world.sessions, 'identified-pages', {
      ...minimalItem['identified-pages']('newest'),
      name: 'Trang mới nhất',
      audience: 'public',
    })
    const after = await jsonFeed('/feeds/all.json')
    expect(after.items[0].id).toBe(`tag:sotay.example.vn,2026:identified-pages/${latest.id}`)
  })

  it('should filter by kind and topic', async () => {
    const podcasts = await jsonFeed('/feeds/references.json?kind=podcast')
    expect(podcasts.items.map((item) => item.title)).toEqual(['Podcast số 1'])
    const resolutions = await jsonFeed('/feeds/all.json?kind=nghi-quyet&limit=50')
    expect(resolutions.items.length).toBeGreaterThan(0)
    for (const item of resolutions.items) expect(item.id).toContain(':documents/')
    const topic = await jsonFeed(
      `/feeds/all.json?topic=${encodeURIComponent('Học tập và làm theo')}`,
    )
    expect(topic.items.map((item) => item.title)).toEqual(['Định hướng có bản audio'])
    const refTopic = await jsonFeed(
      `/feeds/references.json?topic=${encodeURIComponent('Văn hóa & xã hội')}`,
    )
    expect(refTopic.items.map((item) => item.id)).toEqual([
      `tag:sotay.example.vn,2026:references/${fx.special.id}`,
    ])
    expect((await jsonFeed('/feeds/documents.json?topic=abc')).items).toEqual([])
  })

  it('should bound limit (default 20, at most 50)', async () => {
    expect((await jsonFeed('/feeds/all.json?limit=1')).items).toHaveLength(1)
    expect((await jsonFeed('/feeds/all.json?limit=3')).items).toHaveLength(3)
    const all = (await jsonFeed('/feeds/all.json?limit=50')).items
    expect(all.length).toBeGreaterThan(3)
    expect((await jsonFeed('/feeds/all.json')).items).toEqual(all.slice(0, 20))
  })

  it.each([
    ['/feeds/documents.json?limit=abc', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=100000', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=0', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=51', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=-1', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=1.5', 400, 'invalid_limit'],
    ['/feeds/documents.json?limit=1&limit=2', 400, 'repeated_parameter'],
    ['/feeds/documents.json?kind[$ne]=x', 400, 'unknown_parameter'],
    ['/feeds/documents.json?kind=podcast', 400, 'invalid_kind'],
    ['/feeds/questions.json?kind=x', 400, 'invalid_kind'],
    // NUL is refused by the host before the feed sees it.
    ['/feeds/all.json?kind=%00', 400, null],
    ['/feeds/all.json?kind=%01', 400, 'invalid_kind'],
    ['/feeds/all.json?topic=', 400, 'invalid_topic'],
    [`/feeds/all.json?topic=${'a'.repeat(101)}`, 400, 'invalid_topic'],
    ['/feeds/all.json?unit=1', 400, 'unit_filter_unsupported'],
    ['/feeds/all.json?where[audience][equals]=members', 400, 'unknown_parameter'],
    ['/feeds/nothing.json', 404, 'not_found'],
    ['/feeds/documents.xml', 404, 'not_found'],
    ['/feeds/users.json', 404, 'not_found'],
    ['/feeds/all', 404, 'not_found'],
    ['/feeds/documents.json/extra', 404, 'not_found'],
  ])('%s → %d', async (path, status, code) => {
    const res = await get(path)
    expect(res.status, res.text).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    if (code) expect(res.json.errors[0].code).toBe(code)
    expect(res.json.errors[0].message).toMatch(/[ạ-ỹđ]/)
  })

  it.each([
    '/feeds/..%2f.json',
    '/feeds/..%2fpackage.json',
    '/feeds/%2e%2e/all.json',
    '/feeds/%ff.json',
  ])('%s → 4xx JSON, never 5xx', async (path) => {
    const res = await get(path)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.text).not.toContain('"dependencies"')
  })
})

describe('enclosures', () => {
  it('should attach orientation audio and podcast files with url, length and type', async () => {
    const json = await jsonFeed('/feeds/all.json?limit=50')
    for (const fixture of [fx.audio, fx.podcast]) {
      const item = json.items.find((entry) => entry.title === fixture.title)
      expect(item?.attachments, fixture.title).toHaveLength(1)
      const [attachment] = item!.attachments!
      expect(attachment.mime_type).toBe('audio/mpeg')
      expect(attachment.size_in_bytes).toBe(mp3().length)
      expect(attachment.url.startsWith(`${SERVER_URL}/api/media/file/`)).toBe(true)
      // The file itself is public, like the item (fetched from the real server).
      const file = await api.get(new URL(attachment.url).pathname)
      expect(file.status).toBe(200)
    }
    const rss = await parser.parseString((await get('/feeds/orientations.rss?limit=50')).text)
    const entry = rss.items.find((item) => item.title === fx.audio.title)
    expect(entry?.enclosure).toMatchObject({ type: 'audio/mpeg', length: String(mp3().length) })
    expect(entry?.enclosure?.url.startsWith(`${SERVER_URL}/api/media/file/`)).toBe(true)
    const atom = (await get('/feeds/references.atom?limit=50')).text
    expect(atom).toMatch(
      new RegExp(
        `<link rel="enclosure" type="audio/mpeg" length="${mp3().length}" href="${SERVER_URL}/api/media/file/[^"]+"`,
      ),
    )
  })
})

describe('trusted feed consumers', () => {
  let token = ''
  let consumerId = 0
  const bearer = () => ({ Authorization: `Bearer ${token}` })

  beforeAll(async () => {
    const res = expectOk(
      await api.post(
        '/api/feed-consumers',
        { name: 'Cổng thông tin nội bộ phường', note: 'Thử nghiệm' },
        { session: world.sessions.admin },
      ),
    )
    token = res.json.doc.token
    consumerId = res.json.doc.id
  })

  it('should show the token once, in the create response only', async () => {
    expect(token).toMatch(/^stc_[A-Za-z0-9_-]{43}$/)
    const admin = world.sessions.admin
    const one = await api.get(`/api/feed-consumers/${consumerId}`, { session: admin })
    expect(one.status).toBe(200)
    expect(one.json.tokenHint).toBe(`${token.slice(0, 8)}…`)
    const list = await api.get('/api/feed-consumers?depth=0', { session: admin })
    const gql = await api.graphql('{ FeedConsumers { docs { id name tokenHint token } } }', {
      session: admin,
    })
    expect(gql.json.data.FeedConsumers.docs[0].token).toBeNull()
    const hashQuery = await api.graphql('{ FeedConsumers { docs { tokenHash } } }', {
      session: admin,
    })
    // Refused, or null (hidden, read access false): never the value.
    const hashes = hashQuery.json.data?.FeedConsumers?.docs ?? []
    expect(
      hashQuery.json.errors?.length > 0 ||
        hashes.every((doc: { tokenHash: unknown }) => doc.tokenHash == null),
    ).toBe(true)
    const { createHash } = await import('node:crypto')
    const hash = createHash('sha256').update(token).digest('hex')
    for (const res of [one, list, gql, hashQuery]) {
      expect(res.text).not.toContain(token)
      expect(res.text).not.toContain(hash)
    }
    for (const res of [one, list, gql]) expect(res.text).not.toContain('tokenHash')
    // Nor can it be found by querying the hash.
    const probe = await api.get(`/api/feed-consumers?where[tokenHash][equals]=${hash}`, {
      session: admin,
    })
    expect(probe.json?.docs?.length ?? 0).toBe(0)
  })

  it('should serve members items, never units items, and never from a shared cache', async () => {
    for (const name of feedNames) {
      for (const format of formats) {
        const res = await get(`/feeds/${name}.${format}?limit=50`, bearer())
        expect(res.status, res.text).toBe(200)
        expect(res.headers.get('cache-control')).toBe('private, no-store')
        expect(res.headers.get('vary')).toMatch(/authorization/i)
        for (const slug of contentSlugs) {
          if (name === 'all' || name === slug) {
            expect(res.text, `${name}.${format}`).toContain(world.items[slug].members.title)
            expect(res.text).toContain(world.items[slug].public.title)
          }
          expect(res.text).not.toContain(world.items[slug].units.title)
          expect(res.text).not.toContain(world.items[slug].draft.title)
        }
        expect(res.text).not.toContain(DRAFT_TITLE)
      }
    }
  })

  it('should count uses and the last use', async () => {
    const admin = world.sessions.admin
    const before = (await api.get(`/api/feed-consumers/${consumerId}`, { session: admin })).json
    await get('/feeds/documents.json', bearer())
    await get('/feeds/documents.rss', bearer())
    const after = (await api.get(`/api/feed-consumers/${consumerId}`, { session: admin })).json
    expect(after.useCount).toBe(before.useCount + 2)
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it.each([
    ['an unknown token', () => `Bearer stc_${'A'.repeat(43)}`],
    ['a malformed token', () => 'Bearer abc'],
    ['an empty bearer', () => 'Bearer '],
  ])('should answer %s with 401', async (_label, header) => {
    const res = await get('/feeds/all.json', { Authorization: header() })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.json.errors[0].message).toMatch(/thu hồi/)
  })

  it('should keep non-admins away from consumers (REST and GraphQL)', async () => {
    for (const role of ['anonymous', 'member', 'editor', 'reviewer'] as const) {
      const session = world.sessions[role]
      const created = await api.post('/api/feed-consumers', { name: 'Kẻ lạ' }, { session })
      expect([401, 403], role).toContain(created.status)
      const list = await api.get('/api/feed-consumers', { session })
      expect([401, 403], role).toContain(list.status)
      expect(list.text).not.toContain('Cổng thông tin nội bộ phường')
      const one = await api.get(`/api/feed-consumers/${consumerId}`, { session })
      expect([401, 403, 404], role).toContain(one.status)
      const patch = await api.patch(
        `/api/feed-consumers/${consumerId}`,
        { revoked: true },
        { session },
      )
      expect([401, 403, 404], role).toContain(patch.status)
      const reissue = await api.post(`/api/feed-consumers/${consumerId}/token`, {}, { session })
      expect([401, 403], role).toContain(reissue.status)
      const gqlList = await api.graphql('{ FeedConsumers { docs { id name } } }', { session })
      expect(gqlList.text).not.toContain('Cổng thông tin nội bộ phường')
      const gqlCreate = await api.graphql(
        'mutation { createFeedConsumer(data: { name: "Kẻ lạ" }) { id token } }',
        { session },
      )
      expect(gqlCreate.json.errors?.length, role).toBeGreaterThan(0)
      expect(gqlCreate.text).not.toMatch(/stc_/)
    }
    const admin = world.sessions.admin
    const names = (await api.get('/api/feed-consumers', { session: admin })).json.docs.map(
      (doc: { name: string }) => doc.name,
    )
    expect(names).not.toContain('Kẻ lạ')
  })

  it('should reissue a token: the new one works, the old one stops', async () => {
    const admin = world.sessions.admin
    const res = expectOk(
      await api.post(`/api/feed-consumers/${consumerId}/token`, {}, { session: admin }),
    )
    const old = token
    token = res.json.token
    expect(token).not.toBe(old)
    expect((await get('/feeds/all.json', { Authorization: `Bearer ${old}` })).status).toBe(401)
    expect((await get('/feeds/all.json', bearer())).status).toBe(200)
  })

  it('should refuse a revoked token at once, for good', async () => {
    const admin = world.sessions.admin
    const revoked = expectOk(
      await api.patch(`/api/feed-consumers/${consumerId}`, { revoked: true }, { session: admin }),
    ).json.doc
    expect(revoked.revoked).toBe(true)
    expect(revoked.revokedAt).toBeTruthy()
    const res = await get('/feeds/all.json', bearer())
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const undo = expectOk(
      await api.patch(`/api/feed-consumers/${consumerId}`, { revoked: false }, { session: admin }),
    ).json.doc
    expect(undo.revoked).toBe(true)
    expect((await get('/feeds/all.json', bearer())).status).toBe(401)
    const audit = await api.get(
      `/api/audit-log?where[collectionSlug][equals]=feed-consumers&where[itemId][equals]=${consumerId}&sort=at`,
      { session: admin },
    )
    expect(audit.json.docs.map((doc: { action: string }) => doc.action)).toEqual([
      'create',
      'update',
      'update',
    ])
  })
})
