// Sổ tay – reader portal. Plain ES module, no dependencies.
// Security: plain fields are only ever written with textContent; only the server-sanitized
// `*Html` fields go through innerHTML. URLs of hostile pages are never turned into links.

const LIST_QUERY = 'limit=6&depth=0&sort=-updatedAt'
const TEXT = {
  loading: 'Đang tải…',
  empty: 'Chưa có nội dung công khai.',
  error: 'Không tải được dữ liệu. Vui lòng thử lại sau.',
  untitled: '(Chưa có tiêu đề)',
  searching: 'Đang tìm…',
  found: (total, q) => `Tìm thấy ${total} kết quả cho “${q}”`,
  searchEmpty: 'Không tìm thấy kết quả. Hãy thử từ khoá khác (có thể gõ không dấu).',
  searchError: 'Không tìm kiếm được. Vui lòng thử lại sau.',
}

const DOCUMENT_KINDS = {
  'nghi-quyet': 'Nghị quyết',
  'chi-thi': 'Chỉ thị',
  'ket-luan': 'Kết luận',
  'quy-dinh': 'Quy định',
  'huong-dan': 'Hướng dẫn',
  'ke-hoach': 'Kế hoạch',
  'thong-bao': 'Thông báo',
  'bao-cao': 'Báo cáo',
}
const PERIODS = { month: 'Tháng', week: 'Tuần' }
const PLATFORMS = {
  'facebook-page': 'Trang Facebook',
  'facebook-group': 'Nhóm Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  zalo: 'Zalo',
  website: 'Trang web',
  other: 'Khác',
}
const CLASSIFICATIONS = {
  official: { label: 'Chính thống', className: 'badge-official' },
  hostile: { label: 'Cần cảnh giác', className: 'badge-hostile' },
}
const PAGE_STATUSES = { active: 'Đang hoạt động', renamed: 'Đã đổi tên', removed: 'Đã gỡ bỏ' }
const REFERENCE_KINDS = {
  book: 'Sách',
  article: 'Bài viết',
  video: 'Video',
  podcast: 'Podcast',
  other: 'Khác',
}
const AUDIENCES = { members: 'Dành cho đảng viên', units: 'Nội bộ đơn vị' }

/* ---------- small helpers ---------- */

/** A trimmed string for a plain value, or '' for anything missing or not text-like. */
const str = (value) =>
  typeof value === 'string'
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : ''

const labelOf = (map, value) => {
  const key = str(value)
  return key ? map[key] || key : ''
}

