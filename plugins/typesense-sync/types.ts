import type { Payload } from 'payload'

import type { SearchBackend } from './backends/types'

/** One published, current item as the search index holds it. */
export type SearchDocument = {
  /** `<collection>:<id>`: the idempotency key of every write. */
  id: string
  collection: string
  itemId: number
  title: string
  summary: string
  body: string
  kind: string | null
  units: number[]
  audience: 'public' | 'members' | 'units'
  year: number | null
  /** Epoch milliseconds. */
  date: number | null
  /** Epoch milliseconds; the item drops out of results (and the index) then. */
  expiresAt: number | null
  url: string
  contentHash: string
}

export type SearchSyncOptions = {
  /**
   * Collections to index, with the fields the mapper reads. Every one must have drafts.
   */
  collections: string[]
  /**
   * The backend, created once per process. Defaults to Typesense when TYPESENSE_URL is set and to
   * the PostgreSQL backend otherwise.
   */
  backend?: () => SearchBackend
  /**
   * Called after every write to the index (a sync job, a reconcile that repaired, a rebuild), once
   * it is visible to searches: lets caches of search answers (on every instance) be emptied.
   */
  onIndexChange?: (payload: Payload) => Promise<void>
  /**
   * Payload job queue the sync jobs go to.
   * @default 'search'
   */
  queue?: string
  /**
   * Retries of a failed sync job, with exponential backoff from `retryDelayMs`.
   * @default 12
   */
  retries?: number
  /**
   * First retry delay; each next one doubles.
   * @default 1000
   */
  retryDelayMs?: number
  /**
   * Keep the schema (the job task, the endpoint's route) but enqueue nothing.
   * @default false
   */
  disabled?: boolean
}
