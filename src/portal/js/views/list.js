// A section's list page: filters that fit the section, numbered pages (`/van-ban?loai=chi-thi&trang=2`).

import { failureMessage } from '../api.js'
import { el, setStatus } from '../dom.js'
import { TEXT } from '../labels.js'
import { fetchList, placeholders, renderCard } from '../cards.js'
import { PAGE_SIZE } from '../queries.js'
import { listPath } from '../routes.js'
import { SECTIONS } from '../sections/index.js'

let token = 0

/** @param {URLSearchParams} params */
const pageOf = (params) => {
  const n = Number(params.get('trang') || '1')
  return Number.isInteger(n) && n >= 1 && n <= 10000 ? n : 1
}

/**
 * Links to the pages around the current one: 1 … 4 5 [6] 7 8 … 20.
 * @param {import('../routes.js').Slug} slug
 * @param {URLSearchParams} params
 * @param {number} page
 * @param {number} totalPages
 */
const pager = (slug, params, page, totalPages) => {
  if (totalPages <= 1) return null
  /** @param {number} n */
  const href = (n) => {
    const next = new URLSearchParams(params)
    if (n === 1) next.delete('trang')
    else next.set('trang', String(n))
    return listPath(slug, next)
  }
  /** @type {Array<number | null>} */
  const shown = []
  for (let n = 1; n <= totalPages; n++) {
    if (n === 1 || n === totalPages || Math.abs(n - page) <= 1) shown.push(n)
    else if (shown[shown.length - 1] !== null) shown.push(null)
  }
  const items = shown.map((n) =>
    n === null
      ? el('li', { className: 'pager-gap', text: '…', attrs: { 'aria-hidden': 'true' } })
      : el('li', {}, [
          n === page
            ? el('a', {
                className: 'pager-current',
                text: String(n),
                attrs: {
                  href: href(n),
                  'aria-current': 'page',
                  'aria-label': `Trang ${n}, trang hiện tại`,
                },
              })
            : el('a', { text: String(n), attrs: { href: href(n), 'aria-label': `Trang ${n}` } }),
        ]),
  )
  return el('nav', { className: 'pager', attrs: { 'aria-label': 'Phân trang' } }, [
    page > 1
      ? el('a', {
          className: 'pager-step',
          text: '← Trang trước',
          attrs: { href: href(page - 1), rel: 'prev' },
        })
      : null,
    el('ul', { className: 'pager-pages' }, items),
    page < totalPages
      ? el('a', {
          className: 'pager-step',
          text: 'Trang sau →',
          attrs: { href: href(page + 1), rel: 'next' },
        })
      : null,
  ])
}

/**
 * The filter form: one select per filter; changing one shows its first page.
 * @param {import('../routes.js').Slug} slug
 * @param {URLSearchParams} params
 * @param {(path: string) => void} navigate
 */
const filterForm = (slug, params, navigate) => {
  const def = SECTIONS[slug]
  if (!def.filters.length) return null
  const form = el('form', {
    className: 'filters',
    attrs: { role: 'search', 'aria-label': `Lọc ${def.name.toLowerCase()}` },
  })
  for (const filter of def.filters) {
    const id = `filter-${filter.param}`
    const select = el('select', { attrs: { id, name: filter.param } }, [
      el('option', { text: 'Tất cả', attrs: { value: '' } }),
      ...Object.entries(filter.options).map(([value, label]) =>
        el('option', { text: label, attrs: { value } }),
      ),
    ])
    select.value = Object.prototype.hasOwnProperty.call(
      filter.options,
      params.get(filter.param) || '',
    )
      ? /** @type {string} */ (params.get(filter.param))
      : ''
    form.append(
      el('p', { className: 'field field-inline' }, [
        el('label', { text: filter.label, attrs: { for: id } }),
        select,
      ]),
    )
  }
  const apply = () => {
    const next = new URLSearchParams()
    for (const filter of def.filters) {
      const select = /** @type {HTMLSelectElement} */ (form.elements.namedItem(filter.param))
      if (select.value) next.set(filter.param, select.value)
    }
    navigate(listPath(slug, next))
  }
  form.addEventListener('change', apply)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    apply()
  })
  const active = def.filters.some((f) => params.get(f.param))
  if (active)
    form.append(
      el('p', {}, [
        el('a', { className: 'filters-clear', text: 'Bỏ lọc', attrs: { href: listPath(slug) } }),
      ]),
    )
  return form
}

/**
 * @param {HTMLElement} container
 * @param {import('../routes.js').Slug} slug
 * @param {URLSearchParams} params
 * @param {(path: string) => void} navigate
 */
export const showList = async (container, slug, params, navigate) => {
  const def = SECTIONS[slug]
  const mine = ++token
  const page = pageOf(params)
  const where = def.filters
    .map((f) => (params.get(f.param) ? f.where(/** @type {string} */ (params.get(f.param))) : ''))
    .join('')
  const filtered = def.filters.some((f) => params.get(f.param))
  const heading = el('h1', { text: def.heading, attrs: { id: 'page-title', tabindex: '-1' } })
  const status = el('p', {
    className: 'status is-loading',
    attrs: { role: 'status' },
    text: TEXT.loading,
  })
  const cards = el('div', { className: 'cards cards-list' }, placeholders(3))
  const paging = el('div', { className: 'paging' })
  const section = el(
    'section',
    {
      className: 'section list-page',
      attrs: { 'data-list': slug, 'aria-labelledby': 'page-title', 'aria-busy': 'true' },
    },
    [
      heading,
      def.note ? el('p', { className: 'section-note', text: def.note }) : null,
      filterForm(slug, params, navigate),
      status,
      cards,
      paging,
    ],
  )
  container.replaceChildren(section)
  document.title = `${def.heading}${page > 1 ? ` – trang ${page}` : ''} – Sổ tay`
  heading.focus({ preventScroll: true })
  try {
    const result = await fetchList(slug, { page, limit: PAGE_SIZE, where })
    if (mine !== token) return
    cards.replaceChildren(...result.docs.map((doc) => renderCard(slug, doc, 'h2')))
    if (!result.docs.length) {
      setStatus(
        status,
        'empty',
        page > 1 ? 'Trang này không có mục nào.' : filtered ? TEXT.emptyFiltered : TEXT.empty,
      )
      if (page > 1)
        paging.replaceChildren(
          el('p', {}, [el('a', { text: 'Về trang đầu', attrs: { href: listPath(slug) } })]),
        )
      return
    }
    const first = (page - 1) * PAGE_SIZE + 1
    setStatus(
      status,
      'ok',
      `${first}–${first + result.docs.length - 1} trên tổng số ${result.total} mục`,
    )
    paging.replaceChildren(pager(slug, params, page, result.totalPages) || '')
  } catch (err) {
    if (mine !== token) return
    cards.replaceChildren()
    setStatus(status, 'error', failureMessage(err))
  } finally {
    if (mine === token) section.removeAttribute('aria-busy')
  }
}