const truncate = (text, max = 180) => {
  const s = str(text).replace(/\s+/g, ' ')
  if (s.length <= max) return s
  const cut = s.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

const dateFormat = (() => {
  const options = { day: '2-digit', month: '2-digit', year: 'numeric' }
  try {
    return new Intl.DateTimeFormat('vi-VN', { ...options, timeZone: 'Asia/Ho_Chi_Minh' })
  } catch {
    return new Intl.DateTimeFormat('vi-VN', options)
  }
})()

/** { day, month, year } as zero-padded strings, or null for a missing/invalid date. */
const dateParts = (value) => {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  const parts = {}
  for (const part of dateFormat.formatToParts(date)) parts[part.type] = part.value
  return {
    day: String(parts.day).padStart(2, '0'),
    month: String(parts.month).padStart(2, '0'),
    year: String(parts.year),
  }
}

/** dd/MM/yyyy (vi-VN), or '' when missing. */
const formatDate = (value) => {
  const p = dateParts(value)
  return p ? `${p.day}/${p.month}/${p.year}` : ''
}

const periodText = (period, start) => {
  const name = labelOf(PERIODS, period)
  const p = dateParts(start)
  if (!p) return name
  if (str(period) === 'month') return `Tháng ${p.month}/${p.year}`
  return `${name ? `${name} từ` : 'Từ'} ${p.day}/${p.month}/${p.year}`
}

/** An absolute http(s) URL string, or null. */
const safeHttpUrl = (value) => {
  const raw = str(value)
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** Create an element; `text` is always set with textContent. */
const el = (tag, { className, text, attrs } = {}, children = []) => {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined && text !== null) node.textContent = text
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  for (const child of children) if (child) node.append(child)
  return node
}

/** Server-sanitized HTML (only for `*Html` fields). */
const html = (value, className = 'prose') => {
  if (typeof value !== 'string' || !value.trim()) return null
  const node = el('div', { className })
  node.innerHTML = value
  return node
}

const externalLink = (href, text) =>
  el('a', { text, attrs: { href, rel: 'noopener noreferrer', target: '_blank' } })

/** Parts of a meta line, each once (an author who is also the publisher is named once). */
const joinMeta = (parts) => [...new Set(parts.filter(Boolean))].join(' · ')

/* ---------- API ---------- */

class ApiError extends Error {
  constructor(status, data) {
    super(`HTTP ${status}`)
    this.status = status
    this.data = data
  }
}

const api = async (path, { method = 'GET', body, signal } = {}) => {
  const headers = { Accept: 'application/json' }
  const init = { method, credentials: 'same-origin', headers }
  if (signal) init.signal = signal
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  const res = await fetch(path, init)
  let data = null
  try {
    data = await res.json()
  } catch {
    data = null
  }
  if (!res.ok) throw new ApiError(res.status, data)
  return data
}

const errorMessage = (data) => {
  const first = data && Array.isArray(data.errors) ? data.errors[0] : null
  return str(first && first.message) || str(data && data.message)
}

/* ---------- sections ---------- */

const badge = (text, className) =>
  text ? el('span', { className: `badge ${className}`, text }) : null

const audienceBadge = (doc) => badge(AUDIENCES[str(doc.audience)], 'badge-audience')

const classificationBadge = (doc) => {
  const c = CLASSIFICATIONS[str(doc.classification)]
  return c ? badge(c.label, c.className) : null
}

/** A definition list of [label, value] pairs; values may be strings or nodes, empty ones are skipped. */
const facts = (pairs) => {
  const rows = pairs.filter(([, value]) => value)
  if (!rows.length) return null
  const dl = el('dl', { className: 'facts' })
  for (const [term, value] of rows) dl.append(el('dt', { text: term }), el('dd', {}, [value]))
  return dl
}

const block = (heading, content) =>
  content ? el('section', {}, [el('h2', { text: heading }), content]) : null

const SECTIONS = {
  documents: {
    // The card projection: list calls select only what a card shows (no bodies).
    cardFields: ['title', 'kind', 'symbol', 'issuingBody', 'issueDate', 'summary', 'audience'],
    name: 'Văn bản',
    title: (d) => str(d.title),
    meta: (d) =>
      joinMeta([
        labelOf(DOCUMENT_KINDS, d.kind),
        str(d.symbol) && `Số ${str(d.symbol)}`,
        str(d.issuingBody),
        formatDate(d.issueDate),
      ]),
    summary: (d) => str(d.summary),
    badges: (d) => [audienceBadge(d)],
    detail: (d) => [
      facts([
        ['Loại văn bản', labelOf(DOCUMENT_KINDS, d.kind)],
        ['Số, ký hiệu', str(d.symbol)],
        ['Cơ quan ban hành', str(d.issuingBody)],
        ['Ngày ban hành', formatDate(d.issueDate)],
        ['Ngày hiệu lực', formatDate(d.effectiveDate)],
        ['Ngày hết hiệu lực', formatDate(d.expiryDate)],
      ]),
      str(d.summary) ? el('p', { className: 'lead pre-line', text: str(d.summary) }) : null,
      block('Nội dung', html(d.bodyHtml)),
    ],
  },

  orientations: {
    // The card projection: list calls select only what a card shows (no bodies).
    cardFields: ['title', 'period', 'periodStart', 'topic', 'keyMessages', 'audience'],
    name: 'Định hướng',
    title: (d) => str(d.title),
    meta: (d) => joinMeta([periodText(d.period, d.periodStart), str(d.topic)]),
    summary: (d) => {
      const first = Array.isArray(d.keyMessages)
        ? d.keyMessages.find((m) => m && str(m.text))
        : null
      return first ? str(first.text) : ''
    },
    badges: (d) => [audienceBadge(d)],
    detail: (d) => {
      const messages = Array.isArray(d.keyMessages)
        ? d.keyMessages.map((m) => str(m && m.text)).filter(Boolean)
        : []
      return [
        facts([
          ['Kỳ', labelOf(PERIODS, d.period)],
          ['Bắt đầu', formatDate(d.periodStart)],
          ['Chủ đề', str(d.topic)],
        ]),
        block(
          'Thông điệp chính',
          messages.length
            ? el(
                'ul',
                { className: 'key-messages' },
                messages.map((text) => el('li', { text })),
              )
            : null,
        ),
        block('Gợi ý nội dung tuyên truyền', html(d.talkingPointsHtml)),
      ]
    },
  },

  'identified-pages': {
    // The card projection: list calls select only what a card shows (no bodies).
    cardFields: ['name', 'platform', 'pageStatus', 'reason', 'classification', 'audience'],
    name: 'Nhận diện',
    title: (d) => str(d.name),
    meta: (d) => joinMeta([labelOf(PLATFORMS, d.platform), labelOf(PAGE_STATUSES, d.pageStatus)]),
    summary: (d) => str(d.reason),
    badges: (d) => [classificationBadge(d), audienceBadge(d)],
    cardClass: (d) =>
      str(d.classification) === 'official'
        ? 'is-official'
        : str(d.classification) === 'hostile'
          ? 'is-hostile'
          : '',
    detail: (d) => {
      const official = str(d.classification) === 'official'
      const href = official ? safeHttpUrl(d.url) : null
      // Only official pages get a link; hostile (or unclassified) addresses stay plain text.
      const address = href
        ? externalLink(href, str(d.url))
        : str(d.url)
          ? el('span', { className: 'plain-url', text: str(d.url), attrs: { translate: 'no' } })
          : null
      return [
        str(d.classification) === 'hostile'
          ? el('div', { className: 'warning-box', attrs: { role: 'note' } }, [
              el('p', {
                text: 'Đây là trang xấu, độc. Không truy cập, không bình luận, không chia sẻ.',
              }),
            ])
          : null,
        facts([
          ['Nền tảng', labelOf(PLATFORMS, d.platform)],
          ['Trạng thái', labelOf(PAGE_STATUSES, d.pageStatus)],
          ['Địa chỉ', address],
          ['Phát hiện lần đầu', formatDate(d.firstSeen)],
          ['Kiểm tra lần cuối', formatDate(d.lastVerified)],
        ]),
        block(
          'Lý do, nhận xét',
          str(d.reason) ? el('p', { className: 'pre-line', text: str(d.reason) }) : null,
        ),
        block('Mô tả chi tiết', html(d.descriptionHtml)),
      ]
    },
  },

  references: {
    // The card projection: list calls select only what a card shows (no bodies).
    cardFields: ['title', 'kind', 'author', 'publisher', 'year', 'summary', 'audience'],
    name: 'Tham khảo',
    title: (d) => str(d.title),
    meta: (d) =>
      joinMeta([labelOf(REFERENCE_KINDS, d.kind), str(d.author), str(d.publisher), str(d.year)]),
    summary: (d) => str(d.summary),
    badges: (d) => [audienceBadge(d)],
    detail: (d) => {
      const href = safeHttpUrl(d.externalUrl)
      return [
        facts([
          ['Loại', labelOf(REFERENCE_KINDS, d.kind)],
          ['Tác giả', str(d.author)],
          // The same name as author and publisher (self-published, a newspaper's own article) once.
          ['Nhà xuất bản, nguồn', str(d.publisher) === str(d.author) ? '' : str(d.publisher)],
          ['Năm', str(d.year)],
        ]),
        str(d.summary) ? el('p', { className: 'lead pre-line', text: str(d.summary) }) : null,
        block('Giới thiệu', html(d.descriptionHtml)),
        href ? el('p', {}, [externalLink(href, 'Mở tài liệu gốc ↗')]) : null,
      ]
    },
  },

  questions: {
    // The card projection: list calls select only what a card shows (no bodies).
    cardFields: ['title', 'topic', 'question', 'audience'],
    name: 'Hỏi – Đáp',
    listQuery: '&where[isFaq][equals]=true',
    title: (d) => str(d.title),
    meta: (d) => str(d.topic),
    summary: (d) => str(d.question),
    badges: (d) => [audienceBadge(d)],
    detail: (d) => [
      block(
        'Câu hỏi',
        str(d.question) ? el('div', { className: 'question-box', text: str(d.question) }) : null,
      ),
      block(
        'Trả lời',
        html(d.answerHtml) || el('p', { className: 'status', text: 'Chưa có câu trả lời.' }),
      ),
    ],
  },
}

const isSection = (slug) => Object.prototype.hasOwnProperty.call(SECTIONS, slug)

const listUrl = (slug) =>
  `/api/${slug}?${LIST_QUERY}${SECTIONS[slug].cardFields.map((f) => `&select[${f}]=true`).join('')}${SECTIONS[slug].listQuery || ''}`
const detailUrl = (slug, id) => `/api/${slug}/${encodeURIComponent(id)}?depth=0`
const hasId = (doc) =>
  doc && typeof doc === 'object' && (typeof doc.id === 'string' || typeof doc.id === 'number')

const setStatus = (node, kind, text) => {
  node.classList.toggle('is-loading', kind === 'loading')
  node.classList.toggle('is-error', kind === 'error')
  node.textContent = text || ''
}

const renderCard = (slug, doc) => {
  const def = SECTIONS[slug]
  const id = String(doc.id)
  const badges = def.badges(doc).filter(Boolean)
  const meta = def.meta(doc)
  const summary = truncate(def.summary(doc))
  const card = el(
    'article',
    {
      className: `card ${def.cardClass ? def.cardClass(doc) : ''}`.trim(),
      attrs: { 'data-id': id },
    },
    [
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      el('h3', { className: 'item-title' }, [
        el('a', {
          text: def.title(doc) || TEXT.untitled,
          attrs: { href: `#/${slug}/${encodeURIComponent(id)}` },
        }),
      ]),
      meta ? el('p', { className: 'item-meta', text: meta }) : null,
      summary ? el('p', { className: 'item-summary', text: summary }) : null,
    ],
  )
  return card
}

const listTokens = {}

const loadSection = async (slug) => {
  const section = document.querySelector(`[data-section="${slug}"]`)
  if (!section) return
  const status = section.querySelector('.status')
  const cards = section.querySelector('.cards')
  let more = section.querySelector('.more')
  const token = (listTokens[slug] = (listTokens[slug] || 0) + 1)

  section.setAttribute('aria-busy', 'true')
  setStatus(status, 'loading', TEXT.loading)
  if (more) more.remove()

  let data
  try {
    data = await api(listUrl(slug))
  } catch {
    if (token !== listTokens[slug]) return
    cards.replaceChildren()
    setStatus(status, 'error', TEXT.error)
    section.removeAttribute('aria-busy')
    return
  }
  if (token !== listTokens[slug]) return
  section.removeAttribute('aria-busy')

  const docs = data && Array.isArray(data.docs) ? data.docs.filter(hasId) : []
  cards.replaceChildren(...docs.map((doc) => renderCard(slug, doc)))
  if (!docs.length) {
    setStatus(status, 'empty', TEXT.empty)
    return
  }
  setStatus(status, 'ok', '')
  const total = data && typeof data.totalDocs === 'number' ? data.totalDocs : docs.length
  if (total > docs.length) {
    more = el('p', {
      className: 'more',
      text: `Hiển thị ${docs.length} mục mới cập nhật trên tổng số ${total}.`,
    })
    cards.after(more)
  }
}

const loadAll = () => Promise.all(Object.keys(SECTIONS).map(loadSection))

/* ---------- detail view & routing ---------- */

const overview = document.getElementById('overview')
const detail = document.getElementById('detail')
const detailBody = document.getElementById('detail-body')
const BASE_TITLE = document.title
let detailToken = 0
let current = null // { slug, id } while the detail view is open
let lastOpened = null // { slug, id } to restore focus when going back

/** Shareable item paths (`/van-ban/12-nghi-quyet…`), served with Open Graph meta by the host. */
const SHARE_SEGMENTS = {
  'van-ban': 'documents',
  'dinh-huong': 'orientations',
  'nhan-dien': 'identified-pages',
  'tham-khao': 'references',
  'hoi-dap': 'questions',
}

const parseRoute = () => {
  const shared = /^\/([a-z-]+)\/(\d{1,12})(?:-[a-z0-9-]*)?\/?$/.exec(location.pathname)
  if (!location.hash && shared && SHARE_SEGMENTS[shared[1]])
    return { slug: SHARE_SEGMENTS[shared[1]], id: shared[2] }
  const match = /^#\/([a-z-]+)\/(.+)$/.exec(location.hash)
  if (!match || !isSection(match[1])) return null
  try {
    return { slug: match[1], id: decodeURIComponent(match[2]) }
  } catch {
    return null
  }
}

/**
 * oEmbed discovery for the item shown, public items only: outside sites turn the item's link into
 * an embedded card. The portal is hash-routed, so only consumers that run scripts see this link;
 * server-rendered discovery comes with real item paths.
 */
const setOembedLink = (item) => {
  let link = document.head.querySelector('link[type="application/json+oembed"]')
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
  const page = `${location.origin}${location.pathname}#/${item.slug}/${encodeURIComponent(item.id)}`
  link.href = `/oembed?url=${encodeURIComponent(page)}&format=json`
  link.title = item.title
}

const detailError = (err) => {
  const status = err && err.status
  if (status === 401 || status === 403)
    return 'Nội dung này chỉ dành cho đảng viên. Vui lòng đăng nhập để xem.'
  if (status === 404) return 'Không tìm thấy nội dung, hoặc nội dung không công khai.'
  return TEXT.error
}

/* ---------- sharing ---------- */

const SHARE_SEGMENT_OF = Object.fromEntries(
  Object.entries(SHARE_SEGMENTS).map(([segment, slug]) => [slug, segment]),
)

/** The words of a shareable path, as the server writes them ("Nghị quyết 05" → "nghi-quyet-05"). */
const urlWords = (title) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')

const shareUrl = (slug, id, title) => {
  const words = urlWords(title)
  return `${location.origin}/${SHARE_SEGMENT_OF[slug]}/${id}${words ? `-${words}` : ''}`
}

/**
 * Share actions for a public item (the link previews with its title in Zalo and Facebook): the
 * phone's share sheet where there is one (Zalo is offered there), copy link, Facebook. Hostile
 * identified pages are never shared, and neither is anything not public.
 */
const shareBox = (slug, doc, title) => {
  if (str(doc.audience) !== 'public') return null
  if (slug === 'identified-pages' && str(doc.classification) !== 'official') return null
  // Documents are named by symbol and title, as the server names them.
  const words = slug === 'documents' ? `${str(doc.symbol)} ${title}` : title
  const url = shareUrl(slug, String(doc.id), words)
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
    externalLink(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
      'Facebook',
    ),
  )
  return el(
    'section',
    { className: 'share', attrs: { 'aria-label': 'Chia sẻ', 'data-share-url': url } },
    [el('h2', { text: 'Chia sẻ' }), el('p', { className: 'share-actions' }, buttons), done],
  )
}

