import type { CollectionSlug, Field, PayloadRequest } from 'payload'

import { validations } from 'payload'

/** Most items one relationship field may link to. */
const MAX_REFS = 1000

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
  for (const [collection, all] of byCollection) {
    // An id outside PostgreSQL's integer range (or not a number at all) names nothing; asking the
    // database would fail with a type error instead.
    const ids = all.filter((id) => {
      const isValid = /^[1-9]\d{0,9}$/.test(String(id)) && Number(id) <= 2_147_483_647
      if (!isValid) missing.push({ collection, id })
      return isValid
    })
    if (ids.length === 0) continue
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
    const refs = refsOf(value, field.relationTo as string | string[])
    if (refs.length > MAX_REFS)
      return `Quá nhiều mục liên kết (${refs.length}): tối đa ${MAX_REFS}.`
    const missing = await missingRefs(refs, options.req)
    if (missing.length === 0) return true
    return `Không tìm thấy mục được liên kết: ${missing
      .slice(0, 10)
      .map((m) => `${m.collection} #${String(m.id).slice(0, 24)}`)
      .join(', ')}${missing.length > 10 ? ` và ${missing.length - 10} mục khác` : ''}.`
  }
  return { ...field, validate } as Field
}
