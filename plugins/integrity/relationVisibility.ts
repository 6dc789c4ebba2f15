import type {
  CollectionSlug,
  Field,
  FieldHook,
  FlattenedField,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

import { APIError } from 'payload'

type Where = Record<string, unknown>

/** Whether the caller may see every linked item (staff): then nothing is hidden or rewritten. */
export type SeesAllRelations = (req: PayloadRequest) => boolean

const CONTEXT_KEY = 'readableRelations'
const CHUNK = 100

type Cache = {
  known: Map<string, Promise<boolean>>
  pending: Map<string, Map<string, (isReadable: boolean) => void>>
  isScheduled: boolean
}

const cacheOf = (req: PayloadRequest): Cache => {
  const context = req.context as Record<string, unknown>
  context[CONTEXT_KEY] ??= { known: new Map(), pending: new Map(), isScheduled: false }
  return context[CONTEXT_KEY] as Cache
}

const flush = async (req: PayloadRequest, cache: Cache) => {
  const batches = [...cache.pending.entries()]
  cache.pending = new Map()
  cache.isScheduled = false
  for (const [collection, waiting] of batches) {
    const ids = [...waiting.keys()]
    const found = new Set<string>()
    try {
      for (let start = 0; start < ids.length; start += CHUNK) {
        const chunk = ids.slice(start, start + CHUNK)
        const { docs } = await req.payload.find({
          collection: collection as CollectionSlug,
          where: { id: { in: chunk } },
          limit: chunk.length,
          depth: 0,
          select: {},
          req,
          // The reader's own access decides: this is the point of the check.
          overrideAccess: false,
          user: req.user,
        })
        for (const doc of docs) found.add(String(doc.id))
      }
    } catch (err) {
      // A collection the caller may not read at all answers 403: none of its items is readable.
      if ((err as { status?: number }).status !== 403)
        req.payload.logger.error({
          err,
          msg: `Could not check which ${collection} items are readable`,
        })
    }
    for (const [id, resolve] of waiting) resolve(found.has(id))
  }
}

/**
 * Whether the caller may read `collection` #id. Look-ups made while one response is assembled
 * are batched (one query per collection for a whole list) and remembered for the request.
 */
export const isReadable = (req: PayloadRequest, collection: string, id: unknown) => {
  const cache = cacheOf(req)
  const key = `${collection}:${String(id)}`
  const known = cache.known.get(key)
  if (known) return known
  const promise = new Promise<boolean>((resolve) => {
    const waiting = cache.pending.get(collection) ?? new Map()
    waiting.set(String(id), resolve)
    cache.pending.set(collection, waiting)
  })
  cache.known.set(key, promise)
  if (!cache.isScheduled) {
    cache.isScheduled = true
    setImmediate(() => void flush(req, cache))
  }
  return promise
}

type Link = number | string | { id?: unknown; relationTo?: string; value?: unknown } | null

/** Keeps a link only if the reader may open what it points to; a populated link already passed. */
const visibleLink = async (req: PayloadRequest, link: Link, relationTo: string | string[]) => {
  if (link == null) return link
  if (Array.isArray(relationTo)) {
    const poly = link as { relationTo?: string; value?: unknown }
    if (!poly.relationTo || poly.value == null) return null
    if (typeof poly.value === 'object') return link
    return (await isReadable(req, poly.relationTo, poly.value)) ? link : null
  }
  if (typeof link === 'object') return link
  return (await isReadable(req, relationTo, link)) ? link : null
}

/**
 * A reader sees a link only to an item they may read: otherwise even the bare id says that a
 * draft, a members-only or another unit's item exists (and depth=0 always answers with ids).
 */
export const hideUnreadableRelation =
  (relationTo: string | string[], seesAll: SeesAllRelations): FieldHook =>
  async ({ value, req, overrideAccess }) => {
    if (overrideAccess || value == null || seesAll(req)) return value
    if (Array.isArray(value)) {
      const links = await Promise.all(
        value.map((link) => visibleLink(req, link as Link, relationTo)),
      )
      return links.filter((link) => link != null)
    }
    return visibleLink(req, value as Link, relationTo)
  }

export const withHiddenUnreadable = (field: Field, seesAll: SeesAllRelations): Field => {
  if (field.type !== 'relationship' && field.type !== 'upload') return field
  const hook = hideUnreadableRelation(field.relationTo as string | string[], seesAll)
  return {
    ...field,
    hooks: { ...field.hooks, afterRead: [...(field.hooks?.afterRead ?? []), hook] },
  } as Field
}

const refuse = (message: string) => new APIError(message, 400, undefined, true)
const NOTHING: Where = { id: { equals: 0 } }

const relationField = (fields: FlattenedField[], path: string) => {
  const [head, ...rest] = path.split('.')
  const field = fields.find((candidate) => candidate.name === head)
  if (!field || (field.type !== 'relationship' && field.type !== 'upload')) return null
  return { field, isThrough: rest.length > 0 }
}

/**
 * Rewrites a reader's filter so that it cannot tell whether an item they may not read is linked
 * from one they may: links to unreadable items count as absent (`equals` them matches nothing,
 * `not_equals` them matches everything), while probes that would reveal more than that — ranges
 * over ids, existence of a link, conditions through a link into the linked item, sorting by a
 * link — are refused.
 */
export const rewriteRelationFilters = async (
  where: unknown,
  collection: Pick<SanitizedCollectionConfig, 'flattenedFields'>,
  req: PayloadRequest,
): Promise<unknown> => {
  if (where == null || typeof where !== 'object' || Array.isArray(where)) return where
  const parts: Where[] = []
  for (const [key, condition] of Object.entries(where as Where)) {
    // Payload reads `AND`, `Or`… as and/or too: a probe must not slip through in capitals.
    if (['and', 'or'].includes(key.toLowerCase()) && Array.isArray(condition)) {
      parts.push({
        [key]: await Promise.all(
          condition.map((child) => rewriteRelationFilters(child, collection, req)),
        ),
      })
      continue
    }
    const relation = relationField(collection.flattenedFields, key)
    if (!relation || condition == null || typeof condition !== 'object') {
      parts.push({ [key]: condition })
      continue
    }
    const { field, isThrough } = relation
    if (isThrough || Array.isArray(field.relationTo))
      throw refuse(`Không lọc được qua liên kết "${key}".`)
    const target = field.relationTo as string
    for (const [operator, operand] of Object.entries(condition as Where)) {
      const values = Array.isArray(operand)
        ? operand
        : typeof operand === 'string' && ['in', 'not_in', 'all'].includes(operator)
          ? operand.split(',')
          : [operand]
      const readable: unknown[] = []
      for (const value of values)
        if (value != null && (await isReadable(req, target, value))) readable.push(value)
      const hasHidden = readable.length < values.filter((value) => value != null).length
      switch (operator) {
        case 'equals':
        case 'in':
          parts.push(
            readable.length === 0 && values.some((value) => value != null)
              ? NOTHING
              : { [key]: { [operator]: operator === 'in' ? readable : operand } },
          )
          break
        case 'all':
          parts.push(hasHidden ? NOTHING : { [key]: { all: readable } })
          break
        case 'not_equals':
          if (!hasHidden) parts.push({ [key]: { not_equals: operand } })
          break
        case 'not_in':
          if (readable.length > 0) parts.push({ [key]: { not_in: readable } })
          break
        default:
          throw refuse(`Không lọc được theo liên kết "${key}" bằng "${operator}".`)
      }
    }
  }
  return parts.length === 1 ? parts[0] : { and: parts }
}

/** Sorting by a link orders rows by ids the reader may not know. */
export const checkRelationSort = (
  sort: unknown,
  collection: Pick<SanitizedCollectionConfig, 'flattenedFields'>,
) => {
  const keys = (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [])
    .map((key) => String(key).trim().replace(/^-/, ''))
    .filter(Boolean)
  for (const key of keys)
    if (relationField(collection.flattenedFields, key))
      throw refuse(`Không sắp xếp được theo liên kết "${key}".`)
}
