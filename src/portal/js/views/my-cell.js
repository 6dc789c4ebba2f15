// "Chi bộ của tôi": for a cell secretary, the accounts of their cell (name, position, phone,
// email), as the server lets them read (a secretary's read access to accounts is their own cell).

import { api, failureMessage } from '../api.js'
import { el, setStatus } from '../dom.js'
import { TEXT } from '../labels.js'
import { PAGES } from '../routes.js'
import { isSecretary, session } from '../session.js'
import { str } from '../util.js'

/** @param {HTMLElement} list @param {HTMLElement} status */
const loadCell = async (list, status) => {
  setStatus(status, 'loading', TEXT.loading)
  try {
    /** @type {Record<string, any>[]} */
    const people = []
    for (let page = 1; page <= 20; page++) {
      const data = await api(`/api/users?limit=100&page=${page}&depth=0&sort=fullName`)
      people.push(...(data && Array.isArray(data.docs) ? data.docs : []))
      if (!data || !data.hasNextPage) break
    }
    setStatus(status, '', `${people.length} đảng viên`)
    list.replaceChildren(
      ...people.map((person) => {
        const phone = str(person.phone)
        const email = str(person.email)
        return el(
          'li',
          { className: 'cell-member card', attrs: { 'data-id': String(person.id) } },
          [
            el('h3', { className: 'item-title', text: str(person.fullName) || email }),
            str(person.position)
              ? el('p', { className: 'item-meta', text: str(person.position) })
              : null,
            el('p', { className: 'item-meta' }, [
              phone ? el('a', { text: phone, attrs: { href: `tel:${phone}` } }) : null,
              phone && email ? ' · ' : null,
              email ? el('a', { text: email, attrs: { href: `mailto:${email}` } }) : null,
            ]),
          ],
        )
      }),
    )
  } catch (err) {
    setStatus(status, 'error', failureMessage(err))
  }
}

/** @param {HTMLElement} container */
export const showMyCell = (container) => {
  const heading = el('h1', { text: 'Chi bộ của tôi', attrs: { id: 'page-title', tabindex: '-1' } })
  document.title = 'Chi bộ của tôi – Sổ tay'
  if (!isSecretary(session.user)) {
    const signIn = el('p', {}, [
      el('a', {
        className: 'button',
        text: 'Đăng nhập',
        attrs: { href: `${PAGES.login}?tiep=${PAGES['my-cell']}` },
      }),
    ])
    const message = el('p', {
      className: 'status',
      text: session.user
        ? 'Trang này dành cho bí thư chi bộ.'
        : 'Vui lòng đăng nhập bằng tài khoản bí thư chi bộ.',
    })
    container.replaceChildren(heading, message, ...(session.user ? [] : [signIn]))
    heading.focus()
    return
  }
  const status = el('p', { className: 'status', attrs: { role: 'status' } })
  const list = el('ul', { className: 'cell-members', attrs: { id: 'cell-members' } })
  container.replaceChildren(
    el('section', { attrs: { 'aria-labelledby': 'page-title' } }, [heading, status, list]),
  )
  heading.focus()
  void loadCell(list, status)
}
