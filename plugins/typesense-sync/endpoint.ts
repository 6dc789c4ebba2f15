import type { Endpoint, PayloadRequest } from 'payload'

import { getUnitAncestry, isStaff } from '../../src/access'
import { getSearchBackend } from './backend'
import type { SearchQuery, Viewer } from './backends/types'
import { MAX_LIMIT, MAX_QUERY_LENGTH } from './defaults'
import { foldedTokens } from './fold'

const ALLOWED = new Set(['q', 'section', 'kind', 'unit', 'year', 'page', 'limit'])

class BadQuery extends Error {}

const positiveInt = (
  name: string,
  raw: string | null,
  { min = 1, max = Number.MAX_SAFE_INTEGER } = {},
) => {
  if (raw == null || raw === '') return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new BadQuery(
      `"${name}" phải là số nguyên từ ${min} đến ${max} (${name} must be an integer in ${min}..${max}).`,
    )
  }
  return Number(raw)
}

/** Who is asking decides what can be found: anonymous → public, members → their audience, staff → all published. */
export const viewerOf = async (req: PayloadRequest): Promise<Viewer> => {
  if (!req.user) return { kind: 'anonymous' }
  if (isStaff(req.user)) return { kind: 'staff' }
  return { kind: 'member', unitPath: await getUnitAncestry(req) }
}

export const parseSearchQuery = (
  params: URLSearchParams,
  sections: string[],
): Omit<SearchQuery, 'viewer' | 'now'> => {
  for (const key of params.keys()) {
    if (!ALLOWED.has(key)) {
      throw new BadQuery(
        `Tham số không được hỗ trợ "${key}" (unknown parameter; use ${[...ALLOWED].join(', ')}).`,
      )
    }
  }
  const q = (params.get('q') ?? '').trim()
  if (!q) throw new BadQuery('Nhập từ khoá tìm kiếm (q is required).')
  if (q.length > MAX_QUERY_LENGTH) {
    throw new BadQuery(
      `Từ khoá quá dài: tối đa ${MAX_QUERY_LENGTH} ký tự (q is longer than ${MAX_QUERY_LENGTH} characters).`,
    )
  }
  if (foldedTokens(q).length === 0)
    throw new BadQuery('Từ khoá không có chữ hoặc số (q has no letters or digits).')
  const section = params.get('section') || undefined
  if (section && !sections.includes(section)) {
    throw new BadQuery(
      `Mảng không hợp lệ "${section}" (section must be one of ${sections.join(', ')}).`,
    )
  }
  const kind = params.get('kind') || undefined
  if (kind && !/^[\p{L}\p{N}_ -]{1,60}$/u.test(kind))
    throw new BadQuery('"kind" không hợp lệ (invalid kind).')
  return {
    q,
    section,
    kind,
    // Unit ids are PostgreSQL integers: a larger number is refused here, not by the database.
    unit: positiveInt('unit', params.get('unit'), { max: 2_147_483_647 }),
    year: positiveInt('year', params.get('year'), { min: 1900, max: 2100 }),
    page: positiveInt('page', params.get('page'), { max: 1000 }) ?? 1,
    limit: positiveInt('limit', params.get('limit'), { max: MAX_LIMIT }) ?? 10,
  }
}

/** `GET /api/search?q=&section=&kind=&unit=&year=&page=&limit=` */
export const searchEndpoint = (sections: string[]): Endpoint => ({
  path: '/search',
  method: 'get',
  handler: async (req) => {
    let query: Omit<SearchQuery, 'viewer' | 'now'>
    try {
      query = parseSearchQuery(new URL(req.url ?? '', 'http://localhost').searchParams, sections)
    } catch (err) {
      if (err instanceof BadQuery)
        return Response.json({ errors: [{ message: err.message }] }, { status: 400 })
      throw err
    }
    const result = await getSearchBackend().search({
      ...query,
      viewer: await viewerOf(req),
      now: Date.now(),
    })
    return Response.json(
      { query: query.q, page: query.page, limit: query.limit, ...result },
      { headers: { 'Cache-Control': req.user ? 'private, no-store' : 'public, max-age=30' } },
    )
  },
})

/**
 * `GET /api/search/key`: a Typesense search key scoped to the caller's audience (embedded
 * `filter_by`, one hour), for browser-side search-as-you-type straight against Typesense. Needs
 * TYPESENSE_SEARCH_KEY (a search-only key); the admin key never leaves the server.
 */
export const scopedKeyEndpoint: Endpoint = {
  path: '/search/key',
  method: 'get',
  handler: async (req) => {
    const backend = getSearchBackend() as ReturnType<typeof getSearchBackend> & {
      scopedKey?: (searchKey: string, viewer: Viewer, ttlSeconds?: number) => string
    }
    const searchKey = process.env.TYPESENSE_SEARCH_KEY
    if (backend.name !== 'typesense' || !backend.scopedKey || !searchKey) {
      return Response.json(
        {
          errors: [
            {
              message:
                'Tìm kiếm phía trình duyệt cần Typesense (browser-side search needs the Typesense backend and TYPESENSE_SEARCH_KEY).',
            },
          ],
        },
        { status: 404 },
      )
    }
    const ttlSeconds = 3600
    return Response.json(
      {
        key: backend.scopedKey(searchKey, await viewerOf(req), ttlSeconds),
        collection: process.env.TYPESENSE_COLLECTION || 'sotay-search',
        expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  },
}
