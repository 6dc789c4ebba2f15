import type { CollectionSlug, Payload } from 'payload'

import { announceIndexChange, getSearchBackend } from './backend'
import { toSearchDocument } from './mapper'
import type { SearchDocument } from './types'

const BATCH = 500

type Progress = (info: { collection: string; done: number; total: number }) => void

/** Ids of published documents that a published document supersedes. */
/** Ids of the documents a published document supersedes (an internal look-up). */
export const supersededIds = async (payload: Payload) => {
  const { docs } = await payload.find({
    collection: 'documents' as CollectionSlug,
    where: { and: [{ _status: { equals: 'published' } }, { supersedes: { exists: true } }] },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { supersedes: true } as never,
  })
  return new Set(
    docs.map((doc) => Number((doc as { supersedes?: unknown }).supersedes)).filter(Boolean),
  )
}

/**
 * Every search document the database says should exist, in batches. Reads the live rows of each
 * collection (overrideAccess: the index keeps each item's audience and filters per query).
 */
export const expectedDocuments = async function* (
  payload: Payload,
  collections: string[],
  onProgress?: Progress,
): AsyncGenerator<SearchDocument[]> {
  const superseded = await supersededIds(payload)
  const now = Date.now()
  for (const collection of collections) {
    const published = { _status: { equals: 'published' } } as const
    const { totalDocs: total } = await payload.count({
      collection: collection as CollectionSlug,
      where: published,
      overrideAccess: true,
    })
    let done = 0
    let after = 0
    for (;;) {
      // Keyset pages (id > last id): each batch costs the same, however deep into the table.
      const res = await payload.find({
        collection: collection as CollectionSlug,
        where: { and: [published, { id: { greater_than: after } }] },
        depth: 0,
        limit: BATCH,
        pagination: false,
        sort: 'id',
        overrideAccess: true,
      })
      if (res.docs.length === 0) break
      after = res.docs[res.docs.length - 1].id as number
      const docs = res.docs
        .map((doc) =>
          toSearchDocument({
            collection,
            doc: doc as unknown as Record<string, unknown> & { id: number },
            isSuperseded: collection === 'documents' && superseded.has(doc.id as number),
            now,
          }),
        )
        .filter((doc): doc is SearchDocument => doc != null)
      done += res.docs.length
      onProgress?.({ collection, done, total: Math.max(total, done) })
      yield docs
      if (res.docs.length < BATCH) break
    }
    if (done === 0) onProgress?.({ collection, done: 0, total: 0 })
  }
}

/** Rebuilds the index from the database; searches keep answering while it runs. */
export const reindexAll = async (
  payload: Payload,
  collections: string[],
  onProgress?: Progress,
) => {
  let count = 0
  await getSearchBackend().rebuild(async (upsert) => {
    // The next batch is read while the last one is written.
    let writing: Promise<void> = Promise.resolve()
    for await (const docs of expectedDocuments(payload, collections, onProgress)) {
      await writing
      writing = upsert(docs)
      writing.catch(() => {}) // handled by the next await; not an unhandled rejection meanwhile
      count += docs.length
    }
    await writing
  })
  await announceIndexChange(payload)
  return count
}

export type DriftReport = { missing: string[]; stale: string[]; extra: string[]; repaired: boolean }

/**
 * Compares database and index by id and content hash; with `repair`, writes what is missing or
 * stale and removes what should not be there.
 */
export const reconcile = async (
  payload: Payload,
  collections: string[],
  { repair = true }: { repair?: boolean } = {},
): Promise<DriftReport> => {
  const backend = getSearchBackend()
  const indexed = await backend.listHashes()
  const missing: string[] = []
  const stale: string[] = []
  const toWrite: SearchDocument[] = []
  const expectedIds = new Set<string>()
  for await (const docs of expectedDocuments(payload, collections)) {
    for (const doc of docs) {
      expectedIds.add(doc.id)
      const hash = indexed.get(doc.id)
      if (hash === undefined) missing.push(doc.id)
      else if (hash !== doc.contentHash) stale.push(doc.id)
      else continue
      toWrite.push(doc)
    }
  }
  const extra = [...indexed.keys()].filter((id) => !expectedIds.has(id))
  if (repair) {
    for (let i = 0; i < toWrite.length; i += BATCH)
      await backend.upsert(toWrite.slice(i, i + BATCH))
    if (extra.length) await backend.remove(extra)
    if (toWrite.length || extra.length) await announceIndexChange(payload)
  }
  return { missing, stale, extra, repaired: repair }
}
