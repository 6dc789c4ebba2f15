import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toSearchDocument } from '../mapper'
import type { SearchDocument } from '../types'
import { typesenseBackend } from './typesense'

type Recorded = {
  method: string
  path: string
  query: URLSearchParams
  body: string
  apiKey?: string
}

/**
 * No Typesense server can run here, so these tests check the backend at the HTTP level: a local
 * server records every request the official client sends and answers the way Typesense's API
 * documents. The contract suite (tests/int/search.int.spec.ts) runs against a real Typesense when
 * TYPESENSE_URL is set.
 */
const startRecorder = async () => {
  const requests: Recorded[] = []
  let alias: string | null = null
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
        apiKey: req.headers['x-typesense-api-key'] as string | undefined,
      })
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      const p = url.pathname
      if (req.method === 'GET' && p.startsWith('/aliases/')) {
        return alias
          ? json(200, { name: 'sotay-search', collection_name: alias })
          : json(404, { message: 'Not Found' })
      }
      if (req.method === 'PUT' && p.startsWith('/aliases/')) {
        alias = JSON.parse(body).collection_name
        return json(200, { name: 'sotay-search', collection_name: alias })
      }
      if (req.method === 'POST' && p === '/collections') return json(201, JSON.parse(body))
      if (req.method === 'POST' && p.endsWith('/documents/import')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        return res.end(
          body
            .split('\n')
            .filter(Boolean)
            .map((line) =>
              JSON.parse(line).id === 'documents:666'
                ? JSON.stringify({ success: false, error: 'Field `year` must be an int32.' })
                : JSON.stringify({ success: true }),
            )
            .join('\n'),
        )
      }
      if (req.method === 'DELETE' && /\/documents\/[^/]+$/.test(p)) {
        return p.endsWith('missing%3A1') || p.endsWith('missing:1')
          ? json(404, { message: 'Not found' })
          : json(200, { id: decodeURIComponent(p.split('/').pop()!) })
      }
      if (req.method === 'DELETE' && p.endsWith('/documents')) return json(200, { num_deleted: 2 })
      if (req.method === 'DELETE' && p.startsWith('/collections/')) return json(200, {})
      if (req.method === 'GET' && p.endsWith('/documents/export')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        return res.end(
          '{"id":"documents:1","content_hash":"abc"}\n{"id":"references:2","content_hash":"def"}',
        )
      }
      if (req.method === 'GET' && p.endsWith('/documents/search')) {
        return json(200, {
          found: 1,
          facet_counts: [{ field_name: 'collection', counts: [{ value: 'documents', count: 1 }] }],
          hits: [
            {
              document: {
                id: 'documents:1',
                collection: 'documents',
                item_id: 1,
                title: 'Nâng cao chất lượng đảng viên',
                summary: 'Nghị quyết chuyên đề',
                body: '',
                kind: 'nghi-quyet',
                audience: 'public',
                year: 2026,
                url: '/#/documents/1',
              },
              text_match: 1000,
            },
          ],
        })
      }
      json(404, { message: `unexpected ${req.method} ${p}` })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const sample = (id: number, title: string): SearchDocument =>
  toSearchDocument({
    collection: 'documents',
    doc: {
      id,
      _status: 'published',
      title,
      symbol: '01-NQ',
      kind: 'nghi-quyet',
      audience: 'public',
      issueDate: '2026-01-02',
    },
  })!

