import { createHash } from 'node:crypto'

import { lexicalToPlainText } from './plainText'
import type { SearchDocument } from './types'

type Doc = Record<string, unknown> & { id: number }

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const time = (value: unknown) => {
  if (!value) return null
  const ms = new Date(String(value)).getTime()
  return Number.isFinite(ms) ? ms : null
}
const yearOf = (value: unknown) => {
  const ms = time(value)
  return ms == null ? null : new Date(ms).getUTCFullYear()
}
const idsOf = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [])
    .map((item) => Number(typeof item === 'object' && item ? (item as { id?: unknown }).id : item))
    .filter((id) => Number.isInteger(id))

/** What each section contributes to the index. */
const sections: Record<
  string,
  (doc: Doc) => Pick<SearchDocument, 'title' | 'summary' | 'body' | 'kind' | 'year' | 'date'> & {
    expiresAt?: number | null
  }
> = {
  documents: (doc) => ({
    title: `${text(doc.title)}`,
    summary: [text(doc.symbol), text(doc.summary)].filter(Boolean).join(' — '),
    body: [text(doc.issuingBody), lexicalToPlainText(doc.body)].filter(Boolean).join('\n'),
    kind: text(doc.kind) || null,
    year: yearOf(doc.issueDate),
    date: time(doc.issueDate),
    expiresAt: time(doc.expiryDate),
  }),
  orientations: (doc) => ({
    title: text(doc.title),
    summary: [
      text(doc.topic),
      ...(Array.isArray(doc.keyMessages) ? doc.keyMessages : []).map((m) =>
        text((m as { text?: unknown }).text),
      ),
    ]
      .filter(Boolean)
      .join('\n'),
    body: lexicalToPlainText(doc.talkingPoints),
    kind: text(doc.period) || null,
    year: yearOf(doc.periodStart),
    date: time(doc.periodStart),
  }),
  'identified-pages': (doc) => ({
    title: text(doc.name),
    summary: text(doc.reason),
    body: [text(doc.url), lexicalToPlainText(doc.description)].filter(Boolean).join('\n'),
    kind: text(doc.classification) || null,
    year: yearOf(doc.firstSeen ?? doc.createdAt),
    date: time(doc.lastVerified ?? doc.firstSeen ?? doc.createdAt),
  }),
  references: (doc) => ({
    title: text(doc.title),
    summary: text(doc.summary),
    body: [
      text(doc.author),
      text(doc.publisher),
      (Array.isArray(doc.topics) ? doc.topics : []).join(', '),
      lexicalToPlainText(doc.description),
    ]
      .filter(Boolean)
      .join('\n'),
    kind: text(doc.kind) || null,
    year: typeof doc.year === 'number' ? doc.year : yearOf(doc.createdAt),
    date: time(doc.createdAt),
  }),
  questions: (doc) => ({
    title: text(doc.title),
    summary: text(doc.question),
    body: lexicalToPlainText(doc.answer),
    kind: text(doc.topic) || null,
    year: yearOf(doc.createdAt),
    date: time(doc.createdAt),
  }),
}

export const searchId = (collection: string, id: number | string) => `${collection}:${id}`

export const hashSearchDocument = (doc: Omit<SearchDocument, 'contentHash'>) =>
  createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 32)

/**
 * The search document of a stored item, or null when the item must not be in the index: not
 * published, a question that is not a public FAQ, an expired or superseded document.
 * Pure: everything it needs is passed in.
 */
export const toSearchDocument = ({
  collection,
  doc,
  isSuperseded = false,
  now = Date.now(),
}: {
  collection: string
  doc: Doc | null | undefined
  isSuperseded?: boolean
  now?: number
}): SearchDocument | null => {
  if (!doc || doc._status !== 'published') return null
  const section = sections[collection]
  if (!section) return null
  if (collection === 'questions' && doc.isFaq !== true) return null
  if (isSuperseded) return null
  const { expiresAt = null, ...fields } = section(doc)
  if (expiresAt != null && expiresAt <= now) return null
  const audience =
    (['public', 'members', 'units'] as const).find((a) => a === doc.audience) ?? 'members'
  const base: Omit<SearchDocument, 'contentHash'> = {
    id: searchId(collection, doc.id),
    collection,
    itemId: doc.id,
    ...fields,
    units: audience === 'units' ? idsOf(doc.audienceUnits) : [],
    audience,
    expiresAt,
    url: `/#/${collection}/${doc.id}`,
  }
  return { ...base, contentHash: hashSearchDocument(base) }
}
