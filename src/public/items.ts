import type { CollectionSlug, Payload, Where } from 'payload'

import { documentKinds } from '../../collections/Documents'
import { supersededIds } from '../../plugins/typesense-sync/maintenance'
import { type ContentSlug, contentSlugs, slugs } from '../../collections/slugs'
import { idOf, isRowId } from '../lib/ids'
import { SECTION_SEGMENTS, urlWords } from '../portal/js/words.js'

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
  /** Audio to download with the item (orientation audio, podcast references); absolute URLs. */
  enclosures: Enclosure[]
}

export type Enclosure = {
  url: string
  /** MIME type, e.g. audio/mpeg. */
  type: string
  /** Size in bytes. */
  length: number
  title?: string
  /** Seconds, when known. */
  duration?: number
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

const SEGMENT_OF = Object.fromEntries(
  Object.entries(SECTION_SEGMENTS).map(([segment, slug]) => [slug, segment]),
) as Record<ContentSlug, string>

/** The shareable path of an item (`/van-ban/12-nghi-quyet-05`), as the portal writes it too. */
export const itemPath = (collection: ContentSlug, id: number, title: string) => {
  const words = urlWords(title)
  return `/${SEGMENT_OF[collection]}/${id}${words ? `-${words}` : ''}`
}

/** The portal's page for an item (absolute): its shareable path, which previews in Zalo or Facebook. */
export const itemUrl = (collection: ContentSlug, id: number, title: string) =>
  `${serverUrl()}${itemPath(collection, id, title)}`

type Doc = Record<string, unknown> & { id: number }

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF)
 * and DEL and the C1 controls, which no reader displays. Everything else, Vietnamese included, is
 * kept; text is normalised to NFC so composed and decomposed input read the same.
 */
const ILLEGAL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export const cleanText = (value: string) => value.normalize('NFC').replace(ILLEGAL_CHARS, '')

const text = (value: unknown) => (typeof value === 'string' ? cleanText(value).trim() : '')

/** The stored HTML with internal links made absolute (feeds are read on other sites). */
const html = (value: unknown) =>
  text(value).replace(/(\s(?:href|src)=")\/(?!\/)/g, `$1${serverUrl()}/`)
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
    html: html(doc.bodyHtml),
    kind: text(doc.kind) || null,
    topics: [],
  }),
  orientations: (doc) => ({
    title: text(doc.title),
    summary: (Array.isArray(doc.keyMessages) ? doc.keyMessages : [])
      .map((m) => text((m as { text?: unknown }).text))
      .filter(Boolean)
      .join('\n'),
    html: html(doc.talkingPointsHtml),
    kind: text(doc.period) || null,
    topics: text(doc.topic) ? [text(doc.topic)] : [],
  }),
  'identified-pages': (doc) => ({
    title: text(doc.name),
    summary: text(doc.reason),
    html: html(doc.descriptionHtml),
    kind: text(doc.classification) || null,
    topics: [],
  }),
  references: (doc) => ({
    title: text(doc.title),
    summary: text(doc.summary),
    html: html(doc.descriptionHtml),
    kind: text(doc.kind) || null,
    topics: (Array.isArray(doc.topics) ? doc.topics : []).map(text).filter(Boolean),
  }),
  questions: (doc) => ({
    title: text(doc.title),
    summary: text(doc.question),
    html: html(doc.answerHtml),
    // Questions have no kind of their own (their topic is in `topics`).
    kind: null,
    topics: text(doc.topic) ? [text(doc.topic)] : [],
  }),
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
    const superseded = [...(await supersededIds(payload))]
    if (superseded.length) and.push({ id: { not_in: superseded } })
  }
  if (collection === slugs.questions) and.push({ isFaq: { equals: true } })
  return { and }
}

/** Stored values of each section's `kind` (documents' kind, orientations' period, …). */
export const kindValues: Record<ContentSlug, readonly string[]> = {
  documents: documentKinds.map((option) => option.value),
  orientations: ['month', 'week'],
  'identified-pages': ['official', 'hostile'],
  references: ['book', 'article', 'video', 'podcast', 'other'],
  questions: [],
}

