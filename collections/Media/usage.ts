import type { ContentSlug } from '../slugs'

/** Upload fields of each section that point at `media`; media visibility is derived from them. */
export const mediaUsage: Record<ContentSlug, string[]> = {
  documents: ['attachments'],
  orientations: ['audio'],
  'identified-pages': ['evidence'],
  references: ['file', 'cover'],
  questions: [],
}
