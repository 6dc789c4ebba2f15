// An item's page: everything the reader needs, a way back to its section, print and share.

import { api, ApiError, failureMessage } from '../api.js'
import { el } from '../dom.js'
import { TEXT } from '../labels.js'
import { detailUrl } from '../queries.js'
import { itemPath, listPath, PAGES } from '../routes.js'
import { SECTIONS } from '../sections/index.js'
import { isShareable, setOembedLink, shareBox } from '../share.js'

let token = 0

/** @param {import('../routes.js').Slug} slug */
const backLink = (slug) =>
  el('p', { className: 'back no-print' }, [
    el('a', {
      className: 'back-link',
      text: `← ${SECTIONS[slug].heading}`,
      attrs: { href: listPath(slug) },
    }),
  ])

/** @param {string} id */
const isId = (id) => /^\d{1,12}$/.test(id)

/**
 * @param {HTMLElement} container
 * @param {import('../routes.js').Slug} slug
 * @param {string} id
 * @param {{ signedIn: boolean }} session
 */
export const showItem = async (container, slug, id, session) => {
  const def = SECTIONS[slug]
  const mine = ++token
  setOembedLink(null)
  const status = el('p', {
    className: 'status is-loading',
    attrs: { role: 'status' },
    text: TEXT.loading,
  })
  container.replaceChildren(backLink(slug), status)
  container.setAttribute('aria-busy', 'true')

  /** @type {import('../sections/common.js').Doc} */
  let doc
  try {
    if (!isId(id)) throw new ApiError(404, null)
    doc = await api(detailUrl(slug, id))
    if (!doc || typeof doc !== 'object') throw new Error('empty answer')
  } catch (err) {
    if (mine !== token) return
    container.removeAttribute('aria-busy')
    const status = err instanceof ApiError ? err.status : 0
    const heading = el('h1', {
      text:
        status === 404 || status === 401 || status === 403
          ? 'Không mở được nội dung'
          : 'Chưa tải được nội dung',
      attrs: { id: 'page-title', tabindex: '-1' },
    })
    const signIn =
      !session.signedIn && (status === 401 || status === 403 || status === 404)
        ? el('p', {}, [
            el('a', {
              className: 'button',
              text: 'Đăng nhập',
              attrs: { href: `${PAGES.login}?tiep=${encodeURIComponent(location.pathname)}` },
            }),
          ])
        : null
    const retry =
      status >= 500 || !status
        ? el('button', {
            className: 'button button-secondary',
            text: TEXT.retry,
            attrs: { type: 'button' },
          })
        : null
    if (retry) retry.addEventListener('click', () => showItem(container, slug, id, session))
    container.replaceChildren(
      backLink(slug),
      heading,
      el('p', {
        className: 'status is-error',
        attrs: { role: 'alert' },
        text: failureMessage(err, { item: true }),
      }),
      signIn || '',
      retry || '',
    )
    document.title = 'Không mở được nội dung – Sổ tay'
    heading.focus()
    return
  }
  if (mine !== token) return
  container.removeAttribute('aria-busy')

  const title = def.title(doc) || TEXT.untitled
  const path = itemPath(slug, doc.id ?? id, def.shareWords(doc))
  // The address bar shows the canonical path (old `#/` links and bare ids end up there).
  if (`${location.pathname}${location.hash}` !== path) history.replaceState(history.state, '', path)
  const badges = def.badges(doc).filter(Boolean)
  const heading = el('h1', { text: title, attrs: { id: 'page-title', tabindex: '-1' } })
  const printable = slug === 'documents' || slug === 'orientations' || slug === 'questions'
  const print = printable
    ? el('button', {
        className: 'button button-secondary print-button no-print',
        text: 'In',
        attrs: { type: 'button' },
      })
    : null
  if (print) print.addEventListener('click', () => window.print())
  const article = el(
    'article',
    {
      className: 'detail-article',
      attrs: { 'data-detail-id': String(doc.id ?? id), 'data-slug': slug },
    },
    [
      heading,
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      ...def.detail(doc),
      print ? el('p', { className: 'actions no-print' }, [print]) : null,
      shareBox(slug, doc),
    ],
  )
  container.replaceChildren(backLink(slug), article)
  document.title = `${title} – Sổ tay`
  if (isShareable(slug, doc)) setOembedLink({ path, title })
  heading.focus()
}
