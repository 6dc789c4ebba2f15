import { mkdir } from 'node:fs/promises'
import path from 'node:path'

import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { projectRoot } from '../../src/server/environment'
import { urlWords } from '../../src/portal/js/words.js'
import { type Client, type Session, client } from '../helpers/api'
import { hasChromium, launchChromium } from '../helpers/browser'
import { uploadForm } from '../helpers/files'
import { freePort } from '../helpers/ports'
import { type TestServer, startServer } from '../helpers/server'
import { PASSWORD, expectOk, issueAccount, minimalItem, publishItem } from '../helpers/world'

/**
 * The reader portal in a real browser, against a real server: the five sections and their pages,
 * items (files, validity, successor, related items, sharing, hostile pages), search, signing in,
 * "my questions", the service worker's caches, offline reading, the phone layout, and screenshots
 * under test-results/portal/ for a person to look at.
 */

type Slug = 'documents' | 'orientations' | 'identified-pages' | 'references' | 'questions'
type Item = { id: number; title: string; path: string }

const SLUGS: Slug[] = ['documents', 'orientations', 'identified-pages', 'references', 'questions']
const SEGMENT: Record<Slug, string> = {
  documents: 'van-ban',
  orientations: 'dinh-huong',
  'identified-pages': 'nhan-dien',
  references: 'tham-khao',
  questions: 'hoi-dap',
}
const PAGE_SIZE = 12
const FILLERS = 13
const SCREENSHOTS = path.join(projectRoot, 'test-results', 'portal')
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1366, height: 900 }

/** A small, real PDF of exactly `size` bytes (its type and size are shown on the item page). */
const pdfOf = (size: number) => {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
  const tail = '\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF\n'
  return Buffer.from(head + ' '.repeat(size - head.length - tail.length) + tail)
}