const showDetail = async ({ slug, id }) => {
  const def = SECTIONS[slug]
  const token = ++detailToken
  current = { slug, id }
  lastOpened = { slug, id }
  setOembedLink(null)
  overview.hidden = true
  detail.hidden = false
  detail.setAttribute('aria-busy', 'true')
  const status = el('p', {
    className: 'status is-loading',
    attrs: { role: 'status' },
    text: TEXT.loading,
  })
  detailBody.replaceChildren(status)
  window.scrollTo(0, 0)

  let doc
  try {
    doc = await api(detailUrl(slug, id))
    if (!doc || typeof doc !== 'object') throw new Error('empty')
  } catch (err) {
    if (token !== detailToken) return
    detail.removeAttribute('aria-busy')
    const heading = el('h1', {
      text: 'Không mở được nội dung',
      attrs: { id: 'detail-title', tabindex: '-1' },
    })
    detailBody.replaceChildren(
      heading,
      el('p', { className: 'status is-error', attrs: { role: 'alert' }, text: detailError(err) }),
    )
    heading.focus()
    return
  }
  if (token !== detailToken) return
  detail.removeAttribute('aria-busy')

  const title = def.title(doc) || TEXT.untitled
  const sectionTitle = document.getElementById(`${slug}-title`)
  const badges = def.badges(doc).filter(Boolean)
  const heading = el('h1', { text: title, attrs: { id: 'detail-title', tabindex: '-1' } })
  const article = el(
    'article',
    { className: 'detail-article', attrs: { 'data-detail-id': String(doc.id ?? id) } },
    [
      sectionTitle ? el('p', { className: 'item-meta', text: sectionTitle.textContent }) : null,
      heading,
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      ...def.detail(doc),
      shareBox(slug, doc, title),
    ],
  )
  detailBody.replaceChildren(article)
  document.title = `${title} – Sổ tay`
  if (str(doc.audience) === 'public') setOembedLink({ slug, id: String(doc.id ?? id), title })
  heading.focus()
}

