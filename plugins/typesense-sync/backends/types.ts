import type { SearchDocument } from '../types'

/** Who is asking: filters every query on the server. */
export type Viewer =
  { kind: 'anonymous' } | { kind: 'member'; unitPath: number[] } | { kind: 'staff' }

export type SearchQuery = {
  q: string
  section?: string
  kind?: string
  unit?: number
  year?: number
  page: number
  limit: number
  viewer: Viewer
  /** Epoch ms; items expired by then are never returned. */
  now: number
}

export type SearchHit = {
  id: string
  collection: string
  itemId: number
  title: string
  snippet: string
  kind: string | null
  audience: string
  year: number | null
  url: string
  score: number
}

export type SearchResult = {
  total: number
  hits: SearchHit[]
  facets: { section: Record<string, number> }
}

/** The one interface both backends implement, with the same query semantics and result shape. */
export type SearchBackend = {
  name: 'postgres' | 'typesense'
  /** Creates what the backend needs (idempotent). */
  init: () => Promise<void>
  upsert: (docs: SearchDocument[]) => Promise<void>
  remove: (ids: string[]) => Promise<void>
  /** Drops items whose expiry has passed. */
  removeExpired: (now: number) => Promise<number>
  search: (query: SearchQuery) => Promise<SearchResult>
  /** Every indexed id with its content hash, for reconcile. */
  listHashes: () => Promise<Map<string, string>>
  /** A full rebuild: `write` fills a fresh index that replaces the live one when it resolves. */
  rebuild: (
    write: (upsert: (docs: SearchDocument[]) => Promise<void>) => Promise<void>,
  ) => Promise<void>
  close: () => Promise<void>
}