/** The field each section's `kind` is read from; questions have none. */
const kindField: Record<ContentSlug, string | null> = {
  documents: 'kind',
  orientations: 'period',
  'identified-pages': 'classification',
  references: 'kind',
  questions: null,
}

/** The field(s) holding topics; documents and identified pages have none. */
const topicField: Record<ContentSlug, { name: string; hasMany: boolean } | null> = {
  documents: null,
  orientations: { name: 'topic', hasMany: false },
  'identified-pages': null,
  references: { name: 'topics', hasMany: true },
  questions: { name: 'topic', hasMany: false },
}

export type ItemFilters = {
  /** One of the section's kinds (`kindValues`); sections without that kind are left out. */
  kind?: string
  /** A topic, matched exactly (after NFC); sections without topics are left out. */
  topic?: string
}

/**
 * The extra condition of the filters in one section, or `false` when the section cannot match
 * (a kind it does not have, a topic filter on a section without topics).
 */
export const filterWhere = (
  collection: ContentSlug,
  { kind, topic }: ItemFilters,
): Where | null | false => {
  const and: Where[] = []
  if (kind !== undefined) {
    const field = kindField[collection]
    if (!field || !kindValues[collection].includes(kind)) return false
    and.push({ [field]: { equals: kind } })
  }
  if (topic !== undefined) {
    const field = topicField[collection]
    if (!field) return false
    const value = topic.normalize('NFC').trim()
    and.push({ [field.name]: field.hasMany ? { in: [value] } : { equals: value } })
  }
  return and.length ? { and } : null
}

/**
 * Only the fields the read path shows (and the rich text its HTML is rendered from): the private
 * ones (asker, unit, authors) are never read, and the documents' validity hooks (a query each)
 * do not run.
 */
const selectOf: Record<ContentSlug, Record<string, true>> = {
  documents: { title: true, symbol: true, summary: true, body: true, bodyHtml: true, kind: true },
  orientations: {
    title: true,
    keyMessages: true,
    talkingPoints: true,
    talkingPointsHtml: true,
    period: true,
    topic: true,
    audio: true,
  },
  'identified-pages': {
    name: true,
    reason: true,
    description: true,
    descriptionHtml: true,
    classification: true,
  },
  references: {
    title: true,
    summary: true,
    description: true,
    descriptionHtml: true,
    kind: true,
    topics: true,
    file: true,
    duration: true,
  },
  questions: {
    title: true,
    question: true,
    answer: true,
    answerHtml: true,
    topic: true,
  },
}
const commonSelect = { audience: true, updatedAt: true, createdAt: true, _status: true }

/** The upload that is downloadable audio of an item, if any. */
const audioOf = (collection: ContentSlug, doc: Doc): number | null => {
  if (collection === slugs.orientations) return idOf(doc.audio)
  if (collection === slugs.references && doc.kind === 'podcast') return idOf(doc.file)
  return null
}

type MediaRow = {
  id: number
  url?: string
  filename?: string
  filesize?: number
  mimeType?: string
  visibility?: string
}

/**
 * Enclosures of the items' audio files: only audio, and only files readable by the same audience
 * (media visibility follows the widest published item that uses it), so a link never leads to a
 * refusal.
 */
const loadEnclosures = async (
  payload: Payload,
  rows: { collection: ContentSlug; doc: Doc }[],
  audience: ReaderAudience,
): Promise<Map<number, Enclosure>> => {
  const ids = [...new Set(rows.map(({ collection, doc }) => audioOf(collection, doc)))].filter(
    (id): id is number => id != null,
  )
  const found = new Map<number, Enclosure>()
  if (!ids.length) return found
  const { docs } = await payload.find({
    collection: slugs.media as CollectionSlug,
    where: {
      and: [
        { id: { in: ids } },
        { visibility: { in: audience === 'public' ? ['public'] : ['public', 'members'] } },
      ],
    },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    select: {
      url: true,
      filename: true,
      filesize: true,
      mimeType: true,
      visibility: true,
    } as never,
  })
  for (const media of docs as unknown as MediaRow[]) {
    if (!media.mimeType?.startsWith('audio/') || !media.url) continue
    // Payload answers with an absolute URL when its serverURL is set: re-based on SERVER_URL.
    const path = media.url.replace(/^https?:\/\/[^/]+/, '')
    found.set(media.id, {
      url: new URL(`${serverUrl()}${path.startsWith('/') ? '' : '/'}${path}`).toString(),
      type: media.mimeType,
      length: Number(media.filesize) || 0,
      ...(media.filename ? { title: text(media.filename) } : {}),
    })
  }
  return found
}

