import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { DEFAULT_QUEUE, SEARCH_TASK } from './defaults'
import { idOf } from '../../src/lib/ids'

/**
 * Queues sync jobs in the caller's transaction (`req`): the job row commits or rolls back with the
 * content. The hook never talks to the search engine: afterChange runs before the commit.
 */
export const queueSearchSync = (
  req: PayloadRequest,
  collection: string,
  ids: (number | null)[],
  queue = DEFAULT_QUEUE,
) => enqueue(req, queue, collection, ids)

const enqueue = async (
  req: PayloadRequest,
  queue: string,
  collection: string,
  ids: (number | null)[],
) => {
  for (const id of new Set(ids.filter((value): value is number => value != null))) {
    await req.payload.jobs.queue({
      task: SEARCH_TASK as never,
      queue,
      input: { collection, id } as never,
      req,
    })
  }
}

/**
 * Only saves that can change the live row queue a job: workflow steps that publish or unpublish
 * (`req.context.liveChange`), supersession links on live documents, and the system's own writes
 * (seed). Every other save is a draft
 * (see src/workflow/guards.ts), which leaves the published item and its index entry as they are.
 * Superseding a document changes whether the older one is current, so that one is queued too.
 */
export const enqueueSearchSync =
  (queue: string): CollectionAfterChangeHook =>
  async ({ collection, doc, previousDoc, req }) => {
    const touchesLive = Boolean(req.context?.liveChange) || !req.user
    if (!touchesLive) return doc
    const related =
      collection.slug === 'documents' ? [idOf(doc.supersedes), idOf(previousDoc?.supersedes)] : []
    await enqueue(req, queue, collection.slug, [doc.id, ...related])
    return doc
  }

export const enqueueSearchRemoval =
  (queue: string): CollectionAfterDeleteHook =>
  async ({ collection, doc, req }) => {
    const related = collection.slug === 'documents' ? [idOf(doc.supersedes)] : []
    await enqueue(req, queue, collection.slug, [doc.id, ...related])
    return doc
  }
