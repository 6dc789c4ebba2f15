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

export const closeSearchBackend = async () => {
  const current = instance
  instance = null
  await current?.close()
}
