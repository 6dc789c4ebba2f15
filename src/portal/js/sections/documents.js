import { CARD_FIELDS } from '../queries.js'
import { badge, block, el, facts, html } from '../dom.js'
import { DOCUMENT_KINDS, VALIDITY } from '../labels.js'
import { itemPath } from '../routes.js'
import { formatDate, joinMeta, labelOf, str } from '../util.js'
import { audienceBadge, fileList, isDoc, mediaList } from './common.js'
import { equalsWhere, recentYears, yearWhere } from './years.js'

/** @typedef {import('./common.js').Doc} Doc */

/** @param {Doc} d */
const title = (d) => str(d.title)
/** Documents are named by symbol and title (their shareable path too). @param {Doc} d */
const words = (d) => `${str(d.symbol)} ${str(d.title)}`.trim()

/** @type {Record<string, string>} */
const VALIDITY_CLASS = {
  in_force: 'badge-valid',
  not_yet_in_force: 'badge-pending',
  expired: 'badge-expired',
  superseded: 'badge-expired',
}

/** @param {Doc} d */
const validityBadge = (d) => badge(VALIDITY[str(d.validity)], VALIDITY_CLASS[str(d.validity)] || '')

/** "Đã bị thay thế bởi …" with a link to the newer document, when the reader may see it. @param {Doc} d */
const successorNote = (d) => {
  const next = d.successor
  if (str(d.validity) !== 'superseded' || !isDoc(next)) return null
  const name = joinMeta([str(next.symbol), str(next.title)]) || 'văn bản mới'
  return el('p', { className: 'notice notice-superseded' }, [
    'Văn bản này đã bị thay thế bởi ',
    el('a', { text: name, attrs: { href: itemPath('documents', next.id, words(next)) } }),
    '.',
  ])
}

/** @type {import('./common.js').SectionDef} */
export const documents = {
  slug: 'documents',
  name: 'Văn bản',
  heading: 'Văn bản của Đảng bộ',
  cardFields: CARD_FIELDS.documents,
  filters: [
    {
      param: 'loai',
      label: 'Loại văn bản',
      options: DOCUMENT_KINDS,
      where: equalsWhere(DOCUMENT_KINDS, 'kind'),
    },
    {
      param: 'nam',
      label: 'Năm ban hành',
      options: recentYears(),
      where: (v) => yearWhere('issueDate', v),
    },
  ],
  title,
  shareWords: words,
  meta: (d) =>
    joinMeta([
      labelOf(DOCUMENT_KINDS, d.kind),
      str(d.symbol) && `Số ${str(d.symbol)}`,
      str(d.issuingBody),
      formatDate(d.issueDate),
    ]),
  summary: (d) => str(d.summary),
  badges: (d) => [validityBadge(d), audienceBadge(d)],
  detail: (d) => {
    const supersedes = isDoc(d.supersedes) ? d.supersedes : null
    return [
      successorNote(d),
      facts([
        ['Loại văn bản', labelOf(DOCUMENT_KINDS, d.kind)],
        ['Số, ký hiệu', str(d.symbol)],
        ['Cơ quan ban hành', str(d.issuingBody)],
        ['Ngày ban hành', formatDate(d.issueDate)],
        ['Ngày hiệu lực', formatDate(d.effectiveDate)],
        ['Ngày hết hiệu lực', formatDate(d.expiryDate)],
        ['Tình trạng', VALIDITY[str(d.validity)]],
        [
          'Thay thế văn bản',
          supersedes
            ? el('a', {
                text: joinMeta([str(supersedes.symbol), str(supersedes.title)]),
                attrs: { href: itemPath('documents', supersedes.id, words(supersedes)) },
              })
            : null,
        ],
      ]),
      str(d.summary) ? el('p', { className: 'lead pre-line', text: str(d.summary) }) : null,
      block('Tệp đính kèm', fileList(mediaList(d.attachments)), 'attachments'),
      block('Nội dung', html(d.bodyHtml)),
    ]
  },
}
