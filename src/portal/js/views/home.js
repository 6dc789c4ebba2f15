// The home page: the latest items of each section, with a way to all of them.

import { failureMessage } from '../api.js'
import { el, setStatus } from '../dom.js'
import { TEXT } from '../labels.js'
import { fetchList, placeholders, renderCard } from '../cards.js'
import { listPath } from '../routes.js'
import { keepForOffline } from '../offline.js'
import { SECTIONS, SLUGS } from '../sections/index.js'

const HOME_LIMIT = 4
/** @type {Record<string, number>} */
const tokens = {}

/** @param {import('../routes.js').Slug} slug */
const loadSection = async (slug) => {
  const section = document.querySelector(`[data-section="${slug}"]`)
  if (!section) return
  const status = /** @type {HTMLElement} */ (section.querySelector('.status'))
  const cards = /** @type {HTMLElement} */ (section.querySelector('.cards'))
  const more = /** @type {HTMLElement} */ (section.querySelector('.more'))
  const token = (tokens[slug] = (tokens[slug] || 0) + 1)
  section.setAttribute('aria-busy', 'true')
  setStatus(status, 'loading', TEXT.loading)
  if (!cards.children.length) cards.replaceChildren(...placeholders(2))
  try {
    const { docs, total } = await fetchList(slug, { limit: HOME_LIMIT })
    if (token !== tokens[slug]) return
    cards.replaceChildren(...docs.map((doc) => renderCard(slug, doc)))
    // The latest orientation stays readable offline, opened or not.
    if (slug === 'orientations' && docs[0])
      keepForOffline([`/api/orientations/${docs[0].id}?${SECTIONS.orientations.detailQuery}`])
    setStatus(status, docs.length ? 'ok' : 'empty', docs.length ? '' : TEXT.empty)
    more.replaceChildren(
      el('a', {
        className: 'more-link',
        text: total > docs.length ? `Xem tất cả ${total} mục →` : 'Mở mục này →',
        attrs: { href: listPath(slug) },
      }),
    )
  } catch (err) {
    if (token !== tokens[slug]) return
    cards.replaceChildren()
    setStatus(status, 'error', failureMessage(err))
  } finally {
    if (token === tokens[slug]) section.removeAttribute('aria-busy')
  }
}

export const loadHome = () => Promise.all(SLUGS.map(loadSection))