describe('Typesense backend at the HTTP level', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>
  let backend: ReturnType<typeof typesenseBackend>

  beforeAll(async () => {
    recorder = await startRecorder()
    backend = typesenseBackend({ urls: `${recorder.url},${recorder.url}`, apiKey: 'admin-key-123' })
  })
  afterAll(async () => {
    await recorder.close()
  })

  const last = (method: string, pathPart: string) =>
    [...recorder.requests].reverse().find((r) => r.method === method && r.path.includes(pathPart))!

  it('should create the schema behind an alias on first start', async () => {
    await backend.init()
    const create = recorder.requests.find((r) => r.method === 'POST' && r.path === '/collections')!
    const schema = JSON.parse(create.body)
    expect(schema.name).toMatch(/^sotay-search-\d+$/)
    expect(schema.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining([
        'title_exact',
        'title_folded',
        'folded',
        'audience',
        'units',
        'collection',
        'expires_at',
      ]),
    )
    expect(schema.fields.find((f: { name: string }) => f.name === 'audience').facet).toBe(true)
    expect(JSON.parse(last('PUT', '/aliases/sotay-search').body)).toEqual({
      collection_name: schema.name,
    })
    expect(create.apiKey).toBe('admin-key-123')
  })

  it('should import with action=upsert, one JSON line per document, folded companions included', async () => {
    await backend.upsert([sample(1, 'Đảng viên trẻ'), sample(2, 'Thụy Khê')])
    const req = last('POST', '/documents/import')
    expect(req.path).toBe('/collections/sotay-search/documents/import')
    expect(req.query.get('action')).toBe('upsert')
    const lines = req.body.split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({
      id: 'documents:1',
      title_folded: 'dang vien tre',
      title_exact: 'đảng viên trẻ',
      audience: 'public',
    })
  })

  it('should report every document the import refused', async () => {
    await expect(backend.upsert([sample(5, 'Tốt'), sample(666, 'Hỏng')])).rejects.toThrow(
      /refused 1 of 2 documents: documents:666: Field `year` must be an int32/,
    )
  })

  it('should delete by id, ignoring ids that are already gone', async () => {
    await backend.remove(['documents:1', 'missing:1'])
    const deletes = recorder.requests.filter(
      (r) => r.method === 'DELETE' && r.path.includes('/documents/'),
    )
    expect(deletes.map((r) => decodeURIComponent(r.path))).toEqual([
      '/collections/sotay-search/documents/documents:1',
      '/collections/sotay-search/documents/missing:1',
    ])
  })

  it('should delete expired items with a filter', async () => {
    expect(await backend.removeExpired(1_800_000_000_000)).toBe(2)
    expect(last('DELETE', '/documents').query.get('filter_by')).toBe('expires_at:<=1800000000000')
  })

  it('should rebuild into a new collection and swap the alias, then drop the old one', async () => {
    const before = JSON.parse(last('PUT', '/aliases/').body).collection_name
    await new Promise((resolve) => setTimeout(resolve, 5))
    await backend.rebuild(async (upsert) => upsert([sample(3, 'Mới')]))
    const created = JSON.parse(
      [...recorder.requests]
        .reverse()
        .find((r) => r.method === 'POST' && r.path === '/collections')!.body,
    ).name
    expect(created).not.toBe(before)
    expect(last('POST', '/documents/import').path).toBe(`/collections/${created}/documents/import`)
    expect(JSON.parse(last('PUT', '/aliases/').body)).toEqual({ collection_name: created })
    expect(last('DELETE', `/collections/${before}`).path).toBe(`/collections/${before}`)
    // What the worker wrote to the old collection during the rebuild is carried over.
    const carried = last('GET', `/collections/${before}/documents/export`)
    expect(carried.query.get('filter_by')).toMatch(/^indexed_at:>=\d{13}$/)
    const imports = recorder.requests.filter(
      (r) => r.method === 'POST' && r.path === `/collections/${created}/documents/import`,
    )
    expect(
      imports
        .at(-1)!
        .body.split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual(['documents:1', 'references:2'])
  })

  it("should filter every search by the viewer's audience on the server", async () => {
    await backend.search({
      q: 'ĐẢNG VIÊN',
      page: 1,
      limit: 10,
      viewer: { kind: 'anonymous' },
      now: 1,
    })
    let query = last('GET', '/documents/search').query
    expect(query.get('q')).toBe('dang vien')
    expect(query.get('filter_by')).toBe('expires_at:>1 && audience:=public')
    expect(query.get('num_typos')).toBe('2')
    expect(query.get('prefix')).toBe('true')
    expect(query.get('sort_by')).toContain('_eval(title_exact:`đảng viên`)')
    await backend.search({
      q: 'x',
      page: 1,
      limit: 10,
      section: 'documents',
      viewer: { kind: 'member', unitPath: [4, 1] },
      now: 1,
    })
    query = recorder.requests.filter((r) => r.path.endsWith('/documents/search')).at(-2)!.query
    expect(query.get('filter_by')).toBe(
      'expires_at:>1 && (audience:=[public,members] || (audience:=units && units:=[4,1])) && collection:=`documents`',
    )
  })

  it('should map hits to the shared result shape', async () => {
    const result = await backend.search({
      q: 'dang vien',
      page: 1,
      limit: 10,
      viewer: { kind: 'staff' },
      now: 1,
    })
    expect(result).toEqual({
      total: 1,
      facets: { section: { documents: 1 } },
      hits: [
        {
          id: 'documents:1',
          collection: 'documents',
          itemId: 1,
          title: 'Nâng cao chất lượng đảng viên',
          snippet: 'Nghị quyết chuyên đề',
          kind: 'nghi-quyet',
          audience: 'public',
          year: 2026,
          url: '/#/documents/1',
          score: 1000,
        },
      ],
    })
    expect(last('GET', '/documents/search').query.get('filter_by')).toBe('expires_at:>1')
  })

  it('should list ids and hashes from an export', async () => {
    expect([...(await backend.listHashes())]).toEqual([
      ['documents:1', 'abc'],
      ['references:2', 'def'],
    ])
    expect(last('GET', '/documents/export').query.get('include_fields')).toBe('id,content_hash')
  })

  it('should make scoped search keys that embed the audience filter', () => {
    const searchKey = 'search-only-key-xyz'
    const key = backend.scopedKey(searchKey, { kind: 'member', unitPath: [7] }, 60)
    const decoded = Buffer.from(key, 'base64').toString('utf8')
    const digest = decoded.slice(0, 44)
    expect(decoded.slice(44, 48)).toBe(searchKey.slice(0, 4))
    const params = decoded.slice(48)
    expect(JSON.parse(params).filter_by).toBe(
      '(audience:=[public,members] || (audience:=units && units:=[7]))',
    )
    expect(createHmac('sha256', searchKey).update(params).digest('base64')).toBe(digest)
  })
})
