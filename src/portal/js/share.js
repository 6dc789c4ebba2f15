// Sharing a public item: the phone's share sheet (Zalo is offered there), Zalo, Facebook, copy link.
// Hostile identified pages and anything not public are never shared.

import { el, externalLink } from './dom.js'
import { itemPath } from './routes.js'
import { SECTIONS } from './sections/index.js'
import { str } from './util.js'

/**
 * @param {import('./routes.js').Slug} slug
 * @param {import('./sections/common.js').Doc} doc
 */
export const isShareable = (slug, doc) => {
  const def = SECTIONS[slug]
  return str(doc.audience) === 'public' && (!def.shareable || def.shareable(doc))
}

/**
 * @param {import('./routes.js').Slug} slug
 * @param {import('./sections/common.js').Doc} doc
 */
export const shareBox = (slug, doc) => {
  if (!isShareable(slug, doc)) return null
  const def = SECTIONS[slug]
  const title = def.title(doc)
  const url = `${location.origin}${itemPath(slug, doc.id, def.shareWords(doc))}`
  const done = el('span', { className: 'share-status', attrs: { role: 'status' } })
  const buttons = []
  if (typeof navigator.share === 'function') {
    const button = el('button', {
      className: 'share-button',
      text: 'Chia sẻ…',
      attrs: { type: 'button' },
    })
    button.addEventListener('click', () => {
      navigator.share({ title, url }).catch(() => {})
    })
    buttons.push(button)
  }
  const copy = el('button', {
    className: 'share-button',
    text: 'Sao chép liên kết',
    attrs: { type: 'button' },
  })
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url)
      done.textContent = 'Đã sao chép liên kết.'
    } catch {
      done.textContent = url
    }
  })
  buttons.push(copy)
  buttons.push(
    externalLink(`https://sp.zalo.me/share_to_zalo?url=${encodeURIComponent(url)}`, 'Zalo'),
  )
  buttons.push(
    externalLink(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
      'Facebook',
    ),
  )
  return el(
    'section',
    { className: 'share no-print', attrs: { 'aria-label': 'Chia sẻ', 'data-share-url': url } },
    [el('h2', { text: 'Chia sẻ' }), el('p', { className: 'share-actions' }, buttons), done],
  )
}

/**
 * oEmbed discovery for the item shown, public items only: outside sites turn the item's link into
 * an embedded card.
 * @param {{ path: string, title: string } | null} item
 */
export const setOembedLink = (item) => {
  let link = /** @type {HTMLLinkElement | null} */ (
    document.head.querySelector('link[type="application/json+oembed"]')
  )
  if (!item) {
    if (link) link.remove()
    return
  }
  if (!link) {
    link = document.createElement('link')
    link.rel = 'alternate'
    link.type = 'application/json+oembed'
    document.head.appendChild(link)
  }
  link.href = `/oembed?url=${encodeURIComponent(`${location.origin}${item.path}`)}&format=json`
  link.title = item.title
}