describe.skipIf(!hasChromium)('the reader portal in a browser', () => {
  let server: TestServer
  let api: Client
  let browser: Browser
  /** The handbook's address (SERVER_URL): the share and Open Graph URLs name it. */
  let base = ''
  let member: { email: string; session: Session }
  /** How many published items anonymous readers see in each section (FAQ only for questions). */
  const publicCount = {} as Record<Slug, number>
  const chiThi: number[] = []
  const chiThi2026: number[] = []
  const fx = {} as {
    pdfDoc: Item
    pdf: { url: string; filesize: number }
    searchDoc: Item
    oldDoc: Item
    newDoc: Item
    membersDoc: Item
    hostile: Item & { url: string }
    official: Item & { url: string }
    orientation: Item
  }

  /** The canonical path the server redirects a bare item path to. */
  const canonicalOf = async (slug: Slug, id: number) => {
    const res = await fetch(`${base}/${SEGMENT[slug]}/${id}`, { redirect: 'manual' })
    expect(res.status, `${slug} ${id}`).toBe(301)
    return res.headers.get('location')!
  }

  /** Runs `tasks` a few at a time (publishing ~80 items one by one would take long). */
  const inBatches = async <T>(tasks: (() => Promise<T>)[], size = 6) => {
    const results: T[] = []
    for (let i = 0; i < tasks.length; i += size)
      results.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))))
    return results
  }

  beforeAll(async () => {
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = await startServer({ env: { PORT: String(port), SERVER_URL: base } })
    api = client(server.url)
    const admin = await api.loginAdmin()
    const sessions = {
      editor: (await issueAccount(api, admin, { roles: ['editor'] })).session,
      reviewer: (await issueAccount(api, admin, { roles: ['reviewer'] })).session,
    }
    const issued = await issueAccount(api, admin, {
      roles: ['member'],
      fullName: 'Nguyễn Văn Đảng Viên',
    })
    member = { email: issued.email, session: issued.session }
    const publish = async (slug: Slug, data: Record<string, unknown>) => {
      const doc = await publishItem(api, sessions, slug, { audience: 'public', ...data })
      const title = (slug === 'identified-pages' ? doc.name : doc.title) as string
      return { id: doc.id as number, title, path: '' }
    }

    // A public document with a PDF attached (the file becomes public with it).
    const pdf = expectOk(
      await api.post(
        '/api/media',
        uploadForm(pdfOf(1234), 'huong-dan-so-hoa.pdf', 'application/pdf', {
          alt: 'Hướng dẫn số hoá (PDF)',
        }),
        { session: sessions.editor },
      ),
    ).json.doc
    fx.pdf = { url: pdf.url, filesize: pdf.filesize }
    fx.pdfDoc = await publish('documents', {
      ...minimalItem.documents('HD-07'),
      title: 'Hướng dẫn số hoá hồ sơ đảng viên',
      kind: 'huong-dan',
      summary: 'Các bước số hoá hồ sơ đảng viên tại chi bộ.',
      attachments: [pdf.id],
    })
    fx.searchDoc = await publish('documents', {
      ...minimalItem.documents('NQ-15'),
      title: 'Nghị quyết về xây dựng Đảng bộ trong sạch, vững mạnh',
      kind: 'nghi-quyet',
    })
    fx.oldDoc = await publish('documents', {
      ...minimalItem.documents('QĐ-01'),
      title: 'Quy định về sinh hoạt chi bộ (bản cũ)',
      kind: 'quy-dinh',
      issueDate: '2020-05-04',
    })
    fx.newDoc = await publish('documents', {
      ...minimalItem.documents('QĐ-02'),
      title: 'Quy định về sinh hoạt chi bộ (bản mới)',
      kind: 'quy-dinh',
      supersedes: fx.oldDoc.id,
    })
    const hostileUrl = 'https://tin-gia-xau-doc.example.com/bai-viet-1'
    fx.hostile = {
      ...(await publish('identified-pages', {
        ...minimalItem['identified-pages']('hostile'),
        name: 'Trang giả mạo tin tức xấu độc',
        url: hostileUrl,
        classification: 'hostile',
        reason: 'Đăng tin sai sự thật, xuyên tạc chủ trương.',
      })),
      url: hostileUrl,
    }
    const officialUrl = 'https://dangbo-chinh-thong.example.vn/'
    fx.official = {
      ...(await publish('identified-pages', {
        ...minimalItem['identified-pages']('official'),
        name: 'Trang thông tin Đảng bộ chính thống',
        url: officialUrl,
      })),
      url: officialUrl,
    }
    fx.orientation = await publish('orientations', {
      ...minimalItem.orientations('related'),
      title: 'Định hướng tuyên truyền số hoá hồ sơ',
      keyMessages: [{ text: 'Số hoá để phục vụ đảng viên tốt hơn' }],
      relatedDocuments: [fx.pdfDoc.id],
    })

    // Enough public items in every section for a second page (12 a page).
    const fillers: (() => Promise<unknown>)[] = []
    for (const slug of SLUGS) {
      for (let i = 1; i <= FILLERS; i++) {
        const data: Record<string, unknown> = minimalItem[slug](`${SEGMENT[slug]} ${i}`)
        if (slug === 'documents') {
          data.kind = i <= 3 ? 'chi-thi' : 'ke-hoach'
          if (i === 3) data.issueDate = '2025-03-10'
        }
        fillers.push(async () => {
          const item = await publish(slug, data)
          if (slug === 'documents' && i <= 3) chiThi.push(item.id)
          if (slug === 'documents' && i <= 2) chiThi2026.push(item.id)
        })
      }
    }
    await inBatches(fillers)
    // Last, so that it is on the first page of its list (newest first).
    fx.membersDoc = await publish('documents', {
      ...minimalItem.documents('TB-99'),
      title: 'Thông báo nội bộ dành cho đảng viên',
      kind: 'thong-bao',
      audience: 'members',
    })
    fx.membersDoc.path = `/van-ban/${fx.membersDoc.id}-${urlWords(`TB-99-NQ/ĐU ${fx.membersDoc.title}`)}`
    fx.hostile.path = `/nhan-dien/${fx.hostile.id}-${urlWords(fx.hostile.title)}`
    // A superseded document is no longer current: its path previews nothing, so no redirect.
    fx.oldDoc.path = `/van-ban/${fx.oldDoc.id}-${urlWords(`QĐ-01-NQ/ĐU ${fx.oldDoc.title}`)}`
    for (const key of ['pdfDoc', 'searchDoc', 'newDoc'] as const)
      fx[key].path = await canonicalOf('documents', fx[key].id)
    fx.official.path = await canonicalOf('identified-pages', fx.official.id)
    fx.orientation.path = await canonicalOf('orientations', fx.orientation.id)

    Object.assign(publicCount, {
      documents: FILLERS + 4,
      orientations: FILLERS + 1,
      'identified-pages': FILLERS + 2,
      references: FILLERS,
      questions: FILLERS,
    })

    // The search index is fed asynchronously: wait until it knows the document searched for.
    const deadline = Date.now() + 30_000
    for (;;) {
      const res = await api.get(`/api/search?q=${encodeURIComponent('nghi quyet')}`)
      if (
        res.json?.hits?.some((hit: { itemId: unknown }) => Number(hit.itemId) === fx.searchDoc.id)
      )
        break
      if (Date.now() > deadline) throw new Error(`search never found the document: ${res.text}`)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }

    browser = await launchChromium()
    await mkdir(SCREENSHOTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** A fresh context (no cookies, no service worker) and a page that records script errors. */
  const open = async (
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> => {
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...options,
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    return { context, page, errors }
  }

  /** Until what the view loads has arrived (no busy region, no placeholder card). */
  const settled = (page: Page) =>
    page.waitForFunction(
      () =>
        !document.querySelector('#main [aria-busy="true"]') &&
        // The hidden home view keeps the shell's placeholders until it is first shown.
        ![...document.querySelectorAll('.card-placeholder')].some(
          (card) => !card.closest('[hidden]'),
        ) &&
        !document.querySelector('#view-page:not([hidden]) .status.is-loading'),
    )

  /** Set on the page: still there after a navigation means no page load happened. */
  const markDocument = (page: Page) =>
    page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true))
  const sameDocument = (page: Page) =>
    page.evaluate(() => (window as unknown as { __same?: boolean }).__same === true)

  const cardIds = (page: Page, scope: string) =>
    page.$$eval(`${scope} .cards article.card`, (cards) =>
      cards.map((card) => Number(card.getAttribute('data-id'))),
    )

  /** Every cached request's URL, by cache name. */
  const cachedUrls = (page: Page) =>
    page.evaluate(async () => {
      const out: Record<string, string[]> = {}
      for (const name of await caches.keys())
        out[name] = (await (await caches.open(name)).keys()).map((request) => request.url)
      return out
    })

  /** Until the service worker controls the page (it registers after load and claims it). */
  const controlled = (page: Page) =>
    page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, {
      timeout: 20_000,
    })

  const signInThroughPage = async (page: Page) => {
    await page.waitForSelector('#login-form')
    await page.fill('#login-email', member.email)
    await page.fill('#login-password', PASSWORD)
    await page.click('#login-form button[type="submit"]')
  }

  describe('anonymous readers', () => {
    it('should show the latest items of each section on the home page, with a link to the list', async () => {
      const { context, page, errors } = await open()
      await page.goto(base)
      await settled(page)
      expect(await page.isVisible('#view-home')).toBe(true)
      expect(await page.isHidden('#view-page')).toBe(true)
      expect(await page.isVisible('#login-link')).toBe(true)
      expect(await page.isHidden('#signed-in')).toBe(true)
      for (const slug of SLUGS) {
        const section = `section[data-section="${slug}"]`
        expect(await cardIds(page, section), slug).toHaveLength(4)
        expect(await page.getAttribute(`${section} .more a.more-link`, 'href')).toBe(
          `/${SEGMENT[slug]}`,
        )
        expect(await page.textContent(`${section} .more a.more-link`)).toBe(
          `Xem tất cả ${publicCount[slug]} mục →`,
        )
      }
      // Members-only items are not on the home page of a visitor.
      expect(await page.content()).not.toContain(fx.membersDoc.title)
      expect(
        await page.$$eval('nav#site-nav .nav-list a[aria-current]', (links) => links.length),
      ).toBe(0)
      expect(errors).toEqual([])
      await context.close()
    })

    it('should browse each of the five sections to its second page without reloading', async () => {
      const { context, page, errors } = await open()
      await page.goto(base)
      await settled(page)
      await markDocument(page)
      for (const slug of SLUGS) {
        const total = publicCount[slug]
        // What the API gives a visitor agrees with what was published.
        const where = slug === 'questions' ? '&where[isFaq][equals]=true' : ''
        expect((await api.get(`/api/${slug}?limit=1&depth=0${where}`)).json.totalDocs, slug).toBe(
          total,
        )
        const list = `section.list-page[data-list="${slug}"]`
        await page.click(`nav#site-nav .nav-list a[href="/${SEGMENT[slug]}"]`)
        await page.waitForSelector(list)
        await settled(page)
        expect(new URL(page.url()).pathname).toBe(`/${SEGMENT[slug]}`)
        expect(await page.isHidden('#view-home')).toBe(true)
        expect(await page.textContent(`${list} h1#page-title`)).toBeTruthy()
        expect(
          await page.$$eval('nav#site-nav .nav-list a[aria-current="page"]', (links) =>
            links.map((a) => a.getAttribute('href')),
          ),
        ).toEqual([`/${SEGMENT[slug]}`])
        expect(await page.textContent(`${list} .status`)).toBe(`1–12 trên tổng số ${total} mục`)
        const first = await cardIds(page, list)
        expect(first).toHaveLength(PAGE_SIZE)
        expect(await page.textContent(`${list} nav.pager a[aria-current="page"]`)).toBe('1')
        expect(await page.locator(`${list} nav.pager a[rel="prev"]`).count()).toBe(0)

        await page.click(`${list} nav.pager a[rel="next"]`)
        await page.waitForURL(`${base}/${SEGMENT[slug]}?trang=2`)
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.textContent?.startsWith('13–'),
          `${list} .status`,
        )
        await settled(page)
        expect(await page.textContent(`${list} .status`)).toBe(
          `13–${total} trên tổng số ${total} mục`,
        )
        const second = await cardIds(page, list)
        expect(second).toHaveLength(total - PAGE_SIZE)
        expect(second.filter((id) => first.includes(id))).toEqual([])
        expect(await page.textContent(`${list} nav.pager a[aria-current="page"]`)).toBe('2')
        expect(await page.getAttribute(`${list} nav.pager a[rel="prev"]`, 'href')).toBe(
          `/${SEGMENT[slug]}`,
        )
        expect(await page.locator(`${list} nav.pager a[rel="next"]`).count()).toBe(0)
        expect(await page.title()).toContain('trang 2')
      }
      // Every step was a history entry of one page load.
      expect(await sameDocument(page)).toBe(true)
      await page.goBack()
      await page.waitForURL(`${base}/hoi-dap`)
      await page.waitForFunction(() =>
        document.querySelector('[data-list="questions"] .status')?.textContent?.startsWith('1–'),
      )
      await page.click('.brand-link')
      await page.waitForSelector('#view-home', { state: 'visible' })
      expect(await page.isHidden('#view-page')).toBe(true)
      expect(await sameDocument(page)).toBe(true)
      // A second page loaded directly is the same page.
      await page.goto(`${base}/tham-khao?trang=2`)
      await settled(page)
      expect(await page.textContent('[data-list="references"] .status')).toBe(
        `13–${FILLERS} trên tổng số ${FILLERS} mục`,
      )
      expect(errors).toEqual([])
      await context.close()
    })

    it('should narrow a list with its filters, each change a new address', async () => {
      const { context, page, errors } = await open()
      await page.goto(`${base}/van-ban`)
      await settled(page)
      await markDocument(page)
      const list = 'section.list-page[data-list="documents"]'
      await page.selectOption('#filter-loai', 'chi-thi')
      await page.waitForURL(`${base}/van-ban?loai=chi-thi`)
      await page.waitForFunction(
        () =>
          document.querySelector('[data-list="documents"] .status')?.textContent ===
          '1–3 trên tổng số 3 mục',
      )
      expect((await cardIds(page, list)).sort()).toEqual([...chiThi].sort())
      expect(await page.locator(`${list} nav.pager`).count()).toBe(0)
      expect(await page.getAttribute(`${list} .filters-clear`, 'href')).toBe('/van-ban')

      await page.selectOption('#filter-nam', '2026')
      await page.waitForURL(`${base}/van-ban?loai=chi-thi&nam=2026`)
      await page.waitForFunction(
        () =>
          document.querySelector('[data-list="documents"] .status')?.textContent ===
          '1–2 trên tổng số 2 mục',
      )
      expect((await cardIds(page, list)).sort()).toEqual([...chiThi2026].sort())
      expect(await sameDocument(page)).toBe(true)

      // Loaded from its address, the filters show what they filter.
      await page.goto(`${base}/van-ban?loai=chi-thi&nam=2025`)
      await settled(page)
      expect(await page.inputValue('#filter-loai')).toBe('chi-thi')
      expect(await page.inputValue('#filter-nam')).toBe('2025')
      expect(await cardIds(page, list)).toEqual(chiThi.filter((id) => !chiThi2026.includes(id)))

      // Identified pages: by classification.
      await page.goto(`${base}/nhan-dien?phan-loai=hostile`)
      await settled(page)
      expect(await cardIds(page, '[data-list="identified-pages"]')).toEqual([fx.hostile.id])
      expect(
        await page.getAttribute(`article.card[data-id="${fx.hostile.id}"]`, 'class'),
      ).toContain('is-hostile')
      await page.goto(`${base}/van-ban?loai=bao-cao`)
      await settled(page)
      expect(await page.textContent(`${list} .status`)).toBe('Không có mục nào khớp bộ lọc.')
      expect(errors).toEqual([])
      await context.close()
    })

    it('should open a document with its PDF, validity, print and share actions', async () => {
      const { context, page, errors } = await open()
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
      // A bare item path is redirected by the server to the canonical one.
      const res = await page.goto(`${base}/van-ban/${fx.pdfDoc.id}`)
      expect(res?.status()).toBe(200)
      expect(res?.request().redirectedFrom()?.url()).toBe(`${base}/van-ban/${fx.pdfDoc.id}`)
      expect(page.url()).toBe(`${base}${fx.pdfDoc.path}`)
      const article = `article.detail-article[data-detail-id="${fx.pdfDoc.id}"][data-slug="documents"]`
      await page.waitForSelector(article)
      expect(await page.textContent(`${article} h1#page-title`)).toBe(fx.pdfDoc.title)
      expect(await page.title()).toBe(`${fx.pdfDoc.title} – Sổ tay`)
      expect(await page.textContent(`${article} .badge-valid`)).toBe('Còn hiệu lực')
      expect(
        await page.$$eval('nav#site-nav .nav-list a[aria-current="page"]', (links) =>
          links.map((a) => a.getAttribute('href')),
        ),
      ).toEqual(['/van-ban'])

      const file = `${article} section.attachments ul.files li.file`
      expect(await page.locator(file).count()).toBe(1)
      const href = await page.getAttribute(`${file} a.file-open`, 'href')
      expect(href).toBe(new URL(fx.pdf.url, base).pathname)
      expect(await page.textContent(`${file} a.file-open`)).toBe('Hướng dẫn số hoá (PDF)')
      expect(fx.pdf.filesize).toBe(1234)
      expect(await page.textContent(`${file} .file-meta`)).toBe('PDF, 1,2 KB')
      expect(await page.getAttribute(`${file} a.file-download`, 'href')).toBe(href)
      expect(await page.getAttribute(`${file} a.file-download`, 'download')).toBe(
        'huong-dan-so-hoa.pdf',
      )
      // The file answers a visitor (its item is public).
      const download = await fetch(new URL(href!, base))
      expect(download.status).toBe(200)
      expect(download.headers.get('content-type')).toMatch(/application\/pdf/)
      expect((await download.arrayBuffer()).byteLength).toBe(1234)

      expect(await page.locator(`${article} .print-button`).count()).toBe(1)
      const share = `${article} section.share`
      expect(await page.getAttribute(share, 'data-share-url')).toBe(`${base}${fx.pdfDoc.path}`)
      const encoded = encodeURIComponent(`${base}${fx.pdfDoc.path}`)
      expect(
        await page.$$eval(`${share} a`, (links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual([
        `https://sp.zalo.me/share_to_zalo?url=${encoded}`,
        `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
      ])
      await page.click(`${share} button:has-text("Sao chép liên kết")`)
      await page.waitForFunction(
        (sel) => Boolean(document.querySelector(sel)?.textContent),
        `${share} .share-status`,
      )
      expect(await page.textContent(`${share} .share-status`)).toBe('Đã sao chép liên kết.')
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        `${base}${fx.pdfDoc.path}`,
      )
      // oEmbed discovery names the canonical path.
      expect(
        await page.getAttribute('link[rel="alternate"][type="application/json+oembed"]', 'href'),
      ).toBe(`/oembed?url=${encoded}&format=json`)
      expect(errors).toEqual([])
      await context.close()
    })

    it('should point a superseded document to its successor, and an orientation to its related document', async () => {
      const { context, page, errors } = await open()
      await page.goto(`${base}${fx.oldDoc.path}`)
      const article = `article.detail-article[data-detail-id="${fx.oldDoc.id}"]`
      await page.waitForSelector(article)
      expect(await page.textContent(`${article} .badge-expired`)).toBe('Đã bị thay thế')
      expect(await page.getAttribute(`${article} .notice-superseded a`, 'href')).toBe(
        fx.newDoc.path,
      )
      await markDocument(page)
      await page.click(`${article} .notice-superseded a`)
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.newDoc.id}"]`)
      expect(page.url()).toBe(`${base}${fx.newDoc.path}`)
      expect(await sameDocument(page)).toBe(true)

      await page.goto(`${base}${fx.orientation.path}`)
      const orientation = `article.detail-article[data-detail-id="${fx.orientation.id}"]`
      await page.waitForSelector(orientation)
      expect(await page.getAttribute(`${orientation} .related a`, 'href')).toBe(fx.pdfDoc.path)
      await page.click(`${orientation} .related a`)
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.pdfDoc.id}"]`)
      // Old `#/` links land on the canonical path.
      await page.goto(`${base}/#/documents/${fx.searchDoc.id}`)
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.searchDoc.id}"]`)
      expect(page.url()).toBe(`${base}${fx.searchDoc.path}`)
      expect(errors).toEqual([])
      await context.close()
    })

    it('should find a document searched for without diacritics, and open it from the hit', async () => {
      const { context, page, errors } = await open()
      await page.goto(base)
      await page.fill('#search-q', 'nghi quyet')
      const hit = `#search-results .hits article.hit a.hit-title:has-text("${fx.searchDoc.title}")`
      await page.waitForSelector(hit)
      expect(await page.isVisible('#search-results .facets button[data-facet="documents"]')).toBe(
        true,
      )
      expect(new URL(page.url()).searchParams.get('q')).toBe('nghi quyet')
      // A hit names the document by its id (its path words start with the symbol, which hits do
      // not carry); the item page then shows the canonical path.
      expect(await page.getAttribute(hit, 'href')).toBe(`/van-ban/${fx.searchDoc.id}`)
      await markDocument(page)
      await page.click(hit)
      const article = `article.detail-article[data-detail-id="${fx.searchDoc.id}"]`
      await page.waitForSelector(article)
      expect(await page.textContent(`${article} h1`)).toBe(fx.searchDoc.title)
      expect(page.url()).toBe(`${base}${fx.searchDoc.path}`)
      expect(await sameDocument(page)).toBe(true)
      expect(errors).toEqual([])
      await context.close()
    })

    it('should serve the share path with Open Graph meta naming the item', async () => {
      const res = await fetch(`${base}${fx.pdfDoc.path}`)
      expect(res.status).toBe(200)
      const html = await res.text()
      const meta = (name: string) =>
        new RegExp(`<meta property="${name}" content="([^"]*)"`).exec(html)?.[1] ?? null
      expect(meta('og:title')).toContain(fx.pdfDoc.title)
      expect(meta('og:url')).toBe(`${base}${fx.pdfDoc.path}`)
      const image = meta('og:image')
      expect(image).toMatch(new RegExp(`^${base}/`))
      const picture = await fetch(image!)
      expect(picture.status).toBe(200)
      expect(picture.headers.get('content-type')).toMatch(/^image\//)
    })

    it('should name nothing of a members-only item to a visitor, and offer to sign in', async () => {
      const res = await fetch(`${base}${fx.membersDoc.path}`, { redirect: 'manual' })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).not.toContain('og:title')
      expect(html).not.toContain(fx.membersDoc.title)

      const { context, page, errors } = await open()
      await page.goto(`${base}${fx.membersDoc.path}`)
      await page.waitForSelector('#view-page h1#page-title')
      expect(await page.textContent('#page-title')).toBe('Không mở được nội dung')
      expect(await page.content()).not.toContain(fx.membersDoc.title)
      expect(await page.locator('meta[property="og:title"]').count()).toBe(0)
      const signIn = '#view-page a.button[href^="/dang-nhap"]'
      expect(await page.getAttribute(signIn, 'href')).toBe(
        `/dang-nhap?tiep=${encodeURIComponent(fx.membersDoc.path)}`,
      )
      // Signing in leads back to the item, which a member may read but not share.
      await page.click(signIn)
      await signInThroughPage(page)
      await page.waitForURL(`${base}${fx.membersDoc.path}`)
      const article = `article.detail-article[data-detail-id="${fx.membersDoc.id}"]`
      await page.waitForSelector(article)
      expect(await page.textContent(`${article} h1`)).toBe(fx.membersDoc.title)
      expect(await page.textContent(`${article} .badge-audience`)).toBe('Dành cho đảng viên')
      expect(await page.locator('section.share').count()).toBe(0)
      expect(
        await page.locator('link[rel="alternate"][type="application/json+oembed"]').count(),
      ).toBe(0)
      expect(errors).toEqual([])
      await context.close()
    })

    it('should warn about a hostile page, never link or share it; an official one is linked and shared', async () => {
      const { context, page, errors } = await open()
      await page.goto(`${base}/nhan-dien/${fx.hostile.id}`)
      const article = `article.detail-article[data-detail-id="${fx.hostile.id}"]`
      await page.waitForSelector(article)
      expect(page.url()).toBe(`${base}${fx.hostile.path}`)
      expect(await page.isVisible(`${article} .warning-box`)).toBe(true)
      expect(await page.textContent(`${article} .plain-url`)).toBe(fx.hostile.url)
      expect(await page.locator(`${article} .badge-hostile`).count()).toBe(1)
      expect(
        await page.$$eval('a', (links) =>
          links.filter((a) => a.href.includes('tin-gia-xau-doc')).map((a) => a.outerHTML),
        ),
      ).toEqual([])
      expect(await page.locator('section.share').count()).toBe(0)
      expect(await page.content()).not.toContain('sp.zalo.me')
      expect(
        await page.locator('link[rel="alternate"][type="application/json+oembed"]').count(),
      ).toBe(0)

      await page.goto(`${base}${fx.official.path}`)
      const official = `article.detail-article[data-detail-id="${fx.official.id}"]`
      await page.waitForSelector(official)
      expect(await page.locator(`${official} .warning-box`).count()).toBe(0)
      expect(await page.getAttribute(`${official} a[href="${fx.official.url}"]`, 'href')).toBe(
        fx.official.url,
      )
      expect(await page.getAttribute(`${official} section.share`, 'data-share-url')).toBe(
        `${base}${fx.official.path}`,
      )
      expect(errors).toEqual([])
      await context.close()
    })

    it('should show "page not found" for an address the portal does not know', async () => {
      const { context, page } = await open()
      for (const pathname of ['/khong-co-trang-nay', '/van-ban/abc', '/van-ban/5-%C3%84%C3%96']) {
        const res = await page.goto(`${base}${pathname}`)
        expect(res?.status(), pathname).toBe(404)
        await page.waitForSelector('#view-page h1#page-title')
        expect(await page.textContent('#page-title'), pathname).toBe('Không tìm thấy trang')
        expect(await page.isHidden('#view-home')).toBe(true)
        expect(await page.getAttribute('#view-page a[href="/"]', 'href')).toBe('/')
      }
      await context.close()
    })

    it('should send the forgotten-password request and answer the same for any address', async () => {
      const { context, page, errors } = await open()
      await page.goto(`${base}/dang-nhap`)
      await page.click('#view-page a[href="/quen-mat-khau"]')
      await page.waitForSelector('#forgot-form')
      const neutral = /^Nếu địa chỉ này có tài khoản, thư hướng dẫn đặt lại mật khẩu đã được gửi/
      for (const email of [member.email, 'khong-co-ai@test.local']) {
        await page.fill('#forgot-email', email)
        await page.click('#forgot-form button[type="submit"]')
        await page.waitForFunction(() => {
          const status = document.querySelector('#forgot-form .status')
          return status && !status.classList.contains('is-loading') && status.textContent
        })
        expect(await page.textContent('#forgot-form .status')).toMatch(neutral)
        await page.evaluate(() => {
          document.querySelector('#forgot-form .status')!.textContent = ''
        })
      }
      expect(errors).toEqual([])
      await context.close()
    })

    it('should keep the chosen text size on this device', async () => {
      const { context, page } = await open()
      await page.goto(base)
      const size = () => page.getAttribute('html', 'data-text-size')
      const fontSize = () =>
        page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
      // The default size sets nothing on <html> (a change there would restyle the whole page).
      expect(await size()).toBeNull()
      const normal = await fontSize()
      await page.click('#text-larger')
      await page.click('#text-larger')
      expect(await size()).toBe('3')
      expect(await fontSize()).toBeGreaterThan(normal)
      await page.reload()
      expect(await size()).toBe('3')
      await page.click('#text-smaller')
      expect(await size()).toBe('2')
      expect(await page.evaluate(() => localStorage.getItem('sotay-text-size'))).toBe('2')
      await context.close()
    })
  })

  describe('members', () => {
    it('should sign in, see and open a members-only item, ask a question, and lose it all on signing out', async () => {
      const { context, page, errors } = await open()
      await page.goto(`${base}/dang-nhap?tiep=/van-ban`)
      // The worker must control the page for its caches to be checked.
      await controlled(page)
      await signInThroughPage(page)
      await page.waitForURL(`${base}/van-ban`)
      expect(await page.isVisible('#signed-in')).toBe(true)
      expect(await page.isHidden('#login-link')).toBe(true)
      expect(await page.textContent('#account-name')).toBe('Nguyễn Văn Đảng Viên')
      expect(await page.isHidden('#admin-link')).toBe(true)
      const card = `section.list-page[data-list="documents"] article.card[data-id="${fx.membersDoc.id}"]`
      await page.waitForSelector(card)
      await settled(page)
      expect(await page.textContent('[data-list="documents"] .status')).toBe(
        `1–12 trên tổng số ${publicCount.documents + 1} mục`,
      )
      await page.click(`${card} a`)
      const article = `article.detail-article[data-detail-id="${fx.membersDoc.id}"]`
      await page.waitForSelector(article)
      expect(page.url()).toBe(`${base}${fx.membersDoc.path}`)
      expect(await page.locator('section.share').count()).toBe(0)
      // What was read signed in is kept apart, in the member cache.
      const itemCall = `/api/documents/${fx.membersDoc.id}?`
      await expect
        .poll(async () => (await cachedUrls(page))['sotay-member'] ?? [], { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining(itemCall)]))

      await page.click('#my-questions-link')
      await page.waitForSelector('#ask-form')
      expect(new URL(page.url()).pathname).toBe('/cau-hoi-cua-toi')
      const asked = 'Thủ tục chuyển sinh hoạt Đảng tạm thời?'
      await page.fill('#ask-title', asked)
      await page.fill('#ask-topic', 'Sinh hoạt Đảng')
      await page.fill('#ask-question', 'Đồng chí cho hỏi cần những giấy tờ gì khi chuyển.')
      await page.click('#ask-form button[type="submit"]')
      await page.waitForSelector(`#my-questions li:has-text("${asked}")`)
      expect(await page.textContent('#my-questions li')).toContain('Mới gửi')
      expect(await page.inputValue('#ask-title')).toBe('')

      await page.click('#logout-button')
      await page.waitForSelector('#login-link', { state: 'visible' })
      await page.waitForSelector('#ask-form', { state: 'detached' })
      expect(await page.isHidden('#signed-in')).toBe(true)
      expect(await page.content()).not.toContain(asked)
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 10_000 })
        .not.toContain('sotay-member')
      const left = Object.values(await cachedUrls(page)).flat()
      expect(
        left.filter((url) => url.includes(itemCall) || url.includes('/questions/mine')),
      ).toEqual([])
      // And the item is closed again.
      await page.goto(`${base}${fx.membersDoc.path}`)
      await page.waitForSelector('#view-page h1#page-title')
      expect(await page.textContent('#page-title')).toBe('Không mở được nội dung')
      expect(errors).toEqual([])
      await context.close()
    })

    it('should show a cell secretary the accounts of their cell on "Chi bộ của tôi"', async () => {
      const admin = await api.loginAdmin()
      const cell = expectOk(
        await api.post(
          '/api/units',
          { name: 'Chi bộ thử nghiệm', kind: 'chi-bo', code: `CB-E2E-${Date.now()}` },
          { session: admin },
        ),
      ).json.doc.id as number
      const secretary = await issueAccount(api, admin, {
        roles: ['secretary'],
        unit: cell,
        fullName: 'Bí thư Thử Nghiệm',
        position: 'Bí thư chi bộ',
      })
      await issueAccount(api, admin, {
        roles: ['member'],
        unit: cell,
        fullName: 'Đảng viên Cùng Chi bộ',
        phone: '0903123456',
      })
      const { context, page, errors } = await open()
      await page.goto(`${base}/chi-bo-cua-toi`)
      await page.getByText('Vui lòng đăng nhập bằng tài khoản bí thư chi bộ.').waitFor()
      await page.click('a.button[href*="dang-nhap"]')
      await page.waitForSelector('#login-form')
      await page.fill('#login-email', secretary.email)
      await page.fill('#login-password', PASSWORD)
      await page.click('#login-form button[type="submit"]')
      await page.waitForSelector('#cell-members li:has-text("Đảng viên Cùng Chi bộ")')
      expect(new URL(page.url()).pathname).toBe('/chi-bo-cua-toi')
      expect(await page.locator('#cell-members li').count()).toBe(2)
      const text = await page.textContent('#cell-members')
      expect(text).toContain('0903123456')
      expect(text).toContain('Bí thư chi bộ')
      expect(text).not.toContain(member.email)
      expect(await page.isVisible('#my-cell-link')).toBe(true)
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'secretary-my-cell.png'),
        fullPage: true,
      })
      await context.close()
      expect(errors).toEqual([])
    })

    it('should bring a member who opens /admin back to the portal with a word on why', async () => {
      const { context, page } = await open()
      const login = await context.request.post(`${base}/api/users/login`, {
        data: { email: member.email, password: PASSWORD },
      })
      expect(login.status()).toBe(200)
      const res = await page.goto(`${base}/admin`)
      expect(res?.request().redirectedFrom()?.url()).toBe(`${base}/admin`)
      expect(res?.url()).toBe(`${base}/?tu=quan-tri`)
      await page.waitForSelector('#notice-admin')
      expect(await page.textContent('#notice-admin')).toContain('Trang quản trị chỉ dành cho')
      expect(page.url()).toBe(`${base}/`)
      await page.waitForSelector('#signed-in', { state: 'visible' })
      expect(await page.isHidden('#admin-link')).toBe(true)
      await context.close()
    })
  })

  describe('offline and on a phone', () => {
    it('should reload an item already opened while offline', async () => {
      const { context, page } = await open()
      await page.goto(`${base}${fx.pdfDoc.path}`)
      await controlled(page)
      // Opened again under the worker, the item's call is kept for offline reading.
      await page.reload()
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.pdfDoc.id}"]`)
      await expect
        .poll(async () => Object.values(await cachedUrls(page)).flat(), { timeout: 10_000 })
        .toEqual(
          expect.arrayContaining([expect.stringContaining(`/api/documents/${fx.pdfDoc.id}?`)]),
        )
      await context.setOffline(true)
      const res = await page.reload()
      expect(res?.fromServiceWorker()).toBe(true)
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.pdfDoc.id}"]`)
      expect(await page.textContent('h1#page-title')).toBe(fx.pdfDoc.title)
      expect(await page.isVisible('#notice-offline')).toBe(true)
      await context.setOffline(false)
      await context.close()
    })

    it('should fit a 390 px phone: no sideways scroll, the whole menu in view', async () => {
      const { context, page } = await open({ viewport: PHONE, isMobile: true, hasTouch: true })
      for (const pathname of ['/', '/van-ban', fx.pdfDoc.path, fx.hostile.path]) {
        await page.goto(`${base}${pathname}`)
        await settled(page)
        await page.waitForSelector(pathname === '/' ? '#view-home .card' : '#view-page h1')
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          pathname,
        ).toBeLessThanOrEqual(PHONE.width)
        const links = page.locator('nav#site-nav .nav-list a')
        expect(await links.count()).toBe(5)
        for (let i = 0; i < 5; i++) {
          const link = links.nth(i)
          expect(await link.isVisible()).toBe(true)
          const box = (await link.boundingBox())!
          const name = `${pathname}: ${await link.textContent()}`
          expect(box.x, name).toBeGreaterThanOrEqual(0)
          expect(box.x + box.width, name).toBeLessThanOrEqual(PHONE.width)
        }
      }
      await context.close()
    })

    it('should take screenshots of the main pages at phone and desktop sizes', async () => {
      const pages = [
        ['home', '/'],
        ['list', '/van-ban'],
        ['item', fx.pdfDoc.path],
        ['sign-in', '/dang-nhap?tiep=/cau-hoi-cua-toi'],
        ['my-questions', ''],
      ] as const
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const { context, page, errors } = await open({ viewport, isMobile: size === 'phone' })
        for (const [name, pathname] of pages) {
          if (name === 'my-questions') {
            // Signed in from the sign-in page, which then shows "my questions" (see the known
            // bug below for opening /cau-hoi-cua-toi directly).
            await signInThroughPage(page)
            await page.waitForURL(`${base}/cau-hoi-cua-toi`)
            await page.waitForSelector('#my-questions li')
          } else await page.goto(`${base}${pathname}`)
          await settled(page)
          await page.screenshot({
            path: path.join(SCREENSHOTS, `${name}-${size}.png`),
            fullPage: true,
          })
        }
        expect(errors).toEqual([])
        await context.close()
      }
    })
  })

  // Bugs these tests found in the portal, fixed since: kept as regressions.
  describe('pages that depend on the session, and leaving an item', () => {
    it('should show "my questions" when /cau-hoi-cua-toi is opened directly while signed in', async () => {
      const { context, page } = await open()
      const login = await context.request.post(`${base}/api/users/login`, {
        data: { email: member.email, password: PASSWORD },
      })
      expect(login.status()).toBe(200)
      // The session is known a moment after the view is drawn (as on a slow phone network).
      await page.route('**/api/users/me', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 500))
        await route.continue()
      })
      await page.goto(`${base}/cau-hoi-cua-toi`)
      await page.waitForSelector('#signed-in', { state: 'visible' })
      try {
        await page.waitForSelector('#ask-form', { timeout: 5_000 })
      } finally {
        await context.close()
      }
    })

    it('should drop the oEmbed discovery link of an item once the reader leaves it', async () => {
      const { context, page } = await open()
      const discovery = 'link[rel="alternate"][type="application/json+oembed"]'
      await page.goto(`${base}${fx.pdfDoc.path}`)
      await page.waitForSelector(`article.detail-article[data-detail-id="${fx.pdfDoc.id}"]`)
      expect(await page.locator(discovery).count()).toBe(1)
      await page.click('.brand-link')
      await page.waitForSelector('#view-home', { state: 'visible' })
      try {
        expect(await page.locator(discovery).count()).toBe(0)
      } finally {
        await context.close()
      }
    })
  })
})
