import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session } from '../helpers/api'
import { type TestServer, createDatabase } from '../helpers/server'
import { startTcpProxy } from '../helpers/tcpProxy'
import {
  type World,
  startWorld,
  expectOk,
  minimalItem,
  publishItem,
  workflow,
} from '../helpers/world'

/**
 * The search contract, run against the PostgreSQL backend always and against Typesense when
 * TYPESENSE_URL is set. Same queries, same expectations, same result shape.
 */
const backends: { name: string; env: Record<string, string> }[] = [{ name: 'postgres', env: {} }]
if (process.env.TYPESENSE_URL) {
  backends.push({
    name: 'typesense',
    env: {
      TYPESENSE_URL: process.env.TYPESENSE_URL,
      TYPESENSE_API_KEY: process.env.TYPESENSE_API_KEY ?? '',
    },
  })
} else {
  console.log(
    '[search] Typesense contract suite skipped: TYPESENSE_URL is not set (no Typesense server can run here).',
  )
}

describe.each(backends)('search contract on $name', ({ env }) => {
  let server: TestServer
  let api: Client
  let world: World

  type Params = Record<string, string | number | undefined>
  const search = async (params: Params, session?: Session) => {
    const query = new URLSearchParams(
      Object.entries(params)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    )
    return api.get(`/api/search?${query}`, { session })
  }
  const titles = async (params: Params, session?: Session) => {
    const res = await search(params, session)
    expect(res.status).toBe(200)
    return res.json.hits.map((hit: { title: string }) => hit.title) as string[]
  }
  /** Sync is asynchronous (outbox + worker): wait until the index agrees. */
  const eventually = async (check: () => Promise<boolean>, timeout = 20_000) => {
    const deadline = Date.now() + timeout
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`search did not converge within ${timeout} ms`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  const findable = async (q: string, title: string, session?: Session) =>
    (await titles({ q, limit: 50 }, session)).includes(title)

  const corpus = {
    target: 'Nâng cao chất lượng đảng viên trẻ',
    registration: 'Đăng ký tài khoản Sổ tay',
    updating: 'Văn bản đang được cập nhật',
    institute: 'Viện nghiên cứu lịch sử',
    thuy: 'Sinh hoạt chi bộ khu phố Thụy Lâm',
    members: 'Tài liệu mật danh Sao Khuê',
    units: 'Hướng dẫn riêng chi bộ Ngọc Hà',
  }

  beforeAll(async () => {
    ;({ server, api, world } = await startWorld({
      env: { ...env, JOBS_INTERVAL_MS: '500', QUEUE_INTERVAL_MS: '200' },
    }))
    const doc = (title: string, extra: Record<string, unknown> = {}) => ({
      ...minimalItem.documents(title.slice(0, 8)),
      title,
      audience: 'public',
      ...extra,
    })
    await publishItem(
      api,
      world.sessions,
      'documents',
      doc(corpus.target, { summary: 'Nghị quyết chuyên đề', issueDate: '2025-05-01' }),
    )
    await publishItem(
      api,
      world.sessions,
      'documents',
      doc(corpus.registration, { kind: 'huong-dan' }),
    )
    await publishItem(api, world.sessions, 'references', {
      ...minimalItem.references('x'),
      title: corpus.updating,
      audience: 'public',
    })
    await publishItem(api, world.sessions, 'references', {
      ...minimalItem.references('y'),
      title: corpus.institute,
      audience: 'public',
    })
    await publishItem(api, world.sessions, 'orientations', {
      ...minimalItem.orientations('z'),
      title: corpus.thuy,
      audience: 'public',
    })
    await publishItem(
      api,
      world.sessions,
      'documents',
      doc(corpus.members, { audience: 'members' }),
    )
    await publishItem(
      api,
      world.sessions,
      'documents',
      doc(corpus.units, { audience: 'units', audienceUnits: [world.units.cellA] }),
    )
    await eventually(async () => findable('dang vien', corpus.target))
    await eventually(async () => findable('sao khue', corpus.members, world.sessions.admin))
    await eventually(async () => findable('ngoc ha', corpus.units, world.sessions.admin))
  })
  afterAll(async () => {
    await server?.stop()
  })

  describe('Vietnamese as people type it', () => {
    it.each([
      ['without diacritics', 'dang vien'],
      ['in capitals', 'ĐẢNG VIÊN'],
      ['decomposed (NFD)', 'đảng viên'.normalize('NFD')],
      ['with a one-letter typo', 'dang viem'],
      ['with a typo in the first word', 'dabg vien'],
      ['as a prefix while typing', 'dang vi'],
    ])('should find the item titled "đảng viên" in the top 3 %s', async (_, q) => {
      expect((await titles({ q })).slice(0, 3)).toContain(corpus.target)
    })

    it('should correct a typo in a word of the summary or body, not only the title', async () => {
      expect(await titles({ q: 'chuyeb de' })).toContain(corpus.target)
    })

    it('should treat "thuỵ" and "thụy" as the same word', async () => {
      const a = await titles({ q: 'thuỵ lâm' })
      const b = await titles({ q: 'thụy lâm' })
      expect(a[0]).toBe(corpus.thuy)
      expect(a).toEqual(b)
    })

    it('should rank the accented match first when the query has accents', async () => {
      const accented = await titles({ q: 'đăng ký' })
      expect(accented[0]).toBe(corpus.registration)
      const viewers = await titles({ q: 'đảng viên' })
      expect(viewers[0]).toBe(corpus.target)
    })

    it('should highlight the matched words in the snippet, escaped', async () => {
      const res = await search({ q: 'chuyen de' })
      const hit = res.json.hits.find((h: { title: string }) => h.title === corpus.target)
      expect(hit.snippet).toContain('<mark>chuyên</mark> <mark>đề</mark>')
    })
  })

  describe('filters, facets and paging', () => {
    it('should filter by section and count sections in facets', async () => {
      const all = await search({ q: 'dang' })
      expect(all.json.facets.section.documents).toBeGreaterThanOrEqual(2)
      const refs = await search({ q: 'dang', section: 'references' })
      expect(
        refs.json.hits.every((h: { collection: string }) => h.collection === 'references'),
      ).toBe(true)
      expect(refs.json.facets.section).toEqual(all.json.facets.section)
    })

    it('should filter by kind and year', async () => {
      expect(await titles({ q: 'dang', kind: 'huong-dan' })).toEqual([corpus.registration])
      expect(await titles({ q: 'dang vien', year: 2025 })).toEqual([corpus.target])
    })

    it('should page through results', async () => {
      const first = await search({ q: 'dang', limit: 1, page: 1 })
      const second = await search({ q: 'dang', limit: 1, page: 2 })
      expect(first.json.total).toBeGreaterThanOrEqual(2)
      expect(first.json.hits).toHaveLength(1)
      expect(second.json.hits[0].id).not.toBe(first.json.hits[0].id)
    })

    it('should rank title matches first and page on into body matches without repeats', async () => {
      const doc = (title: string, summary: string, issueDate: string) => ({
        ...minimalItem.documents(title.slice(0, 8)),
        title,
        summary,
        issueDate,
        audience: 'public',
      })
      const inTitle = 'Bồi đắp phù sa ven biển'
      const older = 'Châu thổ Cửu Long'
      const newer = 'Miền núi phía Bắc'
      await publishItem(api, world.sessions, 'documents', doc(inTitle, 'Tài liệu', '2020-01-01'))
      await publishItem(
        api,
        world.sessions,
        'documents',
        doc(older, 'Vùng đất phù sa', '2023-01-01'),
      )
      await publishItem(api, world.sessions, 'documents', doc(newer, 'Phù sa bồi tụ', '2025-01-01'))
      await eventually(async () => (await search({ q: 'phu sa' })).json.total === 3)
      const pages = [1, 2, 3, 4].map((page) => search({ q: 'phu sa', limit: 1, page }))
      const hits = (await Promise.all(pages)).map((res) => res.json.hits)
      expect(hits[0][0].title).toBe(inTitle)
      expect(
        hits
          .slice(0, 3)
          .map((page) => page[0].title)
          .sort(),
      ).toEqual([inTitle, newer, older].sort())
      expect(hits[3]).toEqual([])
      const two = await titles({ q: 'phu sa', limit: 2, page: 2 })
      expect(two).toHaveLength(1)
      // Search as you type: the last word is a prefix.
      expect((await titles({ q: 'phu s' }))[0]).toBe(inTitle)
    })

    it('should return the documented result shape', async () => {
      const res = await search({ q: 'dang vien', limit: 1 })
      expect(res.json).toMatchObject({
        query: 'dang vien',
        page: 1,
        limit: 1,
        total: expect.any(Number),
      })
      expect(res.json.hits[0]).toEqual({
        id: expect.stringMatching(/^documents:\d+$/),
        collection: 'documents',
        itemId: expect.any(Number),
        title: corpus.target,
        snippet: expect.any(String),
        kind: 'nghi-quyet',
        audience: 'public',
        year: 2025,
        url: expect.stringMatching(/^\/#\/documents\/\d+$/),
        score: expect.any(Number),
      })
    })
  })

  describe('bad queries', () => {
    it.each([
      ['no q', {}],
      ['an empty q', { q: '   ' }],
      ['an over-long q', { q: 'a'.repeat(201) }],
      ['punctuation only', { q: '?!…' }],
      ['an unknown filter', { q: 'dang', author: 'x' }],
      ['an unknown section', { q: 'dang', section: 'secrets' }],
      ['a year that is not a number', { q: 'dang', year: 'abc' }],
      ['a limit over 50', { q: 'dang', limit: 500 }],
      ['page 0', { q: 'dang', page: 0 }],
      ['a unit id beyond any integer id', { q: 'dang', unit: '99999999999' }],
    ])('should answer 400 with a message for %s', async (_, params) => {
      const res = await search(params as Record<string, string>)
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message.length).toBeGreaterThan(10)
    })

    it.each([
      ['one word too long to index', { q: 'x'.repeat(150) }],
      ['query syntax characters', { q: `đảng's \\ : * ! & | <-> (viên)` }],
      ['the last page', { q: 'dang', page: 1000, limit: 50 }],
    ])('should answer an ordinary 200 for %s', async (_, params) => {
      const res = await search(params)
      expect(res.status).toBe(200)
      expect(res.json.total).toEqual(expect.any(Number))
      expect(Array.isArray(res.json.hits)).toBe(true)
    })
  })

  describe('no leaks', () => {
    const restricted = [
      ['members-only', 'sao khue', () => corpus.members],
      ['units-only', 'ngoc ha', () => corpus.units],
    ] as const

    it.each(restricted)(
      'should never show a %s item to anonymous readers, by any query or filter',
      async (_, q, title) => {
        for (const params of [
          { q },
          { q: 'tai lieu' },
          { q, section: 'documents' },
          { q, unit: world.units.cellA },
          { q, kind: 'nghi-quyet' },
        ]) {
          expect(await titles(params)).not.toContain(title())
          const res = await search(params)
          expect(JSON.stringify(res.json)).not.toContain(title())
        }
      },
    )

    it('should never show a units-only item to a member outside those units', async () => {
      for (const params of [{ q: 'ngoc ha' }, { q: 'ngoc ha', unit: world.units.cellA }]) {
        expect(await titles(params, world.sessions.outsider)).not.toContain(corpus.units)
      }
      expect(await titles({ q: 'sao khue' }, world.sessions.outsider)).toContain(corpus.members)
    })

    it('should show members their audience and staff everything published', async () => {
      expect(await titles({ q: 'ngoc ha' }, world.sessions.member)).toContain(corpus.units)
      expect(await titles({ q: 'ngoc ha' }, world.sessions.editor)).toContain(corpus.units)
    })

    it('should never index drafts, even for staff', async () => {
      const draft = expectOk(
        await api.post(
          '/api/documents',
          { ...minimalItem.documents('draft'), title: 'Bản nháp Tràng An', audience: 'public' },
          { session: world.sessions.editor },
        ),
      ).json.doc
      await workflow(api, world.sessions.editor, 'documents', draft.id, 'submit')
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(await titles({ q: 'trang an' }, world.sessions.admin)).not.toContain(
        'Bản nháp Tràng An',
      )
    })
  })

  describe('sync converges', () => {
    it('should follow publish, new versions, drafts, unpublish and delete', async () => {
      const item = await publishItem(api, world.sessions, 'documents', {
        ...minimalItem.documents('s'),
        title: 'Kế hoạch Phù Đổng',
        audience: 'public',
      })
      await eventually(() => findable('phu dong', 'Kế hoạch Phù Đổng'))
      // A draft over the published item: the published one stays searchable, the draft is not.
      expectOk(
        await api.patch(
          `/api/documents/${item.id}?draft=true`,
          { title: 'Kế hoạch Phù Đổng sửa' },
          { session: world.sessions.editor },
        ),
      )
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect(await titles({ q: 'phu dong' })).toEqual(['Kế hoạch Phù Đổng'])
      // The new version approved: it replaces the old one in the index.
      await workflow(api, world.sessions.editor, 'documents', item.id, 'submit')
      await workflow(api, world.sessions.reviewer, 'documents', item.id, 'approve')
      await eventually(
        async () => (await titles({ q: 'phu dong' })).join() === 'Kế hoạch Phù Đổng sửa',
      )
      await workflow(api, world.sessions.reviewer, 'documents', item.id, 'unpublish')
      await eventually(
        async () =>
          !(await titles({ q: 'phu dong', limit: 50 }, world.sessions.admin)).some((title) =>
            title.startsWith('Kế hoạch Phù Đổng'),
          ),
      )
      const again = await publishItem(api, world.sessions, 'documents', {
        ...minimalItem.documents('t'),
        title: 'Kế hoạch Sóc Sơn',
        audience: 'public',
      })
      await eventually(() => findable('soc son', 'Kế hoạch Sóc Sơn'))
      expectOk(await api.del(`/api/documents/${again.id}`, { session: world.sessions.admin }))
      await eventually(
        async () => (await titles({ q: 'soc son' }, world.sessions.admin)).length === 0,
      )
    })

    it('should follow an audience change', async () => {
      const item = await publishItem(api, world.sessions, 'references', {
        ...minimalItem.references('a'),
        title: 'Sách Bạch Đằng',
        audience: 'public',
      })
      await eventually(() => findable('bach dang', 'Sách Bạch Đằng'))
      expectOk(
        await api.patch(
          `/api/references/${item.id}?draft=true`,
          { audience: 'members' },
          { session: world.sessions.editor },
        ),
      )
      await workflow(api, world.sessions.editor, 'references', item.id, 'submit')
      await workflow(api, world.sessions.reviewer, 'references', item.id, 'approve')
      await eventually(async () => !(await findable('bach dang', 'Sách Bạch Đằng')))
      expect(await findable('bach dang', 'Sách Bạch Đằng', world.sessions.member)).toBe(true)
    })

    it('should drop a superseded document and an expired one', async () => {
      const old = await publishItem(api, world.sessions, 'documents', {
        ...minimalItem.documents('o'),
        title: 'Quy định Hàm Rồng cũ',
        audience: 'public',
      })
      await eventually(() => findable('ham rong', 'Quy định Hàm Rồng cũ'))
      await publishItem(api, world.sessions, 'documents', {
        ...minimalItem.documents('n'),
        title: 'Quy định Hàm Rồng mới',
        audience: 'public',
        supersedes: old.id,
      })
      await eventually(
        async () => (await titles({ q: 'ham rong' })).join() === 'Quy định Hàm Rồng mới',
      )
      const expiryDate = new Date(Date.now() + 2500).toISOString()
      await publishItem(api, world.sessions, 'documents', {
        ...minimalItem.documents('e'),
        title: 'Thông báo Tam Cốc',
        audience: 'public',
        expiryDate,
      })
      await eventually(() => findable('tam coc', 'Thông báo Tam Cốc'))
      await eventually(async () => !(await findable('tam coc', 'Thông báo Tam Cốc')))
    })
  })
})

describe('search sync under faults (PostgreSQL backend behind a TCP proxy)', () => {
  let server: TestServer
  let api: Client
  let world: World
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>

  beforeAll(async () => {
    const databaseUrl = await createDatabase()
    const url = new URL(databaseUrl)
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) })
    const searchUrl = new URL(databaseUrl)
    searchUrl.port = String(proxy.port)
    ;({ server, api, world } = await startWorld({
      databaseUrl,
      env: {
        SEARCH_DATABASE_URL: searchUrl.toString(),
        QUEUE_INTERVAL_MS: '200',
        SEARCH_SYNC_RETRY_DELAY_MS: '200',
        SEARCH_SYNC_RETRIES: '20',
      },
    }))
  })
  afterAll(async () => {
    await server?.stop()
    await proxy?.close()
  })

  const findable = async (q: string, title: string) => {
    const res = await api.get(`/api/search?q=${encodeURIComponent(q)}&limit=50`, {
      session: world.sessions.admin,
    })
    return res.status === 200 && res.json.hits.some((hit: { title: string }) => hit.title === title)
  }

  it('should retry while the backend fails and converge once it is back', async () => {
    proxy.down()
    const item = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('f'),
      title: 'Nghị quyết Lam Sơn',
      audience: 'public',
    })
    // The job fails a few times while the backend is down…
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const jobs = await api.get('/api/payload-jobs?sort=-id&limit=20&depth=0', {
      session: world.sessions.admin,
    })
    const job = jobs.json.docs.find(
      (doc: { input?: { id?: number; collection?: string } }) =>
        doc.input?.id === item.id && doc.input?.collection === 'documents',
    )
    expect(job.totalTried).toBeGreaterThan(0)
    expect(job.completedAt ?? null).toBeNull()
    proxy.up()
    await expect
      .poll(() => findable('lam son', 'Nghị quyết Lam Sơn'), { timeout: 30_000, interval: 300 })
      .toBe(true)
  })

  it('should lose nothing from a burst of publishes while the backend is down', async () => {
    proxy.down()
    const titles: string[] = []
    for (let i = 0; i < 8; i++) {
      const title = `Kế hoạch đợt ${i} Yên Thế`
      titles.push(title)
      await publishItem(api, world.sessions, i % 2 ? 'references' : 'documents', {
        ...(i % 2 ? minimalItem.references(`b${i}`) : minimalItem.documents(`b${i}`)),
        title,
        audience: 'public',
      })
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
    proxy.up()
    for (const title of titles) {
      await expect
        .poll(() => findable('yen the', title), { timeout: 40_000, interval: 300 })
        .toBe(true)
    }
  })
})

describe('publish → searchable', () => {
  let server: TestServer
  let api: Client
  let world: World

  beforeAll(async () => {
    // The runner polls the queue once at boot and then not for ten minutes.
    ;({ server, api, world } = await startWorld({ env: { QUEUE_INTERVAL_MS: '600000' } }))
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('should run the sync job as soon as the approving step commits, not at the next poll', async () => {
    await publishItem(api, world.sessions, 'references', {
      ...minimalItem.references('w'),
      title: 'Sổ tay Yên Tử',
      audience: 'public',
    })
    const approved = Date.now()
    let found = false
    while (!found && Date.now() - approved < 5000) {
      const res = await api.get('/api/search?q=yen%20tu')
      found = res.json.hits.some((hit: { title: string }) => hit.title === 'Sổ tay Yên Tử')
      if (!found) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(found).toBe(true)
  })
})
