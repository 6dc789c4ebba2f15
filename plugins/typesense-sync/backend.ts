import type { Payload } from 'payload'

import { postgresBackend } from './backends/postgres'
import { typesenseBackend } from './backends/typesense'
import type { SearchBackend } from './backends/types'

let instance: SearchBackend | null = null
let factory: (() => SearchBackend) | null = null

/** TYPESENSE_URL selects Typesense; otherwise the index lives in PostgreSQL. */
export const defaultBackend = (): SearchBackend =>
  process.env.TYPESENSE_URL ? typesenseBackend() : postgresBackend()

export const setBackendFactory = (create: () => SearchBackend) => {
  factory = create
}

/** One backend per process, created on first use. */
export const getSearchBackend = (): SearchBackend => {
  instance ??= (factory ?? defaultBackend)()
  return instance
}

let indexChangeListener: ((payload: Payload) => Promise<void>) | null = null

export const setIndexChangeListener = (listener: ((payload: Payload) => Promise<void>) | null) => {
  indexChangeListener = listener
}

/**
 * Tells whoever keeps search answers (the host's public cache) that the index changed. Never
 * fails the write that was already made: a lost announcement only leaves answers until their age
 * limit, and the caller's write is what must succeed or be retried.
 */
export const announceIndexChange = async (payload: Payload) => {
  if (!indexChangeListener) return
  try {
    await indexChangeListener(payload)
  } catch (err) {
    payload.logger.warn({ msg: 'Search: could not announce an index change', err })
  }
}

export const closeSearchBackend = async () => {
  const current = instance
  instance = null
  await current?.close()
}