const showOverview = () => {
  const wasDetail = !detail.hidden
  detailToken++
  current = null
  detail.hidden = true
  detail.removeAttribute('aria-busy')
  detailBody.replaceChildren()
  overview.hidden = false
  document.title = BASE_TITLE
  setOembedLink(null)

  // "#documents" (nav) or "#/documents": scroll to that section.
  const target = location.hash.replace(/^#\/?/, '')
  const section = target && !target.includes('/') ? document.getElementById(target) : null
  if (section && overview.contains(section)) {
    if (wasDetail || location.hash.startsWith('#/')) section.scrollIntoView()
    return
  }
  // Back from a detail view: return focus to the item that was opened (the search hit, when it
  // was opened from the search results).
  if (wasDetail && lastOpened) {
    const key = `${lastOpened.slug}/${lastOpened.id}`
    const hitLink =
      search.opened === key && !searchResults.hidden
        ? [...searchHits.querySelectorAll('a[data-route]')].find((a) => a.dataset.route === key)
        : null
    if (hitLink) {
      hitLink.focus()
      hitLink.scrollIntoView({ block: 'center' })
      return
    }
    const link = document.querySelector(
      `[data-section="${lastOpened.slug}"] a[href="#/${lastOpened.slug}/${encodeURIComponent(lastOpened.id)}"]`,
    )
    if (link) {
      link.focus()
      link.scrollIntoView({ block: 'center' })
      return
    }
  }
  if (wasDetail) window.scrollTo(0, 0)
}

const route = () => {
  const r = parseRoute()
  if (r) showDetail(r)
  else showOverview()
}

/* ---------- search ---------- */
// `GET /api/search`: hit titles and metadata are plain text (textContent); only `snippet`, which
// the server sanitizes to escaped text plus <mark>, goes through innerHTML.

const SEARCH_LIMIT = 10
const SEARCH_MIN_CHARS = 2
const SEARCH_DELAY = 250

const searchForm = document.getElementById('search-form')
const searchInput = document.getElementById('search-q')
const searchResults = document.querySelector('[data-search-results]')
const searchStatus = searchResults.querySelector('.search-status')
const searchFacets = searchResults.querySelector('.facets')
const searchHits = searchResults.querySelector('.hits')
const searchMore = searchResults.querySelector('.search-more')
const searchMoreButton = searchMore.querySelector('button')

const search = {
  q: '', // the query whose results are shown (or being fetched)
  section: '', // active section facet, '' for all
  page: 0,
  controller: null, // AbortController of the request in flight
  timer: 0, // search-as-you-type debounce
  opened: null, // "slug/id" of the hit last opened, to restore focus on return
}

const sectionName = (slug) => (isSection(slug) ? SECTIONS[slug].name : slug)

const hitKind = (slug, kind) => {
  if (slug === 'documents') return labelOf(DOCUMENT_KINDS, kind)
  if (slug === 'orientations') return labelOf(PERIODS, kind)
  if (slug === 'references') return labelOf(REFERENCE_KINDS, kind)
  if (slug === 'questions') return str(kind)
  return ''
}

const HIT_URL = /^\/?#\/([a-z-]+)\/([^\s#?]+)$/

/** The hit's own portal link (`/#/<slug>/<id>`), rebuilt from collection/itemId if unusable. */
const hitHref = (hit) => {
  const url = str(hit.url)
  if (HIT_URL.test(url)) return url
  const slug = str(hit.collection)
  const id = str(hit.itemId)
  return isSection(slug) && id ? `/#/${slug}/${encodeURIComponent(id)}` : null
}

/** "slug/id" as parseRoute() would see it, to match lastOpened. */
const routeKey = (href) => {
  const match = HIT_URL.exec(href)
  if (!match) return ''
  try {
    return `${match[1]}/${decodeURIComponent(match[2])}`
  } catch {
    return ''
  }
}

const renderHit = (hit) => {
  const slug = str(hit.collection)
  const href = hitHref(hit)
  const title = str(hit.title) || TEXT.untitled
  const hostileOrOfficial = slug === 'identified-pages' ? { classification: hit.kind } : null
  const badges = [
    hostileOrOfficial ? classificationBadge(hostileOrOfficial) : null,
    audienceBadge(hit),
  ].filter(Boolean)
  const meta = joinMeta([sectionName(slug), hitKind(slug, hit.kind), str(hit.year)])
  let snippet = null
  if (typeof hit.snippet === 'string' && hit.snippet.trim()) {
    snippet = el('p', { className: 'hit-snippet' })
    snippet.innerHTML = hit.snippet
  }
  const cardClass = hostileOrOfficial
    ? SECTIONS['identified-pages'].cardClass(hostileOrOfficial)
    : ''
  return el(
    'article',
    { className: `card hit ${cardClass}`.trim(), attrs: { 'data-hit': str(hit.id) } },
    [
      badges.length ? el('p', { className: 'badges' }, badges) : null,
      el('h3', { className: 'item-title' }, [
        href
          ? el('a', {
              className: 'hit-title',
              text: title,
              attrs: { href, 'data-route': routeKey(href) },
            })
          : el('span', { className: 'hit-title', text: title }),
      ]),
      meta ? el('p', { className: 'item-meta', text: meta }) : null,
      snippet,
    ],
  )
}

const renderFacets = (facets) => {
  const counts =
    facets && facets.section && typeof facets.section === 'object' ? facets.section : {}
  const countOf = (slug) => {
    const n = Object.prototype.hasOwnProperty.call(counts, slug) ? Number(counts[slug]) : 0
    return Number.isFinite(n) && n > 0 ? n : 0
  }
  const chips = Object.keys(SECTIONS)
    .filter((slug) => countOf(slug) > 0 || slug === search.section)
    .map((slug) =>
      el(
        'button',
        {
          className: 'chip',
          attrs: {
            type: 'button',
            'data-facet': slug,
            'aria-pressed': String(slug === search.section),
            'aria-label': `${SECTIONS[slug].name}: ${countOf(slug)} kết quả`,
          },
        },
        [
          el('span', { text: SECTIONS[slug].name }),
          el('span', { className: 'chip-count', text: String(countOf(slug)) }),
        ],
      ),
    )
  searchFacets.replaceChildren(...chips)
  searchFacets.hidden = !chips.length
}

/** Keep `?q=` in the address (shareable) without touching the hash route. */
const setQueryParam = (q) => {
  const params = new URLSearchParams(location.search)
  if (q) params.set('q', q)
  else params.delete('q')
  const query = params.toString()
  const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`
  if (url !== `${location.pathname}${location.search}${location.hash}`)
    history.replaceState(history.state, '', url)
}

const setSearchStatus = (kind, text) => {
  // Re-writing the same line would make screen readers announce it again.
  if (searchStatus.textContent === text && !searchStatus.classList.contains('is-loading')) return
  setStatus(searchStatus, kind, text)
}

/** Search `q` (page 1), or load the next page of the current search with `append`. */
const runSearch = async ({
  q = search.q,
  section = search.section,
  append = false,
  focusFacet,
} = {}) => {
  if (append) {
    if (search.controller) return // a new search is on its way; its page 1 comes first
    q = search.q
    section = search.section
  } else {
    window.clearTimeout(search.timer)
    if (search.controller) search.controller.abort()
    search.q = q
    search.section = section
    setQueryParam(q)
  }
  const controller = new window.AbortController()
  search.controller = controller
  const page = append ? search.page + 1 : 1

  searchResults.hidden = false
  searchResults.setAttribute('aria-busy', 'true')
  searchMoreButton.disabled = true
  if (!append) setStatus(searchStatus, 'loading', TEXT.searching)

  const params = new URLSearchParams({ q, page: String(page), limit: String(SEARCH_LIMIT) })
  if (section) params.set('section', section)

  let data
  try {
    data = await api(`/api/search?${params}`, { signal: controller.signal })
  } catch (err) {
    if (controller !== search.controller) return // aborted or overtaken by a newer search
    search.controller = null
    searchResults.removeAttribute('aria-busy')
    searchMoreButton.disabled = false
    const message = err instanceof ApiError && err.status === 400 ? errorMessage(err.data) : ''
    setStatus(searchStatus, 'error', message || TEXT.searchError)
    if (!append) {
      searchFacets.replaceChildren()
      searchFacets.hidden = true
      searchHits.replaceChildren()
      searchMore.hidden = true
    }
    return
  }
  if (controller !== search.controller) return
  search.controller = null
  searchResults.removeAttribute('aria-busy')
  searchMoreButton.disabled = false

  const hits =
    data && Array.isArray(data.hits)
      ? data.hits.filter((hit) => hit && typeof hit === 'object')
      : []
  const total =
    data && typeof data.total === 'number' && Number.isFinite(data.total) ? data.total : hits.length
  search.page = page

  if (append) {
    const seen = new Set([...searchHits.children].map((node) => node.dataset.hit))
    const added = hits.filter((hit) => !seen.has(str(hit.id))).map(renderHit)
    searchHits.append(...added)
    // Keyboard users continue reading from the first new result.
    const first = added.length ? added[0].querySelector('a.hit-title') : null
    if (first) first.focus()
  } else {
    renderFacets(data && data.facets)
    searchHits.replaceChildren(...hits.map(renderHit))
    if (focusFacet) {
      const chip = [...searchFacets.querySelectorAll('[data-facet]')].find(
        (node) => node.dataset.facet === focusFacet,
      )
      if (chip) chip.focus()
      else searchInput.focus()
    }
  }

  if (total > 0) setSearchStatus('ok', TEXT.found(total, q))
  else setSearchStatus('empty', TEXT.searchEmpty)
  searchMore.hidden = !(hits.length && page * SEARCH_LIMIT < total)
}

const clearSearch = () => {
  window.clearTimeout(search.timer)
  if (search.controller) search.controller.abort()
  search.controller = null
  search.q = ''
  search.section = ''
  search.page = 0
  searchResults.hidden = true
  searchResults.removeAttribute('aria-busy')
  setStatus(searchStatus, 'ok', '')
  searchFacets.replaceChildren()
  searchFacets.hidden = true
  searchHits.replaceChildren()
  searchMore.hidden = true
  searchMoreButton.disabled = false
  setQueryParam('')
}

/** Search-as-you-type: wait for a pause, and for at least two characters. */
const scheduleSearch = () => {
  window.clearTimeout(search.timer)
  const q = searchInput.value.trim()
  if (!q) {
    clearSearch()
    return
  }
  if (q.length < SEARCH_MIN_CHARS) return
  if (q === search.q && !searchResults.hidden) return // already shown (or on its way)
  search.timer = setTimeout(() => runSearch({ q }), SEARCH_DELAY)
}

// Vietnamese keyboards (Telex, VNI) compose letters: wait until a composition is finished.
searchInput.addEventListener('input', (event) => {
  if (!event.isComposing) scheduleSearch()
})
searchInput.addEventListener('compositionend', scheduleSearch)

searchForm.addEventListener('submit', (event) => {
  event.preventDefault()
  // An empty query still goes to the server, which explains what is missing.
  runSearch({ q: searchInput.value.trim() })
})

searchFacets.addEventListener('click', (event) => {
  const chip = event.target.closest('button[data-facet]')
  if (!chip || !search.q) return
  const slug = chip.dataset.facet
  runSearch({ section: slug === search.section ? '' : slug, focusFacet: slug })
})

searchMoreButton.addEventListener('click', () => runSearch({ append: true }))

// Hit links are `/#/<slug>/<id>`: open them through the hash router so `?q=` (and the results)
// stay in place when the reader comes back.
searchHits.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]')
  if (!link) return
  search.opened = link.dataset.route
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const url = new URL(link.getAttribute('href'), location.href)
  if (url.origin !== location.origin || url.pathname !== location.pathname) return
  event.preventDefault()
  if (location.hash === url.hash) route()
  else location.hash = url.hash
})

