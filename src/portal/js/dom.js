// DOM building. Plain fields are only ever written with textContent; only the server-sanitized
// `*Html` fields (and search snippets) go through innerHTML.

/**
 * @typedef {{ className?: string, text?: string | null, attrs?: Record<string, string> }} ElOptions
 * @typedef {Node | string | null | undefined | false} Child
 */

/**
 * Create an element; `text` is always set with textContent.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElOptions} [options]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export const el = (tag, { className, text, attrs } = {}, children = []) => {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined && text !== null) node.textContent = text
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  for (const child of children) if (child) node.append(child)
  return node
}

/**
 * Server-sanitized HTML (only for `*Html` fields).
 * @param {unknown} value
 * @param {string} [className]
 */
export const html = (value, className = 'prose') => {
  if (typeof value !== 'string' || !value.trim()) return null
  const node = el('div', { className })
  node.innerHTML = value
  // Pictures inside bodies load when they come near, never push the text around on load.
  for (const img of node.querySelectorAll('img')) {
    img.loading = 'lazy'
    img.decoding = 'async'
  }
  return node
}

/** @param {string} href @param {string} text */
export const externalLink = (href, text) =>
  el('a', { text, attrs: { href, rel: 'noopener noreferrer', target: '_blank' } })

/**
 * @param {Element} node
 * @param {'loading' | 'error' | 'empty' | 'ok' | ''} kind
 * @param {string} [text]
 */
export const setStatus = (node, kind, text) => {
  node.classList.toggle('is-loading', kind === 'loading')
  node.classList.toggle('is-error', kind === 'error')
  node.textContent = text || ''
}

/** @param {string | undefined} text @param {string} className */
export const badge = (text, className) =>
  text ? el('span', { className: `badge ${className}`, text }) : null

/**
 * A definition list of [label, value] pairs; values may be strings or nodes, empty ones are skipped.
 * @param {Array<[string, Child]>} pairs
 */
export const facts = (pairs) => {
  const rows = pairs.filter(([, value]) => value)
  if (!rows.length) return null
  const dl = el('dl', { className: 'facts' })
  for (const [term, value] of rows) dl.append(el('dt', { text: term }), el('dd', {}, [value]))
  return dl
}

/** @param {string} heading @param {Child} content @param {string} [className] */
export const block = (heading, content, className) =>
  content ? el('section', { className }, [el('h2', { text: heading }), content]) : null

/**
 * A labelled form field.
 * @param {string} labelText
 * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} control
 * @param {string} [hint]
 */
export const field = (labelText, control, hint) =>
  el('p', { className: 'field' }, [
    el('label', { text: labelText, attrs: { for: control.id } }),
    control,
    hint ? el('span', { className: 'field-hint', text: hint }) : null,
  ])

/** @param {string} id */
export const byId = (id) => {
  const node = document.getElementById(id)
  if (!node) throw new Error(`#${id} is missing from the page`)
  return node
}
