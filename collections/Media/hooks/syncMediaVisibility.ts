import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  PayloadRequest,
  Where,
} from 'payload'

import { contentSlugs, slugs, type ContentSlug } from '../../slugs'
import { mediaUsage } from '../usage'
import { idOf } from '../../../src/lib/ids'

type Visibility = 'staff' | 'public' | 'members' | 'units'
type Audienced = { audience?: string | null; audienceUnits?: unknown[] | null }

const mediaIdsOf = (slug: string, doc: Record<string, unknown> | undefined): number[] => {
  const fields = mediaUsage[slug as ContentSlug] ?? []
  const ids = fields.flatMap((field) => {
    const value = doc?.[field]
    return (Array.isArray(value) ? value : [value]).map(idOf)
  })
  return ids.filter((id): id is number => id != null)
}

/**
 * The widest audience among the published items that use a file. A file no published item uses
 * is visible to staff only, so an upload never leaks before (or after) the item that carries it.
 */
export const computeMediaVisibility = async (
  mediaId: number,
  req: PayloadRequest,
): Promise<{ visibility: Visibility; visibleUnits: number[] }> => {
  const users: Audienced[] = []
  for (const slug of contentSlugs) {
    const fields = mediaUsage[slug]
    if (fields.length === 0) continue
    const where: Where = {
      and: [
        { _status: { equals: 'published' } },
        { or: fields.map((field) => ({ [field]: { in: [mediaId] } })) },
      ],
    }
    const { docs } = await req.payload.find({
      collection: slug,
      where,
      depth: 0,
      limit: 0,
      pagination: false,
      req,
      // Internal derivation over all items; nothing of it is returned to the caller.
      overrideAccess: true,
      select: { audience: true, audienceUnits: true },
    })
    users.push(...(docs as Audienced[]))
  }
  if (users.some((doc) => doc.audience === 'public'))
    return { visibility: 'public', visibleUnits: [] }
  if (users.some((doc) => doc.audience === 'members'))
    return { visibility: 'members', visibleUnits: [] }
  const units = new Set(users.flatMap((doc) => (doc.audienceUnits ?? []).map(idOf)))
  units.delete(null)
  if (units.size > 0) return { visibility: 'units', visibleUnits: [...units] as number[] }
  return { visibility: 'staff', visibleUnits: [] }
}

export const recomputeMediaVisibility = async (ids: number[], req: PayloadRequest) => {
  for (const id of new Set(ids)) {
    const next = await computeMediaVisibility(id, req)
    await req.payload.update({
      collection: slugs.media,
      // A where-update skips files deleted meanwhile instead of throwing NotFound.
      where: { id: { equals: id } },
      data: next,
      depth: 0,
      req,
      overrideAccess: true,
      context: { isMediaVisibilityUpdate: true },
    })
  }
}

export const syncMediaVisibilityAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  req,
}) => {
  const ids = [...mediaIdsOf(collection.slug, doc), ...mediaIdsOf(collection.slug, previousDoc)]
  if (ids.length > 0) await recomputeMediaVisibility(ids, req)
  return doc
}

export const syncMediaVisibilityAfterDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  req,
}) => {
  const ids = mediaIdsOf(collection.slug, doc)
  if (ids.length > 0) await recomputeMediaVisibility(ids, req)
  return doc
}
