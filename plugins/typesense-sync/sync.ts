import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { announceIndexChange, getSearchBackend } from './backend'
import { searchId, toSearchDocument } from './mapper'
import type { SearchDocument } from './types'

type Doc = Record<string, unknown> & { id: number }

/** Whether a published document has a published successor (then it is not current). */
const isSuperseded = async (payload: Payload, id: number, req?: PayloadRequest) => {
  const { totalDocs } = await payload.count({
    collection: 'documents' as CollectionSlug,
    where: { and: [{ supersedes: { equals: id } }, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/**
 * The search document an item should have right now, read from the database (the live row, never
 * a draft), or null when it should not be in the index.
 */
export const expectedSearchDocument = async (
  payload: Payload,
  collection: string,
  id: number,
  req?: PayloadRequest,
): Promise<SearchDocument | null> => {
  const doc = (await payload.findByID({
    collection: collection as CollectionSlug,
    id,
    depth: 0,
    draft: false,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as Doc | null
  const superseded =
    collection === 'documents' && doc ? await isSuperseded(payload, id, req) : false
  return toSearchDocument({ collection, doc, isSuperseded: superseded })
}

/**
 * Makes the index agree with the database for one item: upsert or remove by `<collection>:<id>`.
 * Idempotent, so a retried or duplicated job does no harm. Errors propagate to the job runner,
 * which retries with backoff.
 */
export const syncItem = async (payload: Payload, collection: string, id: number) => {
  const expected = await expectedSearchDocument(payload, collection, id)
  const backend = getSearchBackend()
  if (expected) await backend.upsert([expected])
  else await backend.remove([searchId(collection, id)])
  await announceIndexChange(payload)
  return expected ? 'upserted' : 'removed'
}
