import type { CollectionAfterChangeHook, FieldHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { WORKFLOW_CONTEXT_KEY } from '../../../src/workflow/guards'
import { slugs } from '../../slugs'
import { idOf } from '../../../src/lib/ids'

export type Validity = 'in_force' | 'not_yet_in_force' | 'expired' | 'superseded'

type Successor = { id: number; title?: string; symbol?: string }

/**
 * The document that supersedes `id`, as the reader may see it. `supersedes` on the newer document
 * is the one stored link; "superseded by" is always read from it, so the two sides cannot disagree.
 */
export const findSuccessor = async (req: PayloadRequest, id: number): Promise<Successor | null> => {
  const cache = (req.context.successors ??= {}) as Record<number, Successor | null>
  if (id in cache) return cache[id]
  const { docs } = await req.payload.find({
    collection: slugs.documents,
    where: { and: [{ supersedes: { equals: id } }, { _status: { equals: 'published' } }] },
    depth: 0,
    limit: 1,
    req,
    overrideAccess: false,
    user: req.user,
    select: { title: true, symbol: true },
  })
  cache[id] = (docs[0] as Successor | undefined) ?? null
  return cache[id]
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
    ? 'Văn bản không thể thay thế chính nó (a document cannot supersede itself).'
    : true

/**
 * Setting "superseded by" on the older document writes `supersedes` on the newer one (and clears it
 * on the document that superseded this one before), so supersession can be set from either side.
 */
export const applySupersededBy: CollectionAfterChangeHook = async ({ doc, req, context }) => {
  const wanted = (context as { supersededByInput?: number | null }).supersededByInput
  if (wanted === undefined || req.context?.[WORKFLOW_CONTEXT_KEY] === 'link') return doc
  const current = await req.payload.find({
    collection: slugs.documents,
    where: { supersedes: { equals: doc.id } },
    depth: 0,
    limit: 10,
    req,
    overrideAccess: true,
    draft: true,
  })
  const link = async (targetId: number, supersedes: number | null) => {
    const latest = await req.payload.findByID({
      collection: slugs.documents,
      id: targetId,
      draft: true,
      depth: 0,
      req,
      overrideAccess: true,
      disableErrors: true,
    })
    if (!latest) throw new APIError(`Văn bản #${targetId} không tồn tại (document not found).`, 400)
    const previous = {
      action: req.context[WORKFLOW_CONTEXT_KEY],
      liveChange: req.context.liveChange,
    }
    const isLive = latest._status === 'published'
    req.context[WORKFLOW_CONTEXT_KEY] = 'link'
    req.context.liveChange = isLive
    try {
      // A pending draft takes the link with it; otherwise the live copy gets it directly.
      await req.payload.update({
        collection: slugs.documents,
        id: targetId,
        data: { supersedes },
        draft: !isLive,
        depth: 0,
        req,
        overrideAccess: true,
      })
    } finally {
      req.context[WORKFLOW_CONTEXT_KEY] = previous.action
      req.context.liveChange = previous.liveChange
    }
  }
  for (const other of current.docs) if (other.id !== wanted) await link(other.id, null)
  if (wanted != null && !current.docs.some((other) => other.id === wanted)) {
    if (wanted === doc.id)
      throw new APIError(
        'Văn bản không thể thay thế chính nó (a document cannot supersede itself).',
        400,
      )
    await link(wanted, doc.id)
  }
  return doc
}

/** Keeps the "superseded by" input for the afterChange hook; it is never stored on this document. */
export const captureSupersededBy: FieldHook = ({ value, context }) => {
  if (value !== undefined)
    (context as { supersededByInput?: number | null }).supersededByInput = idOf(value)
  return undefined
}
