import type { CollectionSlug, Payload, Where } from 'payload'

import { type ContentSlug, contentSlugs, slugs } from '../../collections/slugs'

/**
 * The public read path's one view of the handbook: the *current* items an outside reader may see.
 * Feeds, embeds and oEmbed read only through here, so the rule lives in one place:
 * - published (the published version, never a draft saved over it);
 * - audience `public` (anonymous) or `public` + `members` (a trusted feed consumer); `units`
 *   audiences are never served on this path;
 * - documents: not expired (expiryDate in the past) and not superseded by a published document;
 * - questions: only those published as an FAQ (the asker's identity is never read).
 * Queries run with overrideAccess and this explicit rule (a consumer is not a Payload user).
 */
export type ReaderAudience = 'public' | 'members'

export type PublicItem = {
  collection: ContentSlug
  id: number
  title: string
  /** Plain text, no markup. */
  summary: string
  /** Sanitized HTML of the item's main rich text ('' when it has none). */
  html: string
  /** Absolute link to the item in the reader portal (SERVER_URL). */
  url: string
  /** ISO 8601 with time zone. */
  publishedAt: string
  updatedAt: string
  kind: string | null
  topics: string[]
  audience: ReaderAudience
}

/** Vietnamese section names, as the portal shows them. */
export const sectionTitles: Record<ContentSlug, string> = {
  documents: 'Văn bản của Đảng bộ',
  orientations: 'Định hướng công tác tư tưởng',
  'identified-pages': 'Nhận diện',
  references: 'Tài liệu tham khảo',
  questions: 'Hỏi – Đáp',
}

export const isContentSlug = (value: unknown): value is ContentSlug =>
  typeof value === 'string' && (contentSlugs as string[]).includes(value)

export const serverUrl = () =>
  (process.env.SERVER_URL || 'http://localhost:3000').replace(/\/+$/, '')

/** The portal's page for an item (absolute). */
export const itemUrl = (collection: ContentSlug, id: number) =>
  `${serverUrl()}/#/${collection}/${id}`

type Doc = Record<string, unknown> & { id: number }

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const iso = (value: unknown) => {
  const ms = new Date(String(value ?? '')).getTime()
  return Number.isFinite(ms) ? new Date(ms).toISOString() : new Date(0).toISOString()
}

/** Per section: title, plain summary, main HTML, kind and topics of a stored row. */
const shape: Record<
  ContentSlug,
  (doc: Doc) => Pick<PublicItem, 'title' | 'summary' | 'html' | 'kind' | 'topics'>
> = {
  documents: (doc) => ({
    title: [text(doc.symbol), text(doc.title)].filter(Boolean).join(' — '),
    summary: text(doc.summary),
    html: text(doc.bodyHtml),
    kind: text(doc.kind) || null,
    topics: [],
  }),
  orientations: (doc) => ({
    title: text(doc.title),
    summary: (Array.isArray(doc.keyMessages) ? doc.keyMessages : [])
      .map((m) => text((m as { text?: unknown }).text))
      .filter(Boolean)
      .join('\n'),
    html: text(doc.talkingPointsHtml),
    kind: text(doc.period) || null,
    topics: text(doc.topic) ? [text(doc.topic)] : [],
  }),
  'identified-pages': (doc) => ({
    title: text(doc.name),
    summary: text(doc.reason),
    html: text(doc.descriptionHtml),
    kind: text(doc.classification) || null,
    topics: [],
  }),
  references: (doc) => ({
    title: text(doc.title),
    summary: text(doc.summary),
    html: text(doc.descriptionHtml),
    kind: text(doc.kind) || null,
    topics: (Array.isArray(doc.topics) ? doc.topics : []).map(text).filter(Boolean),
  }),
  questions: (doc) => ({
    title: text(doc.title),
    summary: text(doc.question),
    html: text(doc.answerHtml),
    kind: text(doc.topic) || null,
    topics: text(doc.topic) ? [text(doc.topic)] : [],
  }),
}

/** Ids of documents a published document supersedes. */
const supersededDocumentIds = async (payload: Payload): Promise<number[]> => {
  const { docs } = await payload.find({
    collection: slugs.documents as CollectionSlug,
    where: { and: [{ _status: { equals: 'published' } }, { supersedes: { exists: true } }] },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { supersedes: true } as never,
  })
  return docs
    .map((doc) => Number((doc as { supersedes?: unknown }).supersedes))
    .filter((id) => Number.isInteger(id) && id > 0)
}

/** The where clause of "current for this audience" in one section. */
export const currentWhere = async (
  payload: Payload,
  collection: ContentSlug,
  audience: ReaderAudience,
  now = new Date(),
): Promise<Where> => {
  const and: Where[] = [
    { _status: { equals: 'published' } },
    audience === 'public'
      ? { audience: { equals: 'public' } }
      : { audience: { in: ['public', 'members'] } },
  ]
  if (collection === slugs.documents) {
    and.push({
      or: [{ expiryDate: { exists: false } }, { expiryDate: { greater_than: now.toISOString() } }],
    })
    const superseded = await supersededDocumentIds(payload)
    if (superseded.length) and.push({ id: { not_in: superseded } })
  }
  if (collection === slugs.questions) and.push({ isFaq: { equals: true } })
  return { and }
}

const toItem = (collection: ContentSlug, doc: Doc): PublicItem => ({
  collection,
  id: doc.id,
  ...shape[collection](doc),
  url: itemUrl(collection, doc.id),
  publishedAt: iso(doc.updatedAt),
  updatedAt: iso(doc.updatedAt),
  audience: doc.audience === 'members' ? 'members' : 'public',
})

/** Never read on this path (who asked, who edited, workflow internals). */
const PRIVATE_FIELDS = new Set(['askedBy', 'unit', 'answeredBy', 'createdBy', 'lastEditedBy'])

/**
 * The latest current items of some sections, newest first (by last publish), at most `limit`.
 */
export const listCurrentItems = async (
  payload: Payload,
  {
    collections = contentSlugs,
    audience = 'public',
    limit = 20,
    where: extra,
  }: {
    collections?: ContentSlug[]
    audience?: ReaderAudience
    limit?: number
    /** Extra conditions per section (filters such as kind or topic). */
    where?: (collection: ContentSlug) => Where | null
  } = {},
): Promise<PublicItem[]> => {
  const now = new Date()
  const perSection = await Promise.all(
    collections.map(async (collection) => {
      const base = await currentWhere(payload, collection, audience, now)
      const more = extra?.(collection)
      const { docs } = await payload.find({
        collection: collection as CollectionSlug,
        where: more ? { and: [base, more] } : base,
        depth: 0,
        limit,
        sort: '-updatedAt',
        overrideAccess: true,
      })
      return docs.map((doc) => {
        for (const field of PRIVATE_FIELDS)
          delete (doc as unknown as Record<string, unknown>)[field]
        return toItem(collection, doc as unknown as Doc)
      })
    }),
  )
  return perSection
    .flat()
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id)
    .slice(0, limit)
}

/** One current item, or null when it does not exist or is not current for this audience. */
export const findCurrentItem = async (
  payload: Payload,
  collection: ContentSlug,
  id: number,
  audience: ReaderAudience = 'public',
): Promise<PublicItem | null> => {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const base = await currentWhere(payload, collection, audience)
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    where: { and: [base, { id: { equals: id } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
  })
  return docs[0] ? toItem(collection, docs[0] as unknown as Doc) : null
}
