// What a card shows, per section: list calls select only these fields (no bodies). Shared by the
// portal's lists and the host's home answer (src/public/home.ts): no DOM here.

/** @type {Record<'documents' | 'orientations' | 'identified-pages' | 'references' | 'questions', string[]>} */
export const CARD_FIELDS = {
  // validity is computed from the dates: they come along.
  documents: [
    'title',
    'kind',
    'symbol',
    'issuingBody',
    'issueDate',
    'summary',
    'audience',
    'validity',
    'effectiveDate',
    'expiryDate',
  ],
  orientations: ['title', 'period', 'periodStart', 'topic', 'keyMessages', 'audience'],
  'identified-pages': ['name', 'platform', 'pageStatus', 'reason', 'classification', 'audience'],
  references: ['title', 'kind', 'author', 'publisher', 'year', 'summary', 'audience', 'duration'],
  questions: ['title', 'topic', 'question', 'audience'],
}

/** How many of each section the home page shows. */
export const HOME_LIMIT = 4

/** @param {string} collection @param {string[]} fields */
export const populate = (collection, fields) =>
  fields.map((field) => `&populate[${collection}][${field}]=true`).join('')

export const MEDIA = populate('media', [
  'url',
  'filename',
  'mimeType',
  'filesize',
  'width',
  'height',
  'alt',
  'caption',
  'sizes',
])

/** The query of an item page's call: depth and what to populate. */
export const DETAIL_QUERY = {
  documents: `depth=1${MEDIA}${populate('documents', ['title', 'symbol'])}`,
  orientations: `depth=1${MEDIA}${populate('documents', ['title', 'symbol'])}${populate('references', ['title'])}`,
  'identified-pages': `depth=1${MEDIA}${populate('references', ['title'])}${populate('orientations', ['title'])}`,
  references: `depth=1${MEDIA}`,
  questions: 'depth=0',
}

/** @param {keyof typeof DETAIL_QUERY} slug @param {string | number} id */
export const detailUrl = (slug, id) => `/api/${slug}/${id}?${DETAIL_QUERY[slug]}`

/** Extra conditions of every list call of a section: the questions lists show published FAQs only. */
const LIST_WHERE = { questions: '&where[isFaq][equals]=true' }

/** How many items a list page shows. */
export const PAGE_SIZE = 12

/**
 * A section list's call: one page of cards, newest first; `where` adds the filters' conditions.
 * @param {keyof typeof CARD_FIELDS} slug
 * @param {{ page?: number, limit?: number, where?: string }} [options]
 */
export const listUrl = (slug, { page = 1, limit = PAGE_SIZE, where = '' } = {}) =>
  `/api/${slug}?limit=${limit}&page=${page}&depth=0&sort=-updatedAt` +
  CARD_FIELDS[slug].map((field) => `&select[${field}]=true`).join('') +
  /** @type {Record<string, string>} */ (LIST_WHERE[slug] || '') +
  where
