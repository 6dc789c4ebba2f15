import { type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, client } from '../helpers/api'
import { hasChromium, launchChromium } from '../helpers/browser'
import { ADMIN, type TestServer, startServer } from '../helpers/server'
import { PASSWORD, expectOk, issueAccount } from '../helpers/world'

/** The unit and account imports and the unit merge as an admin uses them in /admin (issue 12). */
describe.skipIf(!hasChromium)('units and accounts in the admin: import from a file, merge', () => {
  let server: TestServer
  let api: Client
  let browser: Browser
  const editorEmail = 'editor-units@test.local'

  beforeAll(async () => {
    server = await startServer()
    api = client(server.url)
    const admin = await api.loginAdmin()
    await issueAccount(api, admin, { email: editorEmail, fullName: 'Biên tập', roles: ['editor'] })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const signIn = async (email: string, password: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    const page = await context.newPage()
    page.on('dialog', (dialog) => void dialog.accept())
    await page.goto(`${server.url}/admin/login`)
    await page.fill('#field-email', email)
    await page.fill('#field-password', password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 30_000 })
    return page
  }

  /** Picks a CSV file in the import form of `collection` (units or users). */
  const choose = (page: Page, name: string, text: string, collection = 'units') =>
    page.setInputFiles(`input[name="${collection}-file"]`, {
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    })

  it('should check a file, list its broken rows, then import the corrected file', async () => {
    const page = await signIn(ADMIN.email, ADMIN.password)
    await page.goto(`${server.url}/admin/collections/units`)
    await page.waitForSelector('#units-import-title')
    const importButton = page.getByRole('button', { name: 'Nhập', exact: true })

    await choose(
      page,
      'broken.csv',
      'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nUI-Q1,Đảng bộ quận,Đảng bộ,\nUI-C1,Chi bộ 1,ban,UI-KHONG\n',
    )
    await page.getByRole('button', { name: /Kiểm tra/ }).click()
    const problems = page.locator('section[aria-labelledby="units-import-title"] table tbody tr')
    await expect.poll(() => problems.count(), { timeout: 30_000 }).toBe(2)
    expect(await problems.first().textContent()).toContain('3')
    expect(await page.textContent('section[aria-labelledby="units-import-title"]')).toContain(
      'chưa ghi gì',
    )
    expect(await importButton.isDisabled()).toBe(true)
    await page.screenshot({ path: `${server.dataDir}/unit-import-problems.png`, fullPage: true })

    await choose(
      page,
      'units.csv',
      'Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nUI-Q1,Đảng bộ quận,Đảng bộ,\nUI-C1,Chi bộ 1,Chi bộ,UI-Q1\nUI-C2,Chi bộ 2,Chi bộ,UI-Q1\n',
    )
    await page.getByRole('button', { name: /Kiểm tra/ }).click()
    await page.getByText('Kiểm tra xong, không có lỗi').waitFor({ timeout: 30_000 })
    await importButton.click()
    await page.getByText(/Đã nhập\. 3 dòng: 3 tạo mới/).waitFor({ timeout: 30_000 })
    // The list below shows them once it reloads.
    await page.locator('.table').getByText('Chi bộ 2').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: `${server.dataDir}/unit-import-done.png`, fullPage: true })
    await page.context().close()
  })

  it('should merge a unit into another from its page', async () => {
    const admin = await api.loginAdmin()
    const units = expectOk(
      await api.get('/api/units?where[code][like]=UI-&limit=10&depth=0', { session: admin }),
    ).json.docs as { id: number; code: string }[]
    const id = (code: string) => units.find((unit) => unit.code === code)!.id

    const page = await signIn(ADMIN.email, ADMIN.password)
    await page.goto(`${server.url}/admin/collections/units/${id('UI-C2')}`)
    await page.fill('#unit-merge-target', 'UI-C1')
    await page.getByRole('button', { name: 'Gộp', exact: true }).click()
    await page.waitForURL(new RegExp(`/admin/collections/units/${id('UI-C1')}$`), {
      timeout: 30_000,
    })
    expect((await api.get(`/api/units/${id('UI-C2')}`, { session: admin })).status).toBe(404)
    await page.context().close()
  })

  it('should import accounts from a file and say invitations are on their way', async () => {
    const page = await signIn(ADMIN.email, ADMIN.password)
    await page.goto(`${server.url}/admin/collections/users`)
    await page.waitForSelector('#users-import-title')
    await choose(
      page,
      'members.csv',
      'Họ và tên,Email,Mã đơn vị,Chức vụ\nNguyễn Văn Một,mot@ui.test,UI-C1,Bí thư chi bộ\nTrần Văn Hai,hai@ui.test,UI-KHONG,\n',
      'users',
    )
    await page.getByRole('button', { name: /Kiểm tra/ }).click()
    const problems = page.locator('section[aria-labelledby="users-import-title"] table tbody tr')
    await expect.poll(() => problems.count(), { timeout: 30_000 }).toBe(1)
    expect(await problems.first().textContent()).toContain('hai@ui.test')

    await choose(
      page,
      'members.csv',
      'Họ và tên,Email,Mã đơn vị,Chức vụ\nNguyễn Văn Một,mot@ui.test,UI-C1,Bí thư chi bộ\nTrần Văn Hai,hai@ui.test,UI-Q1,\n',
      'users',
    )
    await page.getByRole('button', { name: /Kiểm tra/ }).click()
    await page.getByText('Kiểm tra xong, không có lỗi').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Nhập', exact: true }).click()
    await page
      .getByText(/Đã nhập\. 2 dòng: 2 tài khoản mới.*2 thư mời/)
      .waitFor({ timeout: 30_000 })
    await page.locator('.table').getByText('Nguyễn Văn Một').waitFor({ timeout: 30_000 })
    await page.screenshot({ path: `${server.dataDir}/account-import-done.png`, fullPage: true })
    await page.context().close()
  })

  it('should show neither tool to an editor', async () => {
    const page = await signIn(editorEmail, PASSWORD)
    await page.goto(`${server.url}/admin/collections/units`)
    await page.locator('.table').getByText('Chi bộ 1').waitFor({ timeout: 30_000 })
    expect(await page.locator('#units-import-title').count()).toBe(0)
    expect(await page.locator('#users-import-title').count()).toBe(0)
    await page.locator('.table a').first().click()
    await page.waitForSelector('#field-name')
    expect(await page.locator('#unit-merge-target').count()).toBe(0)
    await page.context().close()
  })
})
