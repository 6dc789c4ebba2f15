// What the section views share: badges, files, pictures, links to related items.

import { badge, el } from '../dom.js'
import { AUDIENCES, CLASSIFICATIONS } from '../labels.js'
import { itemPath } from '../routes.js'
import { formatBytes, localPath, str } from '../util.js'

/**
 * @typedef {Record<string, any>} Doc  An item as the API returns it (untrusted JSON).
 * @typedef {import('../dom.js').Child} Child
 * @typedef {{ param: string, label: string, options: Record<string, string>, where: (value: string) => string }} Filter
 * @typedef {object} SectionDef
 * @property {import('../routes.js').Slug} slug
 * @property {string} name  Short name (menu, facets).
 * @property {string} heading  The list page's heading.
 * @property {string} [note]  A line under the heading.
 * @property {string[]} cardFields  The card projection: list calls select only what a card shows.
 * @property {Filter[]} filters
 * @property {(d: Doc) => string} title
 * @property {(d: Doc) => string} meta
 * @property {(d: Doc) => string} summary
 * @property {(d: Doc) => Array<HTMLElement | null>} badges
 * @property {(d: Doc) => string} [cardClass]
 * @property {(d: Doc) => Child[]} detail
 * @property {(d: Doc) => string} shareWords  The words of its shareable path, as the server writes them.
 * @property {(d: Doc) => boolean} [shareable]  Extra rule on top of "public" (hostile pages: never).
 */

/** @param {Doc} doc */
export const audienceBadge = (doc) => badge(AUDIENCES[str(doc.audience)], 'badge-audience')

/** @param {Doc} doc */
export const classificationBadge = (doc) => {
  const c = CLASSIFICATIONS[str(doc.classification)]
  return c ? badge(c.label, c.className) : null
}

/** @param {unknown} value @returns {value is Doc} */
export const isDoc = (value) =>
  Boolean(value) &&
  typeof value === 'object' &&
  (typeof (/** @type {Doc} */ (value).id) === 'number' ||
    typeof (/** @type {Doc} */ (value).id) === 'string')

/** Populated upload fields only (an id alone means the reader may not see the file). @param {unknown} value */
export const mediaOf = (value) =>
  isDoc(value) && localPath(value.url) ? /** @type {Doc} */ (value) : null

/** @param {unknown} values */
export const mediaList = (values) =>
  Array.isArray(values) ? values.map(mediaOf).filter((m) => m !== null) : []

/** @type {Record<string, string>} */
const FILE_TYPES = {
  'application/pdf': 'PDF',
  'application/epub+zip': 'EPUB',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/zip': 'ZIP',
  'text/plain': 'Văn bản',
}

/** "PDF", "Ảnh JPEG", "Âm thanh MP3"… @param {Doc} media */
export const fileType = (media) => {
  const mime = str(media.mimeType).toLowerCase()
  if (FILE_TYPES[mime]) return FILE_TYPES[mime]
  const [kind, sub = ''] = mime.split('/')
  const name = sub.replace(/^x-/, '').replace('mpeg', 'mp3').toUpperCase()
  if (kind === 'image') return `Ảnh ${name}`
  if (kind === 'audio') return `Âm thanh ${name}`
  if (kind === 'video') return `Video ${name}`
  const ext = /\.([a-z0-9]{1,5})$/i.exec(str(media.filename))
  return ext ? ext[1].toUpperCase() : 'Tệp'
}

/** @param {Doc} media */
const fileName = (media) => str(media.filename) || 'tệp đính kèm'

/** One file to open or download, with its type and size. @param {Doc} media */
export const fileLink = (media) => {
  const href = /** @type {string} */ (localPath(media.url))
  const name = str(media.caption) || str(media.alt) || fileName(media)
  return el('li', { className: 'file' }, [
    el('a', {
      className: 'file-open',
      text: name,
      attrs: { href, target: '_blank', rel: 'noopener' },
    }),
    el('span', {
      className: 'file-meta',
      text: [fileType(media), formatBytes(media.filesize)].filter(Boolean).join(', '),
    }),
    el('a', {
      className: 'file-download',
      text: 'Tải về',
      attrs: { href, download: fileName(media), 'aria-label': `Tải về ${name}` },
    }),
  ])
}

/** @param {Doc[]} files */
export const fileList = (files) =>
  files.length ? el('ul', { className: 'files' }, files.map(fileLink)) : null

/**
 * A picture from sharp's sizes: `srcset` so a phone loads the 768 px version, lazy unless it is
 * the first thing on screen; width and height so nothing moves when it arrives.
 * @param {Doc} media
 * @param {{ eager?: boolean, sizes?: string, className?: string }} [options]
 */
export const picture = (
  media,
  { eager = false, sizes = '(max-width: 48rem) 100vw, 48rem', className } = {},
) => {
  if (!str(media.mimeType).startsWith('image/')) return null
  const src = /** @type {string} */ (localPath(media.url))
  const candidates = []
  const all = media.sizes && typeof media.sizes === 'object' ? media.sizes : {}
  for (const name of ['thumbnail', 'card', 'large']) {
    const size = all[name]
    const url = size && localPath(size.url)
    if (url && typeof size.width === 'number' && name !== 'thumbnail')
      candidates.push(`${url} ${size.width}w`)
  }
  if (typeof media.width === 'number') candidates.push(`${src} ${media.width}w`)
  /** @type {Record<string, string>} */
  const attrs = {
    src: (all.card && localPath(all.card.url)) || src,
    alt: str(media.alt),
    loading: eager ? 'eager' : 'lazy',
    decoding: 'async',
  }
  if (candidates.length > 1) {
    attrs.srcset = candidates.join(', ')
    attrs.sizes = sizes
  }
  if (typeof media.width === 'number' && typeof media.height === 'number') {
    attrs.width = String(media.width)
    attrs.height = String(media.height)
  }
  const caption = str(media.caption)
  return el('figure', { className: className || 'figure' }, [
    el('img', { attrs }),
    caption ? el('figcaption', { text: caption }) : null,
  ])
}

/** An audio or video player for a file, with a download link beside it. @param {Doc} media @param {string} label */
export const player = (media, label) => {
  const mime = str(media.mimeType)
  const kind = mime.startsWith('audio/') ? 'audio' : mime.startsWith('video/') ? 'video' : null
  if (!kind) return null
  const src = /** @type {string} */ (localPath(media.url))
  const node = el(kind, { attrs: { controls: '', preload: 'metadata', 'aria-label': label } }, [
    el('source', { attrs: { src, type: mime } }),
  ])
  return el('div', { className: `player player-${kind}` }, [node, fileList([media])])
}

/**
 * Links to related items the reader may open: only populated ones (an id alone is an item the
 * reader may not see, which is never named).
 * @param {import('../routes.js').Slug} slug
 * @param {unknown} values
 * @param {(d: Doc) => string} title
 */
export const relatedLinks = (slug, values, title) => {
  const docs = (Array.isArray(values) ? values : [values]).filter(isDoc)
  if (!docs.length) return null
  return el(
    'ul',
    { className: 'related' },
    docs.map((doc) =>
      el('li', {}, [
        el('a', {
          text: title(doc) || 'Không có tiêu đề',
          attrs: { href: itemPath(slug, doc.id, title(doc)) },
        }),
      ]),
    ),
  )
}
