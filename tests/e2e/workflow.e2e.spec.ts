import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session, client } from '../helpers/api'
import { hasChromium, launchChromium } from '../helpers/browser'
import { type TestServer, startServer } from '../helpers/server'
import { PASSWORD, expectOk, issueAccount, minimalItem } from '../helpers/world'

describe.skipIf(!hasChromium)('editor → reviewer → published, in the admin UI', () => {
  let server: TestServer
  let api: Client
  let browser: Browser
  let docId: number
  const title = 'Nghị quyết thử nghiệm qua trình duyệt'
  const accounts = {
    editor: 'editor-ui@test.local',
    reviewer: 'reviewer-ui@test.local',
    member: 'member-ui@test.local',
  }

  beforeAll(async () => {
    server = await startServer()
    api = client(server.url)
    const admin = await api.loginAdmin()
    const sessions: Record<string, Session> = {}
    for (const [role, email] of Object.entries(accounts)) {
      // Issued by the admin, then its holder replaces the issued password (PASSWORD) at first sign-in.
      sessions[role] = (
        await issueAccount(api, admin, { email, fullName: `Người ${role}`, roles: [role] })
      ).session
    }
    const editor = sessions.editor
    docId = expectOk(
      await api.post(
        '/api/documents',
        { ...minimalItem.documents('ui'), title, audience: 'public' },
        { session: editor },
      ),
    ).json.doc.id
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** What the admin's Content-Security-Policy blocked: every admin page must run under it. */
  const blocked: string[] = []

  const signIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text())
    })
    await page.goto(`${server.url}/admin/login`)
    await page.fill('#field-email', email)
    await page.fill('#field-password', PASSWORD)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
    return page
  }

  const publishButtons = (page: Page) => page.getByRole('button', { name: /xuất bản|publish/i })

  it('should let the editor save and submit, never offering a publish button', async () => {
    const page = await signIn(accounts.editor)
    // The admin speaks Vietnamese by default, whatever the browser's language.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi')
    await page.goto(`${server.url}/admin/collections/documents/${docId}`)
    await page.waitForSelector('[data-testid="workflow-panel"]')
    expect(await page.textContent('[data-testid="workflow-state"]')).toBe('Bản nháp')
    // Dates read day first, as Vietnamese write them (the item was made with 2026-01-15).
    expect(await page.locator('#field-issueDate input').inputValue()).toBe('15/01/2026')
    expect(await page.locator('#action-save-draft').count()).toBe(1)
    expect(await page.locator('#action-save').count()).toBe(0)
    expect(await publishButtons(page).count()).toBe(0)
    await page.click('#workflow-submit')
    await page.waitForFunction(
      () => document.querySelector('[data-testid="workflow-state"]')?.textContent === 'Chờ duyệt',
      undefined,
      { timeout: 30_000 },
    )
    expect(await publishButtons(page).count()).toBe(0)

    await page.goto(`${server.url}/admin/collections/documents`)
    await page.waitForSelector('.table')
    await page.locator('.table input[type="checkbox"]').nth(1).check()
    expect(await publishButtons(page).count()).toBe(0)
    await page.context().close()
    expect(blocked).toEqual([])
  })

  it('should let a reviewer find it in the queue and approve it', async () => {
    const page = await signIn(accounts.reviewer)
    expect(await page.locator('[data-testid="review-nav-link"]').count()).toBe(1)
    await page.goto(`${server.url}/admin/review`)
    await page.waitForSelector('[data-testid="review-queue"]')
    await page.screenshot({ path: `${server.dataDir}/review-queue.png` })
    await page.getByRole('link', { name: title }).click()
    await page.waitForSelector('[data-testid="workflow-panel"]')
    expect(await page.textContent('[data-testid="workflow-state"]')).toBe('Chờ duyệt')
    await page.screenshot({ path: `${server.dataDir}/reviewer-document.png`, fullPage: true })
    await page.click('#workflow-approve')
    await page.waitForFunction(
      () => document.querySelector('[data-testid="workflow-state"]')?.textContent === 'Đã xuất bản',
      undefined,
      { timeout: 30_000 },
    )
    await page.waitForSelector('[data-testid="workflow-history"] li')
    expect(await page.textContent('[data-testid="workflow-history"]')).toContain('Xuất bản')
    await page.context().close()
    expect(blocked).toEqual([])
  })

  it('should show the published item to anonymous readers, in the API and on the landing page', async () => {
    const res = await api.get(`/api/documents/${docId}`)
    expect(res.status).toBe(200)
    expect(res.json.title).toBe(title)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForSelector(`section[data-section="documents"] article[data-id="${docId}"]`)
    expect(
      await page.textContent(
        `section[data-section="documents"] article[data-id="${docId}"] .item-title`,
      ),
    ).toBe(title)
    await page.screenshot({ path: `${server.dataDir}/landing.png` })
    await context.close()
  })

  it('should open the published item from its shareable path, then go back to the handbook', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    const res = await page.goto(`${server.url}/van-ban/${docId}`)
    // The short path is redirected to the canonical one, which carries the preview meta.
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/van-ban/${docId}-[a-z0-9-]+$`))
    expect(res?.status()).toBe(200)
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toContain(title)
    const article = `article.detail-article[data-detail-id="${docId}"][data-slug="documents"]`
    await page.waitForSelector(article)
    expect(await page.isHidden('#view-home')).toBe(true)
    expect(await page.textContent(`${article} h1#page-title`)).toBe(title)
    // A public item offers its shareable path (which previews), never a #/ link.
    const shared = await page.locator(`${article} section.share`).getAttribute('data-share-url')
    expect(shared).toBe(page.url())
    const facebook = await page
      .locator(`${article} section.share a[href*="facebook.com"]`)
      .getAttribute('href')
    expect(facebook).toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(page.url())}`,
    )
    await page.click('.brand-link')
    await page.waitForSelector('#view-page', { state: 'hidden' })
    await page.waitForSelector(`section[data-section="documents"] article[data-id="${docId}"]`)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(errors).toEqual([])
    await context.close()
  })

  it('should let a member ask a question in the portal, see it in "my questions", and lose it on signing out', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.click('#login-link')
    await page.waitForURL(`${server.url}/dang-nhap`)
    await page.fill('#login-email', accounts.member)
    await page.fill('#login-password', PASSWORD)
    await page.click('#login-form button[type="submit"]')
    // Signed in, back on the home page; a member is not offered the admin.
    await page.waitForSelector('#signed-in', { state: 'visible' })
    await page.waitForURL(`${server.url}/`)
    expect(await page.isHidden('#admin-link')).toBe(true)
    expect(await page.isHidden('#login-link')).toBe(true)
    await page.click('#my-questions-link')
    await page.waitForSelector('#ask-form')
    const asked = 'Thủ tục chuyển sinh hoạt Đảng tạm thời?'
    await page.fill('#ask-title', asked)
    await page.fill(
      '#ask-question',
      'Đồng chí cho hỏi cần những giấy tờ gì khi chuyển sinh hoạt tạm thời.',
    )
    await page.click('#ask-form button[type="submit"]')
    await page.waitForSelector(`#my-questions li:has-text("${asked}")`)
    expect(await page.textContent('#my-questions')).toContain('Mới gửi')
    await page.screenshot({ path: `${server.dataDir}/member-questions-phone.png`, fullPage: true })
    await page.click('#logout-button')
    await page.waitForSelector('#ask', { state: 'detached' })
    expect(await page.isVisible('#login-link')).toBe(true)
    expect(await page.isHidden('#admin-link')).toBe(true)
    expect(await page.content()).not.toContain(asked)
    await context.close()
  })
})
