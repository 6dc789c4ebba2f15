import type { FieldHook, PayloadRequest } from 'payload'

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
    ? 'Văn bản không thể thay thế chính nó.'
    : true