const startSearchFromUrl = () => {
  const q = (new URLSearchParams(location.search).get('q') || '').trim()
  if (!q) return
  searchInput.value = q
  runSearch({ q })
}

/* ---------- members' questions ---------- */

const QUESTION_STATES = {
  new: 'Mới gửi',
  assigned: 'Đang được trả lời',
  answered: 'Đã trả lời',
  published: 'Đã trả lời, công bố chung',
  rejected: 'Không trả lời',
}

const questionsSection = document.getElementById('questions')
let myQuestions = null // the "ask" and "my questions" block while someone is signed in

const field = (labelText, control, hint) =>
  el('p', { className: 'field' }, [
    el('label', { text: labelText, attrs: { for: control.id } }),
    control,
    hint ? el('span', { className: 'field-hint', text: hint }) : null,
  ])

const loadMyQuestions = async (list, status) => {
  setStatus(status, 'loading', TEXT.loading)
  try {
    const data = await api('/api/questions/mine')
    const docs = data && Array.isArray(data.docs) ? data.docs : []
    setStatus(status, '', docs.length ? '' : 'Đồng chí chưa gửi câu hỏi nào.')
    list.replaceChildren(
      ...docs.map((doc) =>
        el('li', { className: 'my-question', attrs: { 'data-id': String(doc.id) } }, [
          el('p', { className: 'item-title', text: str(doc.title) || TEXT.untitled }),
          el('p', {
            className: 'item-meta',
            text: joinMeta([formatDate(doc.createdAt), QUESTION_STATES[str(doc.state)]]),
          }),
          html(doc.answerHtml),
        ]),
      ),
    )
  } catch (err) {
    setStatus(status, 'error', errorMessage(err && err.data) || TEXT.error)
  }
}

