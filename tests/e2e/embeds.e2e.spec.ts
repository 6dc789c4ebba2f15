import { type Server, createServer } from 'node:http'

import { type Browser, type ConsoleMessage, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { urlWords } from '../../src/portal/js/words.js'
import { client } from '../helpers/api'
import { freePort } from '../helpers/ports'
import { hasChromium, launchChromium } from '../helpers/browser'
import { type TestServer, startServer } from '../helpers/server'
import { issueAccount, minimalItem, publishItem } from '../helpers/world'

describe.skipIf(!hasChromium)('embeds on a page of another origin', () => {
  let server: TestServer
  let browser: Browser
  let outside: Server
  /** The handbook (SERVER_URL) and the outside site: two origins. */
  let handbook: string
  let site: string
  const items = {} as Record<'public' | 'members', { id: number; title: string; symbol: string }>
  /** An item's page: its shareable path, named by its symbol and title (`/van-ban/12-…`). */
  const itemUrl = (item: { id: number; title: string; symbol: string }) =>
    `${handbook}/van-ban/${item.id}-${urlWords(`${item.symbol} ${item.title}`)}`

  /** The outside site: a strict policy of its own that allows only the handbook's script. */
  const sitePages = (): Record<string, { html: string; csp: string }> => ({
    '/': {
      csp: [
        "default-src 'none'",
        `script-src ${handbook}`,
        `connect-src ${handbook}`,
        `frame-src ${handbook}`,
        "style-src 'self'",
      ].join('; '),
      html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Phường</title>
<script src="${handbook}/embed.js" async></script>
<script src="${handbook}/embed.js"></script>
</head><body><h1>Cổng thông tin phường</h1>
<sotay-feed section="all" limit="5"></sotay-feed>
<iframe src="${handbook}/embed/documents" width="400" height="300" title="Sổ tay"></iframe>
</body></html>`,
    },
    '/admin-frame': {
      csp: `default-src 'none'; frame-src ${handbook}`,
      html: `<!doctype html><html><head><meta charset="utf-8"><title>Khung</title></head><body>
<iframe src="${handbook}/admin" width="400" height="300"></iframe></body></html>`,
    },
  })

  beforeAll(async () => {
    const port = await freePort()
    handbook = `http://127.0.0.1:${port}`
    server = await startServer({ env: { PORT: String(port), SERVER_URL: handbook } })
    const api = client(server.url)
    const admin = await api.loginAdmin()
    const sessions = {
      editor: (await issueAccount(api, admin, { roles: ['editor'] })).session,
      reviewer: (await issueAccount(api, admin, { roles: ['reviewer'] })).session,
    }
    for (const audience of ['public', 'members'] as const) {
      const doc = await publishItem(api, sessions, 'documents', {
        ...minimalItem.documents(`nhúng ${audience}`),
        audience,
      })
      items[audience] = { id: doc.id, title: doc.title, symbol: doc.symbol }
    }

    outside = createServer((req, res) => {
      const page = sitePages()[req.url ?? '']
      if (!page) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': page.csp,
      })
      res.end(page.html)
    })
    const sitePort = await freePort()
    await new Promise<void>((resolve) => outside.listen(sitePort, '127.0.0.1', resolve))
    site = `http://localhost:${sitePort}`

    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => (outside ? outside.close(resolve) : resolve(null)))
    await server?.stop()
  })

  const open = async (pathname: string) => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' })
    const page = await context.newPage()
    const messages: string[] = []
    page.on('console', (message: ConsoleMessage) => messages.push(message.text()))
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`))
    await page.goto(`${site}${pathname}`)
    return { page, messages }
  }

  describe('the custom element and the iframe page', () => {
    let page: Page
    let messages: string[]

    beforeAll(async () => {
      ;({ page, messages } = await open('/'))
      expect(new URL(page.url()).origin).not.toBe(handbook)
      await page.waitForSelector('sotay-feed li a', { timeout: 30_000 })
    })
    afterAll(async () => {
      await page?.context().close()
    })

    it('should list the public item with a link to the portal and a Vietnamese date', async () => {
      const shadow = await page.evaluate(() => {
        const root = document.querySelector('sotay-feed')!.shadowRoot!
        return {
          text: root.textContent,
          links: [...root.querySelectorAll('li a')].map((a) => ({
            text: a.textContent,
            href: a.getAttribute('href'),
            target: a.getAttribute('target'),
            rel: a.getAttribute('rel'),
          })),
          dates: [...root.querySelectorAll('li time')].map((t) => ({
            text: t.textContent,
            datetime: t.getAttribute('datetime'),
          })),
          heading: root.querySelector('h2')?.textContent,
        }
      })
      expect(shadow.heading).toBe('Sổ tay')
      const link = shadow.links.find((a) => a.text?.includes(items.public.title))
      expect(link).toEqual({
        text: expect.stringContaining(items.public.title),
        href: itemUrl(items.public),
        target: '_blank',
        rel: 'noopener',
      })
      expect(shadow.text).not.toContain(items.members.title)
      expect(shadow.dates.length).toBeGreaterThan(0)
      const year = String(new Date().getFullYear())
      // Vietnamese medium date, e.g. "15 thg 1, 2026".
      expect(shadow.dates[0].text).toMatch(new RegExp(`^\\d{1,2} thg \\d{1,2}, ${year}$`))
      expect(Number.isNaN(Date.parse(shadow.dates[0].datetime ?? ''))).toBe(false)
    })

    it('should keep its styles to itself and follow attribute changes', async () => {
      // The page's own heading is untouched by the element's styles.
      const pageHeadingColor = await page.evaluate(
        () => getComputedStyle(document.querySelector('h1')!).color,
      )
      expect(pageHeadingColor).toBe('rgb(0, 0, 0)')
      const display = await page.evaluate(
        () => getComputedStyle(document.querySelector('sotay-feed')!).display,
      )
      expect(display).toBe('block')
      // Its own styles applied in the shadow root, under the outside page's strict policy.
      const radius = await page.evaluate(
        () =>
          getComputedStyle(document.querySelector('sotay-feed')!.shadowRoot!.querySelector('.b')!)
            .borderTopLeftRadius,
      )
      expect(radius).toBe('8px')
      await page.evaluate(() => {
        const feed = document.querySelector('sotay-feed')!
        feed.setAttribute('limit', '1')
        feed.setAttribute('title', 'Tin mới của Đảng bộ')
      })
      await page.waitForFunction(() => {
        const root = document.querySelector('sotay-feed')!.shadowRoot!
        return (
          root.querySelectorAll('li').length === 1 &&
          root.querySelector('h2')?.textContent === 'Tin mới của Đảng bộ'
        )
      })
    })

    it('should load the iframe page of the section', async () => {
      const frame = page.frames().find((f) => f.url() === `${handbook}/embed/documents`)
      expect(frame).toBeDefined()
      const text = await frame!.textContent('body')
      expect(text).toContain('Văn bản của Đảng bộ')
      expect(text).toContain(items.public.title)
      expect(text).not.toContain(items.members.title)
      const href = await frame!.getAttribute(`a:has-text("${items.public.title}")`, 'href')
      expect(href).toBe(itemUrl(items.public))
      // Its stylesheet applied under its own policy (no inline style was refused).
      const padding = await frame!.evaluate(
        () => getComputedStyle(document.querySelector('main')!).paddingTop,
      )
      expect(padding).not.toBe('0px')
    })

    it('should run with no policy violation and no error', async () => {
      expect(
        messages.filter((m) => /Content Security Policy|Refused|pageerror|Error/i.test(m)),
      ).toEqual([])
    })
  })

  it('should announce oEmbed on a public item page of the portal, and only there', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const discovery = 'link[rel="alternate"][type="application/json+oembed"]'
    const expected = `/oembed?url=${encodeURIComponent(itemUrl(items.public))}&format=json`
    // An old `#/` link: the portal shows the item at its canonical path and names that path.
    await page.goto(`${handbook}/#/documents/${items.public.id}`)
    await page.waitForSelector(`article.detail-article[data-detail-id="${items.public.id}"]`)
    expect(page.url()).toBe(itemUrl(items.public))
    const href = await page.getAttribute(discovery, 'href')
    expect(href).toBe(expected)
    const answer = await page.evaluate(async (url) => (await fetch(url)).json(), href!)
    expect(answer).toMatchObject({ type: 'rich', version: '1.0' })
    expect(answer.title).toContain(items.public.title)
    // The canonical path itself: the served page announces it, and the portal keeps it.
    await page.goto(itemUrl(items.public))
    await page.waitForSelector(`article.detail-article[data-detail-id="${items.public.id}"]`)
    expect(await page.locator(discovery).count()).toBe(1)
    expect(await page.getAttribute(discovery, 'href')).toBe(expected)
    // A members-only item and the home page announce nothing.
    await page.goto(`${handbook}/van-ban/${items.members.id}`)
    await page.waitForSelector('#view-page h1#page-title')
    expect(await page.locator(discovery).count()).toBe(0)
    await page.goto(`${handbook}/`)
    await page.waitForSelector('#view-home', { state: 'visible' })
    expect(await page.locator(discovery).count()).toBe(0)
    await context.close()
  })

  it('should refuse to show /admin in a frame of another origin', async () => {
    const { page, messages } = await open('/admin-frame')
    await page.waitForLoadState('load')
    await expect
      .poll(() => messages.some((m) => /frame-ancestors|X-Frame-Options/.test(m)), {
        timeout: 10_000,
      })
      .toBe(true)
    const frame = page.frames().find((f) => f !== page.mainFrame())
    expect(frame?.url() ?? '').not.toMatch(/\/admin/)
    await page.context().close()
  })
})
