import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session, client } from '../helpers/api'
import { pngHeaderClaiming, pngOf, uploadForm } from '../helpers/files'
import { type TestServer, startServer } from '../helpers/server'

let server: TestServer
let api: Client
let admin: Session

beforeAll(async () => {
  server = await startServer({ env: { MAX_UPLOAD_MB: '2' } })
  api = client(server.url)
  admin = await api.loginAdmin()
})
afterAll(async () => {
  await server?.stop()
})

const count = async (slug: string) =>
  (await api.get(`/api/${slug}/count?draft=true`, { session: admin })).json.totalDocs as number

const validDocument = {
  title: 'Nghị quyết thử',
  symbol: '01-NQ/ĐU',
  kind: 'nghi-quyet',
  issuingBody: 'Ban Chấp hành',
  issueDate: '2026-03-01',
  audience: 'public',
}

/** The error body names the problem: a message, and for validation errors the field paths. */
const errorText = (json: any) => JSON.stringify(json?.errors ?? json)

describe('bad input to a collection', () => {
  it('should answer 400 naming every missing required field, and store nothing', async () => {
    const before = await count('documents')
    const res = await api.post('/api/documents', { title: 'Thiếu trường' }, { session: admin })
    expect(res.status).toBe(400)
    const paths = res.json.errors[0].data.errors.map((error: { path: string }) => error.path)
    expect(paths).toEqual(expect.arrayContaining(['symbol', 'kind', 'issuingBody', 'issueDate']))
    expect(await count('documents')).toBe(before)
  })

  it('should answer 400 for a value outside a select field, naming the field', async () => {
    const before = await count('documents')
    const res = await api.post(
      '/api/documents',
      { ...validDocument, kind: 'sac-lenh' },
      { session: admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('kind')
    expect(await count('documents')).toBe(before)
  })

  it('should answer 400 for malformed JSON', async () => {
    const before = await count('documents')
    const res = await api.request('POST', '/api/documents', {
      session: admin,
      body: '{"title": "Nghị quyết", ',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(errorText(res.json)).toMatch(/json/i)
    expect(await count('documents')).toBe(before)
  })

  it('should answer 400 for an invalid date', async () => {
    const res = await api.post(
      '/api/documents',
      { ...validDocument, issueDate: 'hôm qua' },
      { session: admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('issueDate')
  })

  it('should answer 400 naming the field when a reference points at nothing', async () => {
    const before = await count('documents')
    const res = await api.post(
      '/api/documents',
      { ...validDocument, audience: 'units', audienceUnits: [987654] },
      { session: admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('audienceUnits')
    expect(errorText(res.json)).toContain('987654')
    expect(await count('documents')).toBe(before)
  })

  it('should answer 400 when audience is units but no unit is chosen', async () => {
    const res = await api.post(
      '/api/documents',
      { ...validDocument, audience: 'units' },
      { session: admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('audienceUnits')
  })

  it.each(['abc', '1.5', '-3', '0', "1'--", '99999999999999999999'])(
    'should answer 4xx, not 500, for the id %j',
    async (id) => {
      const res = await api.get(`/api/documents/${encodeURIComponent(id)}`, { session: admin })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(errorText(res.json).length).toBeGreaterThan(10)
    },
  )

  it.each(['abc', '0', '9999999999999999'])(
    'should answer 4xx, not 500, for the workflow of item %j',
    async (id) => {
      const res = await api.post(
        `/api/documents/${id}/workflow`,
        { action: 'submit' },
        { session: admin },
      )
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(errorText(res.json).length).toBeGreaterThan(10)
    },
  )

  it('should name the problem for a malformed id', async () => {
    const res = await api.get('/api/documents/abc', { session: admin })
    expect(res.status).toBe(400)
    expect(errorText(res.json)).toContain('id must be a positive integer')
  })

  it('should answer 400 for a where clause on an unknown field', async () => {
    const res = await api.get('/api/documents?where[khong_co][equals]=1', { session: admin })
    expect(res.status).toBe(400)
    expect(errorText(res.json)).toContain('khong_co')
  })

  it('should answer 400 for a registry URL that is not http(s)', async () => {
    const res = await api.post(
      '/api/identified-pages',
      {
        name: 'Trang lạ',
        platform: 'website',
        url: 'javascript:alert(1)',
        classification: 'hostile',
        reason: 'Thử',
        audience: 'members',
      },
      { session: admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('url')
  })

  it('should answer 400 when the same page is registered twice under another spelling', async () => {
    const page = {
      name: 'Trang trùng',
      platform: 'facebook-page',
      classification: 'hostile',
      reason: 'Thử',
      audience: 'members',
    }
    const first = await api.post(
      '/api/identified-pages',
      { ...page, url: 'https://www.facebook.com/trang-trung-lap?utm_source=zalo' },
      { session: admin },
    )
    expect(first.status).toBe(201)
    expect(first.json.doc.url).toBe('https://facebook.com/trang-trung-lap')
    const second = await api.post(
      '/api/identified-pages',
      { ...page, url: 'https://m.facebook.com/trang-trung-lap/' },
      { session: admin },
    )
    expect(second.status).toBe(400)
    expect(second.json.errors[0].data.errors[0].path).toBe('url')
  })

  it('should answer 400 to a unit placed below itself', async () => {
    const parent = (
      await api.post('/api/units', { name: 'Cha', code: 'CHA-1' }, { session: admin })
    ).json.doc
    const child = (
      await api.post(
        '/api/units',
        { name: 'Con', code: 'CON-1', parent: parent.id },
        { session: admin },
      )
    ).json.doc
    const res = await api.patch(`/api/units/${parent.id}`, { parent: child.id }, { session: admin })
    expect(res.status).toBe(400)
    expect(errorText(res.json)).toContain('cycle')
  })
})

describe('bad uploads', () => {
  const upload = (file: Buffer, name: string, type: string) =>
    api.request('POST', '/api/media', { session: admin, body: uploadForm(file, name, type) })

  it('should accept a real PNG and make its sizes', async () => {
    const res = await upload(await pngOf(1800, 1200), 'that-su-la-anh.png', 'image/png')
    expect(res.status).toBe(201)
    expect(res.json.doc.mimeType).toBe('image/png')
    expect(res.json.doc.sizes.thumbnail.width).toBe(320)
    expect(res.json.doc.sizes.large.width).toBe(1600)
  })

  it('should answer 4xx to an upload over the size limit, and store nothing', async () => {
    const before = await count('media')
    const big = Buffer.concat([await pngOf(10, 10), Buffer.alloc(3 * 1024 * 1024, 1)])
    const res = await upload(big, 'qua-lon.png', 'image/png')
    expect([400, 413]).toContain(res.status)
    expect(errorText(res.json)).toMatch(/large|lớn|limit|giới hạn/i)
    expect(await count('media')).toBe(before)
  })

  it('should answer 400 to an HTML file renamed .jpg, and store nothing', async () => {
    const before = await count('media')
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    )
    const res = await upload(html, 'anh-dep.jpg', 'image/jpeg')
    expect(res.status).toBe(400)
    expect(errorText(res.json).length).toBeGreaterThan(10)
    expect(await count('media')).toBe(before)
  })

  it('should answer 400 to a PNG whose header claims 20000×20000 pixels, and store nothing', async () => {
    const before = await count('media')
    const res = await upload(pngHeaderClaiming(20000, 20000), 'bom.png', 'image/png')
    expect(res.status).toBe(400)
    expect(errorText(res.json)).toContain('20000×20000')
    expect(await count('media')).toBe(before)
  })

  it('should answer 400 to a file type outside the allowed list', async () => {
    const res = await upload(Buffer.from('a,b\n1,2\n'), 'bang.csv', 'text/csv')
    expect(res.status).toBe(400)
  })

  it('should answer 400 to an SVG even when it is well formed', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    )
    const res = await upload(svg, 'logo.svg', 'image/svg+xml')
    expect(res.status).toBe(400)
  })
})
