import type { FieldHook, PayloadRequest } from 'payload'

import { slugs } from '../../slugs'
import { idOf } from '../../../src/lib/ids'

export type Validity = 'in_force' | 'not_yet_in_force' | 'expired' | 'superseded'

type Successor = { id: number; title?: string; symbol?: string }

/**
 * The document that supersedes `id`, as the reader may see it. `supersedes` on the newer document
 * is the one stored link; "superseded by" is always read from it, so the two sides cannot disagree.
 *
 * Read for every document of a list (three virtual fields each), so the successors the reader may
 * see are loaded once per request, in one query, and shared by all of them.
 */
export const findSuccessor = async (req: PayloadRequest, id: number): Promise<Successor | null> => {
  let successors = successorsByRequest.get(req)
  if (!successors) {
    successors = loadSuccessors(req)
    successorsByRequest.set(req, successors)
  }
  return (await successors).get(id) ?? null
}

/**
 * Per request, not on `req.context`: Payload gives each nested operation (the look-up below is
 * one) a fresh context object, so a cache there was dropped after the first document and the two
 * queries ran again for nearly every document of a list (53 statements for a 12-card list).
 */
const successorsByRequest = new WeakMap<PayloadRequest, Promise<Map<number, Successor>>>()

const loadSuccessors = async (req: PayloadRequest): Promise<Map<number, Successor>> => {
  // Which published documents supersede which (an internal look-up: nothing of it is returned)...
  const { docs: links } = await req.payload.find({
    collection: slugs.documents,
    where: { and: [{ supersedes: { exists: true } }, { _status: { equals: 'published' } }] },
    depth: 0,
    limit: 0,
    pagination: false,
    sort: '-createdAt',
    req,
    overrideAccess: true,
    select: { supersedes: true },
  })
  const successors = new Map<number, Successor>()
  if (links.length === 0) return successors
  // ...then, of those, the ones this reader may see, as they see them.
  // (in chunks: a where list is bounded by MAX_WHERE_VALUES)
  const readable: Successor[] = []
  for (let i = 0; i < links.length; i += 400) {
    const { docs } = await req.payload.find({
      collection: slugs.documents,
      where: { id: { in: links.slice(i, i + 400).map((doc) => doc.id) } },
      depth: 0,
      limit: 0,
      pagination: false,
      req,
      overrideAccess: false,
      user: req.user,
      select: { title: true, symbol: true },
    })
    readable.push(...(docs as Successor[]))
  }
  const visible = new Map(readable.map((doc) => [doc.id, doc]))
  for (const link of links) {
    const superseded = idOf(link.supersedes)
    const successor = visible.get(link.id)
    // Newest first: if two documents supersede the same one, the newer one is its successor.
    if (superseded != null && successor && !successors.has(superseded))
      successors.set(superseded, {
        id: successor.id,
        title: successor.title,
        symbol: successor.symbol,
      })
  }
  return successors
}

export const computeValidity = ({
  effectiveDate,
  expiryDate,
  hasSuccessor,
  now = new Date(),
}: {
  effectiveDate?: string | null
  expiryDate?: string | null
  hasSuccessor: boolean
  now?: Date
}): Validity => {
  if (hasSuccessor) return 'superseded'
  if (expiryDate && new Date(expiryDate) <= now) return 'expired'
  if (effectiveDate && new Date(effectiveDate) > now) return 'not_yet_in_force'
  return 'in_force'
}

export const readSupersededBy: FieldHook = async ({ data, req }) => {
  const id = idOf(data?.id)
  return id ? ((await findSuccessor(req, id))?.id ?? null) : null
}

export const readValidity: FieldHook = async ({ data, req }) => {
  const id = idOf(data?.id)
  const successor = id ? await findSuccessor(req, id) : null
  return computeValidity({
    effectiveDate: data?.effectiveDate,
    expiryDate: data?.expiryDate,
    hasSuccessor: Boolean(successor),
  })
}

export const readSuccessor: FieldHook = async ({ data, req }) => {
  const id = idOf(data?.id)
  const successor = id ? await findSuccessor(req, id) : null
  if (!successor) return null
  return {
    id: successor.id,
    title: successor.title ?? null,
    symbol: successor.symbol ?? null,
    url: `/api/${slugs.documents}/${successor.id}`,
  }
}

/** A document cannot supersede itself. */
export const validateSupersedes = (value: unknown, { id }: { id?: number | string }) =>
  idOf(value) != null && String(idOf(value)) === String(id)
    ? 'Văn bản không thể thay thế chính nó.'
    : true
