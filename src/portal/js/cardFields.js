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
