// Search on the home page (`GET /api/search`, `/?q=`). Hit titles and metadata are plain text
// (textContent); only `snippet`, which the server sanitizes to escaped text plus <mark>, goes
// through innerHTML.

import { api, ApiError, errorMessage } from './api.js'
import { byId, el, setStatus } from './dom.js'
import { DOCUMENT_KINDS, PERIODS, REFERENCE_KINDS, TEXT } from './labels.js'
import { isSlug, itemPath } from './routes.js'
import { audienceBadge, classificationBadge } from './sections/common.js'
import { SECTIONS, SLUGS, sectionName } from './sections/index.js'
import { joinMeta, labelOf, str } from './util.js'

const SEARCH_LIMIT = 10
const SEARCH_MIN_CHARS = 2
const SEARCH_DELAY = 250

/** @param {string} slug @param {unknown} kind */
const hitKind = (slug, kind) => {
  if (slug === 'documents') return labelOf(DOCUMENT_KINDS, kind)
  if (slug === 'orientations') return labelOf(PERIODS, kind)
  if (slug === 'references') return labelOf(REFERENCE_KINDS, kind)
  if (slug === 'questions') return str(kind)
  return ''
}

/**
 * The hit's item path, from its collection and id. A document's path words start with its symbol,
 * which hits do not carry: its bare path, which the item page turns into the canonical one.
 * @param {Record<string, any>} hit
 */
const hitHref = (hit) => {
  const slug = str(hit.collection)
  const id = str(hit.itemId)
  if (!isSlug(slug) || !/^\d{1,12}$/.test(id)) return null
  return itemPath(slug, id, slug === 'documents' ? '' : str(hit.title))
}

/** @param {Record<string, any>} hit */
const renderHit = (hit) => {
  const slug = str(hit.collection)
  const href = hitHref(hit)
  const title = str(hit.title) || TEXT.untitled
  const page = slug === 'identified-pages' ? { classification: hit.kind } : null
  const badges = [page ? classificationBadge(page) : null, audienceBadge(hit)].filter(Boolean)
  const meta = joinMeta([sectionName(slug), hitKind(slug, hit.kind), str(hit.year)])
  let snippet = null
  if (typeof hit.snippet === 'string' && hit.snippet.trim()) {
    snippet = el('p', { className: 'hit-snippet' })
    snippet.innerHTML = hit.snippet
  }
  const pageClass =
    page && SECTIONS['identified-pages'].cardClass
      ? SECTIONS['identified-pages'].cardClass(page)
      : ''
  return el(
    'article',
    { className: `card hit ${pageClass}`.trim(), attrs: { 'data-hit': str(hit.id) } },
    [
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      el('h3', { className: 'item-title' }, [
        href
          ? el('a', { className: 'hit-title', text: title, attrs: { href } })
          : el('span', { className: 'hit-title', text: title }),
      ]),
      meta ? el('p', { className: 'item-meta', text: meta }) : null,
      snippet,
    ],
  )
}

/** Keep `?q=` in the address (shareable). @param {string} q */
const setQueryParam = (q) => {
  if (location.pathname !== '/') return
  const params = new URLSearchParams(location.search)
  if (q) params.set('q', q)
  else params.delete('q')
  const query = params.toString()
  const url = `/${query ? `?${query}` : ''}`
  if (url !== `${location.pathname}${location.search}`) history.replaceState(history.state, '', url)
}