/** "Đặt câu hỏi" and "Câu hỏi của tôi", in the Hỏi – Đáp section, for whoever is signed in. */
const showMyQuestions = (user) => {
  if (myQuestions) myQuestions.remove()
  myQuestions = null
  if (!user || !questionsSection) return
  const title = el('input', {
    attrs: { id: 'ask-title', name: 'title', required: '', maxlength: '200', autocomplete: 'off' },
  })
  const topic = el('input', { attrs: { id: 'ask-topic', name: 'topic', maxlength: '100' } })
  const text = el('textarea', {
    attrs: { id: 'ask-question', name: 'question', required: '', maxlength: '5000', rows: '5' },
  })
  const result = el('p', { className: 'status', attrs: { role: 'status' } })
  const submit = el('button', { text: 'Gửi câu hỏi', attrs: { type: 'submit' } })
  const form = el('form', { className: 'ask-form', attrs: { id: 'ask-form', novalidate: '' } }, [
    field('Câu hỏi (ngắn gọn)', title),
    field('Chủ đề', topic, 'Không bắt buộc'),
    field('Nội dung câu hỏi', text),
    el('p', {}, [submit]),
    result,
  ])
  const listStatus = el('p', { className: 'status', attrs: { role: 'status' } })
  const list = el('ul', { className: 'my-questions', attrs: { id: 'my-questions' } })
  myQuestions = el('div', { className: 'ask', attrs: { id: 'ask' } }, [
    el('h3', { text: 'Đặt câu hỏi' }),
    el('p', {
      className: 'field-hint',
      text: 'Câu hỏi gửi tới cán bộ phụ trách. Nếu được công bố chung, tên người hỏi không bao giờ hiển thị.',
    }),
    form,
    el('h3', { text: 'Câu hỏi của tôi' }),
    listStatus,
    list,
  ])
  questionsSection.append(myQuestions)
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const body = {
      title: title.value.trim(),
      topic: topic.value.trim(),
      question: text.value.trim(),
    }
    if (!body.title || !body.question) {
      setStatus(result, 'error', 'Vui lòng nhập câu hỏi và nội dung câu hỏi.')
      return
    }
    submit.disabled = true
    setStatus(result, 'loading', 'Đang gửi…')
    try {
      await api('/api/questions', { method: 'POST', body })
      form.reset()
      setStatus(result, '', 'Đã gửi câu hỏi. Câu trả lời sẽ hiện trong mục “Câu hỏi của tôi”.')
      await loadMyQuestions(list, listStatus)
    } catch (err) {
      const status = err && err.status
      setStatus(
        result,
        'error',
        status === 429
          ? 'Đồng chí đã gửi nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau.'
          : status === 401 || status === 403
            ? 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.'
            : errorMessage(err && err.data) || TEXT.error,
      )
    } finally {
      submit.disabled = false
    }
  })
  void loadMyQuestions(list, listStatus)
}

