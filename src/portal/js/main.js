// Sổ tay – reader portal. Framework-free ES modules, bundled by the host (src/server/portalAssets.ts).
// Views: home (search + latest per section), a section's list, an item, sign-in pages, my questions.

import { byId, el } from './dom.js'
import { TEXT } from './labels.js'
import { registerServiceWorker } from './offline.js'
import { startPrefs } from './prefs.js'
import { isPortalUrl, parseRoute, SEGMENT_OF } from './routes.js'
import { startSearch } from './search.js'
import { setOembedLink } from './share.js'
import { onUserChange, session, startSession } from './session.js'
import { showForgot, showLogin, showReset } from './views/account.js'
import { loadHome } from './views/home.js'
import { showItem } from './views/item.js'
import { showList } from './views/list.js'
import { showMyCell } from './views/my-cell.js'
import { showMyQuestions } from './views/my-questions.js'

const home = byId('view-home')
const page = byId('view-page')
const BASE_TITLE = document.title
/** The link that opened a page from home, to give focus back on return. @type {string | null} */
let openedFrom = null
/** @type {{ refresh: () => void } | null} */
let search = null
let homeLoaded = false
/** @type {Promise<void>} */
let sessionReady = Promise.resolve()

/** @param {string} path */
const navigate = (path) => {
  history.pushState(null, '', path)
  render()
}

/** Mark the menu entry of the section shown. @param {string | null} slug */
const markMenu = (slug) => {
  for (const link of document.querySelectorAll('.nav-list a')) {
    const current =
      slug &&
      link.getAttribute('href') ===
        `/${SEGMENT_OF[/** @type {import('./routes.js').Slug} */ (slug)]}`
    if (current) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

const showHome = () => {
  page.hidden = true
  page.replaceChildren()
  home.hidden = false
  document.title = BASE_TITLE
  markMenu(null)
  if (!homeLoaded) {
    homeLoaded = true
    void loadHome()
  }
  if (openedFrom) {
    const link = /** @type {HTMLElement | null} */ (
      home.querySelector(`a[href="${CSS.escape(openedFrom)}"]`)
    )
    openedFrom = null
    if (link) {
      link.focus()
      link.scrollIntoView({ block: 'center' })
    }
  }
}

const notFound = () => {
  const heading = el('h1', {
    text: 'Không tìm thấy trang',
    attrs: { id: 'page-title', tabindex: '-1' },
  })
  page.replaceChildren(
    heading,
    el('p', {
      className: 'status is-error',
      text: 'Địa chỉ này không có trong Sổ tay. Có thể đường dẫn bị gõ sai hoặc đã cũ.',
    }),
    el('p', {}, [el('a', { text: 'Về trang chủ', attrs: { href: '/' } })]),
  )
  document.title = 'Không tìm thấy trang – Sổ tay'
  heading.focus()
}

/** Show the page the address names. */
const render = async () => {
  const route = parseRoute(location)
  // Only an item page announces an item (oEmbed discovery).
  if (route.view !== 'item') setOembedLink(null)
  if (route.view === 'home') return showHome()
  home.hidden = true
  page.hidden = false
  window.scrollTo(0, 0)
  markMenu(route.view === 'list' || route.view === 'item' ? route.slug : null)
  if (route.view === 'list') return showList(page, route.slug, route.params, navigate)
  if (route.view === 'item')
    return showItem(page, route.slug, route.id, { signedIn: Boolean(session.user) })
  // These depend on who is signed in: they wait for the first answer about the session.
  if (route.view === 'my-questions') return sessionReady.then(() => showMyQuestions(page))
  if (route.view === 'my-cell') return sessionReady.then(() => showMyCell(page))
  if (route.view === 'login') return showLogin(page, route.params, navigate)
  if (route.view === 'forgot') return showForgot(page)
  if (route.view === 'reset') return showReset(page, route.params, navigate)
  return notFound()
}

// Links inside the portal change the view without a page load; everything else loads normally.
document.addEventListener('click', (event) => {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return
  const link = /** @type {HTMLAnchorElement | null} */ (
    /** @type {Element} */ (event.target).closest('a[href]')
  )
  if (!link || link.target || link.hasAttribute('download')) return
  const url = new URL(link.href, location.href)
  if (!isPortalUrl(url)) return
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return
  event.preventDefault()
  if (!home.hidden && url.pathname !== '/') openedFrom = link.getAttribute('href')
  navigate(`${url.pathname}${url.search}`)
})
window.addEventListener('popstate', () => void render())
// Old `#/documents/12` links, typed or bookmarked while the page is open.
window.addEventListener('hashchange', () => {
  if (/^#\/?[a-z]/.test(location.hash)) void render()
})

// Whoever signs in or out sees the lists, the item and the search as they may see them now.
onUserChange(() => {
  if (homeLoaded) void loadHome()
  if (search) search.refresh()
  const route = parseRoute(location)
  if (route.view !== 'home' && route.view !== 'login' && route.view !== 'reset') void render()
})

/** A line at the top of the page (offline, sent back from the admin). @param {string} id @param {string | null} text */
const notice = (id, text) => {
  const old = document.getElementById(id)
  if (old) old.remove()
  if (text)
    byId('main').prepend(el('p', { className: 'notice', text, attrs: { id, role: 'status' } }))
}

// A member who opened /admin is sent here by the host (`/?tu=quan-tri`).
if (new URLSearchParams(location.search).get('tu') === 'quan-tri') {
  notice(
    'notice-admin',
    'Trang quản trị chỉ dành cho cán bộ biên tập, duyệt và quản trị. Đồng chí đọc Sổ tay, đặt câu hỏi và xem câu trả lời tại đây.',
  )
  history.replaceState(null, '', '/')
}
const showOnline = () => notice('notice-offline', navigator.onLine === false ? TEXT.offline : null)
window.addEventListener('online', showOnline)
window.addEventListener('offline', showOnline)
showOnline()

startPrefs()
byId('site-nav').hidden = false
byId('search').hidden = false
search = startSearch()
sessionReady = startSession()
void render()
registerServiceWorker()
