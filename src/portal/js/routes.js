// Addresses of the portal: real paths (`/van-ban`, `/van-ban/12-nghi-quyet-05`, `/dang-nhap`), which
// the host serves with the same shell. Old `#/documents/12` and `#documents` links still work.

import { SECTION_SEGMENTS, urlWords } from './words.js'

/** @typedef {'documents' | 'orientations' | 'identified-pages' | 'references' | 'questions'} Slug */
/**
 * @typedef {{ view: 'home' }
 *   | { view: 'list', slug: Slug, params: URLSearchParams }
 *   | { view: 'item', slug: Slug, id: string }
 *   | { view: 'login' | 'forgot' | 'reset' | 'my-questions' | 'my-cell', params: URLSearchParams }
 *   | { view: 'not-found' }} Route
 */

/** @type {Record<string, Slug>} */
const SLUG_OF = SECTION_SEGMENTS
/** @type {Record<Slug, string>} */
export const SEGMENT_OF = /** @type {Record<Slug, string>} */ (
  Object.fromEntries(Object.entries(SECTION_SEGMENTS).map(([segment, slug]) => [slug, segment]))
)

/** @param {string} value @returns {value is Slug} */
export const isSlug = (value) => Object.prototype.hasOwnProperty.call(SEGMENT_OF, value)

/** The pages that are not a section's. */
export const PAGES = {
  login: '/dang-nhap',
  forgot: '/quen-mat-khau',
  reset: '/dat-lai-mat-khau',
  'my-questions': '/cau-hoi-cua-toi',
  'my-cell': '/chi-bo-cua-toi',
}
/** @type {Record<string, 'login' | 'forgot' | 'reset' | 'my-questions' | 'my-cell'>} */
const PAGE_OF = Object.fromEntries(
  Object.entries(PAGES).map(([view, path]) => [path, /** @type {any} */ (view)]),
)

/**
 * @param {Slug} slug
 * @param {string | number} id
 * @param {string} [words]  The item's title (documents: symbol and title).
 */
export const itemPath = (slug, id, words = '') => {
  const tail = urlWords(words)
  return `/${SEGMENT_OF[slug]}/${encodeURIComponent(String(id))}${tail ? `-${tail}` : ''}`
}

/** @param {Slug} slug @param {URLSearchParams} [params] */
export const listPath = (slug, params) => {
  const query = params ? params.toString() : ''
  return `/${SEGMENT_OF[slug]}${query ? `?${query}` : ''}`
}

const ITEM = /^\/([a-z-]+)\/(\d{1,12})(?:-[a-z0-9-]*)?\/?$/
const LIST = /^\/([a-z-]+)\/?$/

/**
 * Where an address leads.
 * @param {{ pathname: string, search: string, hash: string }} loc
 * @returns {Route}
 */
export const parseRoute = (loc) => {
  const params = new URLSearchParams(loc.search)
  // Old hash links: `#/documents/12` (items), `#documents` (the home page's sections).
  const legacyItem = /^#\/([a-z-]+)\/([^/?#]+)$/.exec(loc.hash)
  if (legacyItem && isSlug(legacyItem[1])) {
    try {
      return { view: 'item', slug: legacyItem[1], id: decodeURIComponent(legacyItem[2]) }
    } catch {
      return { view: 'not-found' }
    }
  }
  const legacyList = /^#\/?([a-z-]+)$/.exec(loc.hash)
  if (legacyList && isSlug(legacyList[1]) && loc.pathname === '/')
    return { view: 'list', slug: legacyList[1], params: new URLSearchParams() }
  if (loc.pathname === '/' || loc.pathname === '/index.html') return { view: 'home' }
  const page = PAGE_OF[loc.pathname.replace(/\/$/, '')]
  if (page) return { view: page, params }
  const item = ITEM.exec(loc.pathname)
  if (item && SLUG_OF[item[1]]) return { view: 'item', slug: SLUG_OF[item[1]], id: item[2] }
  const list = LIST.exec(loc.pathname)
  if (list && SLUG_OF[list[1]]) return { view: 'list', slug: SLUG_OF[list[1]], params }
  return { view: 'not-found' }
}

/** True for addresses the portal shows itself (everything else is a full page load). @param {URL} url */
export const isPortalUrl = (url) =>
  url.origin === location.origin &&
  !/^\/(admin|api|feeds|embed|oembed|_next)(\/|$|\.)/.test(url.pathname) &&
  !/\.[a-z0-9]{2,5}$/i.test(url.pathname) &&
  parseRoute(url).view !== 'not-found'
