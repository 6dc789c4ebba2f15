import type { CollectionSlug, Field, PayloadRequest } from 'payload'

import { validations } from 'payload'

type Ref = { collection: string; id: unknown }

const refsOf = (value: unknown, relationTo: string | string[]): Ref[] => {
  const values = Array.isArray(value) ? value : [value]
  return values.flatMap((item): Ref[] => {
    if (item == null || item === '') return []
    if (Array.isArray(relationTo)) {
      const poly = item as { relationTo?: string; value?: unknown }
      return poly?.relationTo ? [{ collection: poly.relationTo, id: poly.value }] : []
    }
    const id = typeof item === 'object' ? (item as { id?: unknown }).id : item
    return [{ collection: relationTo, id }]
  })
}

/** The ids among `refs` that name no existing document. */
const missingRefs = async (refs: Ref[], req: PayloadRequest) => {
  const missing: Ref[] = []
  const byCollection = new Map<string, unknown[]>()
  for (const ref of refs)
    byCollection.set(ref.collection, [...(byCollection.get(ref.collection) ?? []), ref.id])
  for (const [collection, ids] of byCollection) {
    const { docs } = await req.payload.find({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      depth: 0,
      limit: ids.length,
      pagination: false,
      select: {},
      req,
      // Existence only; the field's own read access decides what a reader later sees.
      overrideAccess: true,
    })
    const found = new Set(docs.map((doc) => String(doc.id)))
    for (const id of ids) if (!found.has(String(id))) missing.push({ collection, id })
  }
  return missing
}

/**
 * Wraps a relationship/upload field's validation: after Payload's own checks, every referenced
 * document must exist. Without this a dangling id reaches the database's foreign key and the
 * client gets a 500 instead of a 400 that names the field.
 */
export const withRelationExists = (field: Field): Field => {
  if (field.type !== 'relationship' && field.type !== 'upload') return field
  const base =
    field.validate ?? (field.type === 'upload' ? validations.upload : validations.relationship)
  const validate = async (value: unknown, options: { event?: string; req: PayloadRequest }) => {
    const result = await (
      base as (v: unknown, o: unknown) => Promise<string | true> | string | true
    )(value, options)
    if (result !== true) return result
    if (options?.event === 'onChange' || value == null) return true
    const missing = await missingRefs(
      refsOf(value, field.relationTo as string | string[]),
      options.req,
    )
    if (missing.length === 0) return true
    return `Không tìm thấy mục được liên kết: ${missing.map((m) => `${m.collection} #${String(m.id)}`).join(', ')} (referenced item does not exist).`
  }
  return { ...field, validate } as Field
}
