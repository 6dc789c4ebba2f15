/* Sổ tay – embed script: <sotay-feed section="orientations" limit="5"></sotay-feed>
 * Plain, dependency-free. Renders the latest public items of the handbook in an open Shadow DOM.
 * Security: feed data is only ever written with textContent; links go only to http(s) URLs of the
 * handbook's own origin (the origin this script was loaded from). */
/* global window, document, customElements, HTMLElement, CSSStyleSheet, AbortController, URL, fetch, queueMicrotask */
;(() => {
  'use strict'
  if (!window.customElements || customElements.get('sotay-feed')) return

  // The handbook's origin, fixed at load time (currentScript is gone once this script has run).
  const script =
    document.currentScript || document.querySelector('script[src$="/embed.js"]') || null
  let ORIGIN
  try {
    ORIGIN = new URL(script.src).origin
  } catch {
    return
  }

  const NAMES = {
    all: 'Sổ tay',
    documents: 'Văn bản của Đảng bộ',
    orientations: 'Định hướng công tác tư tưởng',
    'identified-pages': 'Nhận diện',
    references: 'Tài liệu tham khảo',
    questions: 'Hỏi – Đáp',
  }
  const TEXT = {
    loading: 'Đang tải…',
    error: 'Không tải được tin.',
    empty: 'Chưa có mục nào.',
    more: 'Xem thêm trên Sổ tay',
  }

  const CSS = `
:host{all:initial;display:block;font-family:inherit;font-size:inherit;color:inherit;line-height:1.45;--a:#a3181d}
:host([hidden]){display:none}
@media (prefers-color-scheme:dark){:host{--a:#ff8a80}}
.b{box-sizing:border-box;max-width:100%;padding:.75em 1em;border:1px solid rgba(128,128,128,.4);border-radius:8px;overflow-wrap:anywhere}
h2{margin:0 0 .4em;font-size:1.1em;font-weight:700}
ul{margin:0;padding:0;list-style:none}
li{padding:.5em 0;border-top:1px solid rgba(128,128,128,.25)}
li:first-child{border-top:0}
a{color:var(--a);font-weight:600;text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
time{display:block;font-size:.85em;opacity:.75}
p{margin:.2em 0 0;font-size:.9em}
.s{opacity:.8}
.f{margin-top:.5em;font-size:.85em}`

  // Constructed style sheets are not inline styles: they work under a host page's strict CSP.
  let sheet = null
  try {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(CSS)
  } catch {
    sheet = null
  }

  let dateFormat
  try {
    dateFormat = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'medium',
    })
  } catch {
    dateFormat = new Intl.DateTimeFormat('vi-VN')
  }

  const el = (tag, text, attrs) => {
    const node = document.createElement(tag)
    if (text) node.textContent = text
    for (const name in attrs || {}) node.setAttribute(name, attrs[name])
    return node
  }
  const str = (value) => (typeof value === 'string' ? value.trim() : '')
  const short = (text, max) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

  /** An http(s) link of the handbook's origin, or null. */
  const ownLink = (value) => {
    try {
      const url = new URL(str(value))
      return /^https?:$/.test(url.protocol) && url.origin === ORIGIN ? url.href : null
    } catch {
      return null
    }
  }
  const link = (href, text) => el('a', text, { href, target: '_blank', rel: 'noopener' })

  class SotayFeed extends HTMLElement {
    static get observedAttributes() {
      return ['section', 'limit', 'title', 'heading', 'compact']
    }

    constructor() {
      super()
      this.root = this.attachShadow({ mode: 'open' })
      if (sheet && 'adoptedStyleSheets' in this.root) this.root.adoptedStyleSheets = [sheet]
      else this.root.appendChild(el('style', CSS))
      this.box = el('div', '', { class: 'b', part: 'box' })
      this.root.appendChild(this.box)
      this.controller = null
      this.queued = false
    }

    connectedCallback() {
      this.schedule()
    }

    disconnectedCallback() {
      if (this.controller) this.controller.abort()
    }

    attributeChangedCallback(_name, before, after) {
      if (before !== after) this.schedule()
    }

    /** Several attributes change at once on upgrade: load once for all of them. */
    schedule() {
      if (this.queued || !this.isConnected) return
      this.queued = true
      queueMicrotask(() => {
        this.queued = false
        if (this.isConnected) this.load()
      })
    }

    get section() {
      const value = str(this.getAttribute('section')) || 'all'
      return Object.prototype.hasOwnProperty.call(NAMES, value) ? value : null
    }

    get limit() {
      const value = Number.parseInt(this.getAttribute('limit') || '5', 10)
      return Number.isFinite(value) ? Math.min(20, Math.max(1, value)) : 5
    }

    show(heading, content) {
      const footer = el('p', '', { class: 'f' })
      const section = this.section
      footer.appendChild(
        link(`${ORIGIN}/${section && section !== 'all' ? `#/${section}` : ''}`, TEXT.more),
      )
      this.box.replaceChildren(el('h2', heading, { part: 'heading' }), content, footer)
    }

    async load() {
      const section = this.section
      const limit = this.limit
      const heading =
        str(this.getAttribute('heading')) ||
        str(this.getAttribute('title')) ||
        NAMES[section || 'all']
      if (this.controller) this.controller.abort()
      const controller = (this.controller = new AbortController())
      this.setAttribute('aria-busy', 'true')
      this.show(heading, el('p', TEXT.loading, { class: 's', role: 'status' }))

      let items
      try {
        if (!section) throw new Error('section')
        const res = await fetch(`${ORIGIN}/feeds/${section}.json?limit=${limit}`, {
          credentials: 'omit',
          signal: controller.signal,
        })
        if (!res.ok) throw new Error(String(res.status))
        const feed = await res.json()
        items = Array.isArray(feed && feed.items) ? feed.items.slice(0, limit) : []
      } catch {
        if (controller.signal.aborted) return
        this.removeAttribute('aria-busy')
        this.show(heading, el('p', TEXT.error, { class: 's', role: 'alert' }))
        return
      }
      if (controller.signal.aborted) return
      this.removeAttribute('aria-busy')
      if (!items.length) return this.show(heading, el('p', TEXT.empty, { class: 's' }))

      const list = el('ul', '', { part: 'list' })
      for (const item of items) list.appendChild(this.item(item || {}))
      this.show(heading, list)
    }

    item(item) {
      const li = el('li')
      const title = str(item.title) || '(Chưa có tiêu đề)'
      const href = ownLink(item.url)
      li.appendChild(href ? link(href, title) : el('span', title))
      const when = new Date(str(item.date_published) || str(item.date_modified))
      if (!Number.isNaN(when.getTime()))
        li.appendChild(el('time', dateFormat.format(when), { datetime: when.toISOString() }))
      const summary = str(item.summary)
      if (summary && !this.hasAttribute('compact')) li.appendChild(el('p', short(summary, 160)))
      return li
    }
  }

  customElements.define('sotay-feed', SotayFeed)
})()
