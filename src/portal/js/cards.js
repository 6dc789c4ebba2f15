// Item cards and the list call behind them (home page and section lists).

import { api } from './api.js'
import { el } from './dom.js'
import { TEXT } from './labels.js'
import { listUrl } from './queries.js'
import { itemPath } from './routes.js'
import { isDoc } from './sections/common.js'
import { SECTIONS } from './sections/index.js'
import { truncate } from './util.js'

/** @typedef {import('./routes.js').Slug} Slug */
/** @typedef {{ docs: import('./sections/common.js').Doc[], total: number, page: number, totalPages: number }} ListPage */

/**
 * One page of a section's published, current items as the signed-in reader (if any) may see them.
 * @param {Slug} slug
 * @param {{ page?: number, limit?: number, where?: string, signal?: AbortSignal }} [options]
 * @returns {Promise<ListPage>}
 */
export const fetchList = async (slug, { page = 1, limit = 12, where = '', signal } = {}) => {
  const data = await api(listUrl(slug, { page, limit, where }), { signal })
  const docs = data && Array.isArray(data.docs) ? data.docs.filter(isDoc) : []
  const total = data && typeof data.totalDocs === 'number' ? data.totalDocs : docs.length
  const totalPages = data && typeof data.totalPages === 'number' ? data.totalPages : 1
  return { docs, total, page, totalPages }
}

/**
 * @param {Slug} slug
 * @param {import('./sections/common.js').Doc} doc
 * @param {'h2' | 'h3'} [level]
 */
export const renderCard = (slug, doc, level = 'h3') => {
  const def = SECTIONS[slug]
  const id = String(doc.id)
  const badges = def.badges(doc).filter(Boolean)
  const meta = def.meta(doc)
  const summary = truncate(def.summary(doc))
  return el(
    'article',
    {
      className: `card ${def.cardClass ? def.cardClass(doc) : ''}`.trim(),
      attrs: { 'data-id': id },
    },
    [
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      el(level, { className: 'item-title' }, [
        el('a', {
          text: def.title(doc) || TEXT.untitled,
          attrs: { href: itemPath(slug, id, def.shareWords(doc)) },
        }),
      ]),
      meta ? el('p', { className: 'item-meta', text: meta }) : null,
      summary ? el('p', { className: 'item-summary', text: summary }) : null,
    ],
  )
}

/** Grey placeholders of a card's size while a list loads, so nothing below jumps. @param {number} n */
export const placeholders = (n) =>
  Array.from({ length: n }, () =>
    el('div', { className: 'card card-placeholder', attrs: { 'aria-hidden': 'true' } }),
  )
