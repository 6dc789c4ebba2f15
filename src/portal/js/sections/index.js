// The five sections, in menu order.

import { documents } from './documents.js'
import { identifiedPages } from './identified-pages.js'
import { orientations } from './orientations.js'
import { questions } from './questions.js'
import { references } from './references.js'

/** @type {Record<import('../routes.js').Slug, import('./common.js').SectionDef>} */
export const SECTIONS = {
  documents,
  orientations,
  'identified-pages': identifiedPages,
  references,
  questions,
}

/** @type {import('../routes.js').Slug[]} */
export const SLUGS = ['documents', 'orientations', 'identified-pages', 'references', 'questions']

/** @param {string} slug */
export const sectionName = (slug) =>
  Object.prototype.hasOwnProperty.call(SECTIONS, slug)
    ? SECTIONS[/** @type {import('../routes.js').Slug} */ (slug)].name
    : slug