/* ---------- member sign-in ---------- */

const account = document.getElementById('account')
const signedIn = document.getElementById('account-signed-in')
const greeting = document.getElementById('account-greeting')
const loginPanel = document.getElementById('login-panel')
const loginForm = document.getElementById('login-form')
const loginError = document.getElementById('login-error')
const logoutButton = document.getElementById('logout-button')

const adminLink = document.querySelector('.admin-link')
const STAFF_ROLES = ['admin', 'editor', 'reviewer']

/** The header's admin link: for staff ("Quản trị") and for signing in, never for a member. */
const setAdminLink = (user) => {
  if (!adminLink) return
  const roles = user && Array.isArray(user.roles) ? user.roles : []
  const isStaff = roles.some((role) => STAFF_ROLES.includes(role))
  adminLink.hidden = Boolean(user) && !isStaff
  adminLink.textContent = user ? 'Quản trị' : 'Đăng nhập quản trị'
}

const setUser = (user) => {
  account.hidden = false
  setAdminLink(user && typeof user === 'object' ? user : null)
  showMyQuestions(user && typeof user === 'object' ? user : null)
  if (user && typeof user === 'object') {
    greeting.textContent = `Xin chào, ${str(user.fullName) || str(user.email) || 'đồng chí'}`
    signedIn.hidden = false
    loginPanel.hidden = true
    loginPanel.open = false
  } else {
    greeting.textContent = ''
    signedIn.hidden = true
    loginPanel.hidden = false
  }
}

