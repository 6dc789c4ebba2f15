// The home page: the latest items of each section (one request, `GET /api/home`), with a way to
// all of them.

import { api, failureMessage } from '../api.js'
import { el, setStatus } from '../dom.js'
import { HOME_LIMIT, detailUrl } from '../queries.js'
import { TEXT } from '../labels.js'
import { renderCard } from '../cards.js'
import { keepForOffline } from '../offline.js'
import { listPath } from '../routes.js'
import { isDoc } from '../sections/common.js'
import { SLUGS } from '../sections/index.js'

let token = 0

/** @param {import('../routes.js').Slug} slug */
const partsOf = (slug) => {
  const section = /** @type {HTMLElement} */ (document.querySelector(`[data-section="${slug}"]`))
  return {
    section,
    status: /** @type {HTMLElement} */ (section.querySelector('.status')),
    cards: /** @type {HTMLElement} */ (section.querySelector('.cards')),
    more: /** @type {HTMLElement} */ (section.querySelector('.more')),
  }
}

export const loadHome = async () => {
  const mine = ++token
  for (const slug of SLUGS) {
    const { section, status } = partsOf(slug)
    section.setAttribute('aria-busy', 'true')
    setStatus(status, 'loading', TEXT.loading)
  }
  /** @type {Record<string, any>} */
  let data
  try {
    data = await api('/api/home')
  } catch (err) {
    if (mine !== token) return
    for (const slug of SLUGS) {
      const { section, status, cards } = partsOf(slug)
      cards.replaceChildren()
      setStatus(status, 'error', failureMessage(err))
      section.removeAttribute('aria-busy')
    }
    return
  }
  if (mine !== token) return
  for (const slug of SLUGS) {
    const { section, status, cards, more } = partsOf(slug)
    const list = data && data[slug] && typeof data[slug] === 'object' ? data[slug] : {}
    const docs = (Array.isArray(list.docs) ? list.docs : []).filter(isDoc).slice(0, HOME_LIMIT)
    const total = typeof list.totalDocs === 'number' ? list.totalDocs : docs.length
    cards.replaceChildren(...docs.map((doc) => renderCard(slug, doc)))
    setStatus(status, docs.length ? 'ok' : 'empty', docs.length ? '' : TEXT.empty)
    more.replaceChildren(
      el('a', {
        className: 'more-link',
        text: total > docs.length ? `Xem tất cả ${total} mục →` : 'Mở mục này →',
        attrs: { href: listPath(slug) },
      }),
    )
    section.removeAttribute('aria-busy')
    // The latest orientation stays readable offline, opened or not.
    if (slug === 'orientations' && docs[0]) keepForOffline([detailUrl('orientations', docs[0].id)])
  }
}