export const startSearch = () => {
  const form = /** @type {HTMLFormElement} */ (byId('search-form'))
  const input = /** @type {HTMLInputElement} */ (byId('search-q'))
  const results = byId('search-results')
  const status = /** @type {HTMLElement} */ (results.querySelector('.search-status'))
  const facets = /** @type {HTMLElement} */ (results.querySelector('.facets'))
  const hits = /** @type {HTMLElement} */ (results.querySelector('.hits'))
  const more = /** @type {HTMLElement} */ (results.querySelector('.search-more'))
  const moreButton = /** @type {HTMLButtonElement} */ (more.querySelector('button'))
  const sections = byId('sections')

  const state = {
    q: '', // the query whose results are shown (or being fetched)
    section: '', // active section facet, '' for all
    page: 0,
    /** @type {AbortController | null} */
    controller: null,
    timer: 0,
  }

  /** @param {any} data */
  const renderFacets = (data) => {
    const counts = data && data.section && typeof data.section === 'object' ? data.section : {}
    /** @param {string} slug */
    const countOf = (slug) => {
      const n = Object.prototype.hasOwnProperty.call(counts, slug) ? Number(counts[slug]) : 0
      return Number.isFinite(n) && n > 0 ? n : 0
    }
    const chips = SLUGS.filter((slug) => countOf(slug) > 0 || slug === state.section).map((slug) =>
      el(
        'button',
        {
          className: 'chip',
          attrs: {
            type: 'button',
            'data-facet': slug,
            'aria-pressed': String(slug === state.section),
          },
        },
        // Named by what it shows ("Văn bản 3 kết quả"), the count's word for screen readers only.
        [
          el('span', { text: SECTIONS[slug].name }),
          ' ',
          el('span', { className: 'chip-count', text: String(countOf(slug)) }, [
            el('span', { className: 'visually-hidden', text: ' kết quả' }),
          ]),
        ],
      ),
    )
    facets.replaceChildren(...chips)
    facets.hidden = !chips.length
  }

  /** @param {'loading' | 'error' | 'empty' | 'ok'} kind @param {string} text */
  const setSearchStatus = (kind, text) => {
    // Re-writing the same line would make screen readers announce it again.
    if (status.textContent === text && !status.classList.contains('is-loading')) return
    setStatus(status, kind, text)
  }

  /** Search `q` (page 1), or load the next page of the current search with `append`. */
  const run = async ({
    q = state.q,
    section = state.section,
    append = false,
    focusFacet = '',
  } = {}) => {
    if (append) {
      if (state.controller) return // a new search is on its way; its page 1 comes first
      q = state.q
      section = state.section
    } else {
      window.clearTimeout(state.timer)
      if (state.controller) state.controller.abort()
      state.q = q
      state.section = section
      setQueryParam(q)
    }
    const controller = new AbortController()
    state.controller = controller
    const page = append ? state.page + 1 : 1
    results.hidden = false
    // The home page's sections make way for the results while a search is shown.
    sections.hidden = true
    results.setAttribute('aria-busy', 'true')
    moreButton.disabled = true
    if (!append) setStatus(status, 'loading', TEXT.searching)
    const params = new URLSearchParams({ q, page: String(page), limit: String(SEARCH_LIMIT) })
    if (section) params.set('section', section)

    let data
    try {
      data = await api(`/api/search?${params}`, { signal: controller.signal })
    } catch (err) {
      if (controller !== state.controller) return // aborted or overtaken by a newer search
      state.controller = null
      results.removeAttribute('aria-busy')
      moreButton.disabled = false
      const message = err instanceof ApiError && err.status === 400 ? errorMessage(err.data) : ''
      setStatus(status, 'error', message || TEXT.searchError)
      if (!append) {
        facets.replaceChildren()
        facets.hidden = true
        hits.replaceChildren()
        more.hidden = true
      }
      return
    }
    if (controller !== state.controller) return
    state.controller = null
    results.removeAttribute('aria-busy')
    moreButton.disabled = false

    const found =
      data && Array.isArray(data.hits)
        ? data.hits.filter((/** @type {unknown} */ h) => h && typeof h === 'object')
        : []
    const total =
      data && typeof data.total === 'number' && Number.isFinite(data.total)
        ? data.total
        : found.length
    state.page = page
    if (append) {
      const seen = new Set(
        [...hits.children].map((node) => /** @type {HTMLElement} */ (node).dataset.hit),
      )
      const added = found.filter((/** @type {any} */ hit) => !seen.has(str(hit.id))).map(renderHit)
      hits.append(...added)
      // Keyboard users continue reading from the first new result.
      const first = added.length
        ? /** @type {HTMLElement | null} */ (added[0].querySelector('a.hit-title'))
        : null
      if (first) first.focus()
    } else {
      renderFacets(data && data.facets)
      hits.replaceChildren(...found.map(renderHit))
      if (focusFacet) {
        const chip = [...facets.querySelectorAll('[data-facet]')].find(
          (node) => /** @type {HTMLElement} */ (node).dataset.facet === focusFacet,
        )
        if (chip) /** @type {HTMLElement} */ (chip).focus()
        else input.focus()
      }
    }
    if (total > 0) setSearchStatus('ok', TEXT.found(total, q))
    else setSearchStatus('empty', TEXT.searchEmpty)
    more.hidden = !(found.length && page * SEARCH_LIMIT < total)
  }

  const clear = () => {
    window.clearTimeout(state.timer)
    if (state.controller) state.controller.abort()
    Object.assign(state, { controller: null, q: '', section: '', page: 0 })
    results.hidden = true
    sections.hidden = false
    results.removeAttribute('aria-busy')
    setStatus(status, 'ok', '')
    facets.replaceChildren()
    facets.hidden = true
    hits.replaceChildren()
    more.hidden = true
    moreButton.disabled = false
    setQueryParam('')
  }

  /** Search-as-you-type: wait for a pause, and for at least two characters. */
  const schedule = () => {
    window.clearTimeout(state.timer)
    const q = input.value.trim()
    if (!q) {
      clear()
      return
    }
    if (q.length < SEARCH_MIN_CHARS) return
    if (q === state.q && !results.hidden) return // already shown (or on its way)
    state.timer = window.setTimeout(() => run({ q }), SEARCH_DELAY)
  }

  // Vietnamese keyboards (Telex, VNI) compose letters: wait until a composition is finished.
  input.addEventListener('input', (event) => {
    if (!(/** @type {InputEvent} */ (event).isComposing)) schedule()
  })
  input.addEventListener('compositionend', schedule)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    // An empty query still goes to the server, which explains what is missing.
    run({ q: input.value.trim() })
  })
  facets.addEventListener('click', (event) => {
    const chip = /** @type {HTMLElement | null} */ (
      /** @type {HTMLElement} */ (event.target).closest('button[data-facet]')
    )
    if (!chip || !state.q) return
    const slug = chip.dataset.facet || ''
    run({ section: slug === state.section ? '' : slug, focusFacet: slug })
  })
  moreButton.addEventListener('click', () => run({ append: true }))

  const q = (new URLSearchParams(location.search).get('q') || '').trim()
  if (q && location.pathname === '/') {
    input.value = q
    run({ q })
  }
  return {
    /** Search again as whoever is now signed in. */
    refresh: () => {
      if (state.q) run()
    },
  }
}