const toItem = (
  collection: ContentSlug,
  doc: Doc,
  enclosures: Map<number, Enclosure> = new Map(),
): PublicItem => {
  const audioId = audioOf(collection, doc)
  const enclosure = audioId != null ? enclosures.get(audioId) : undefined
  const duration = Number(doc.duration)
  const shaped = shape[collection](doc)
  return {
    collection,
    id: doc.id,
    ...shaped,
    url: itemUrl(collection, doc.id, shaped.title),
    // The main row changes only when a version goes live (drafts are saved as versions, and
    // unpublishing takes the item off this path), so its updatedAt is when the current version
    // was published.
    publishedAt: iso(doc.updatedAt),
    updatedAt: iso(doc.updatedAt),
    audience: doc.audience === 'members' ? 'members' : 'public',
    enclosures: enclosure
      ? [
          {
            ...enclosure,
            ...(Number.isFinite(duration) && duration > 0
              ? { duration: Math.round(duration) }
              : {}),
          },
        ]
      : [],
  }
}

/** Never read on this path (who asked, who edited, workflow internals). */
const PRIVATE_FIELDS = new Set(['askedBy', 'unit', 'answeredBy', 'createdBy', 'lastEditedBy'])

const findRows = async (
  payload: Payload,
  collection: ContentSlug,
  where: Where,
  limit: number,
): Promise<Doc[]> => {
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    where,
    depth: 0,
    limit,
    sort: ['-updatedAt', '-id'],
    overrideAccess: true,
    select: { ...selectOf[collection], ...commonSelect } as never,
  })
  return docs.map((doc) => {
    for (const field of PRIVATE_FIELDS) delete (doc as unknown as Record<string, unknown>)[field]
    return doc as unknown as Doc
  })
}

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
    filters = {},
  }: {
    collections?: ContentSlug[]
    audience?: ReaderAudience
    limit?: number
    /** Extra conditions per section. */
    where?: (collection: ContentSlug) => Where | null
    /** Kind and topic filters (see `filterWhere`). */
    filters?: ItemFilters
  } = {},
): Promise<PublicItem[]> => {
  const now = new Date()
  const perSection = await Promise.all(
    collections.map(async (collection) => {
      const filter = filterWhere(collection, filters)
      if (filter === false) return []
      const conditions = [
        await currentWhere(payload, collection, audience, now),
        filter,
        extra?.(collection) ?? null,
      ].filter((where): where is Where => where != null)
      const docs = await findRows(payload, collection, { and: conditions }, limit)
      return docs.map((doc) => ({ collection, doc }))
    }),
  )
  const rows = perSection
    .flat()
    .sort(
      (a, b) =>
        iso(b.doc.updatedAt).localeCompare(iso(a.doc.updatedAt)) ||
        b.collection.localeCompare(a.collection) ||
        b.doc.id - a.doc.id,
    )
    .slice(0, limit)
  const enclosures = await loadEnclosures(payload, rows, audience)
  return rows.map(({ collection, doc }) => toItem(collection, doc, enclosures))
}

/** One current item, or null when it does not exist or is not current for this audience. */
export const findCurrentItem = async (
  payload: Payload,
  collection: ContentSlug,
  id: number,
  audience: ReaderAudience = 'public',
): Promise<PublicItem | null> => {
  // A number beyond PostgreSQL's integer is no item (and would fail the query).
  if (!isRowId(id)) return null
  const base = await currentWhere(payload, collection, audience)
  const [doc] = await findRows(payload, collection, { and: [base, { id: { equals: id } }] }, 1)
  if (!doc) return null
  const enclosures = await loadEnclosures(payload, [{ collection, doc }], audience)
  return toItem(collection, doc, enclosures)
}