const loadMe = async () => {
  try {
    const data = await api('/api/users/me')
    setUser(data && data.user)
  } catch {
    setUser(null)
  }
}

/** Reload the lists (an open detail view, the current search) after the signed-in user changed. */
const refreshContent = () => {
  loadAll()
  if (current) showDetail(current)
  if (search.q) runSearch()
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault()
  const email = loginForm.elements.email.value.trim()
  const password = loginForm.elements.password.value
  loginError.textContent = ''
  if (!email || !password) {
    loginError.textContent = 'Vui lòng nhập email và mật khẩu.'
    return
  }
  const button = loginForm.querySelector('button[type="submit"]')
  button.disabled = true
  try {
    const data = await api('/api/users/login', { method: 'POST', body: { email, password } })
    if (!data || !data.user) throw new ApiError(401, data)
    loginForm.reset()
    setUser(data.user)
    logoutButton.focus()
    refreshContent()
  } catch (err) {
    loginError.textContent =
      err instanceof ApiError
        ? errorMessage(err.data) ||
          'Đăng nhập không thành công. Vui lòng kiểm tra email và mật khẩu.'
        : 'Không kết nối được máy chủ. Vui lòng thử lại sau.'
  } finally {
    button.disabled = false
  }
})

logoutButton.addEventListener('click', async () => {
  logoutButton.disabled = true
  try {
    await api('/api/users/logout', { method: 'POST' })
  } catch {
    // Fall through: /api/users/me tells us whether the session really ended.
  }
  await loadMe()
  logoutButton.disabled = false
  if (!loginPanel.hidden) loginPanel.querySelector('summary').focus()
  refreshContent()
})

/* ---------- start ---------- */

document.getElementById('site-nav').hidden = false
document.getElementById('sections').hidden = false
document.getElementById('search').hidden = false
window.addEventListener('hashchange', route)
loadMe()
loadAll()
route()
startSearchFromUrl()
