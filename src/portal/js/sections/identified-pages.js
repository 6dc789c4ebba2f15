import { CARD_FIELDS } from '../queries.js'
import { block, el, externalLink, facts, html } from '../dom.js'
import { CLASSIFICATIONS, PAGE_STATUSES, PLATFORMS } from '../labels.js'
import { itemPath } from '../routes.js'
import { formatDate, joinMeta, labelOf, safeHttpUrl, str } from '../util.js'
import { audienceBadge, classificationBadge, isDoc, mediaList, picture } from './common.js'
import { equalsWhere } from './years.js'

/** @typedef {import('./common.js').Doc} Doc */

/** @type {Record<string, string>} */
const CLASSIFICATION_LABELS = Object.fromEntries(
  Object.entries(CLASSIFICATIONS).map(([key, { label }]) => [key, label]),
)

/** @param {Doc} d */
const isOfficial = (d) => str(d.classification) === 'official'

/** Rebuttals point at references and orientations (polymorphic): only the readable ones. @param {unknown} values */
const rebuttalLinks = (values) => {
  const items = (Array.isArray(values) ? values : []).filter(
    (v) =>
      v && (v.relationTo === 'references' || v.relationTo === 'orientations') && isDoc(v.value),
  )
  if (!items.length) return null
  return el(
    'ul',
    { className: 'related' },
    items.map(({ relationTo, value }) =>
      el('li', {}, [
        el('a', {
          text: str(value.title) || 'Không có tiêu đề',
          attrs: { href: itemPath(relationTo, value.id, str(value.title)) },
        }),
      ]),
    ),
  )
}

/** @type {import('./common.js').SectionDef} */
export const identifiedPages = {
  slug: 'identified-pages',
  name: 'Nhận diện',
  heading: 'Nhận diện trang mạng',
  note: 'Theo dõi, chia sẻ trang chính thống; nhận diện và không truy cập, không chia sẻ trang xấu, độc.',
  cardFields: CARD_FIELDS['identified-pages'],
  filters: [
    {
      param: 'phan-loai',
      label: 'Phân loại',
      options: CLASSIFICATION_LABELS,
      where: equalsWhere(CLASSIFICATION_LABELS, 'classification'),
    },
    {
      param: 'nen-tang',
      label: 'Nền tảng',
      options: PLATFORMS,
      where: equalsWhere(PLATFORMS, 'platform'),
    },
  ],
  title: (d) => str(d.name),
  shareWords: (d) => str(d.name),
  // Hostile pages are never shared, and unclassified ones neither.
  shareable: isOfficial,
  meta: (d) => joinMeta([labelOf(PLATFORMS, d.platform), labelOf(PAGE_STATUSES, d.pageStatus)]),
  summary: (d) => str(d.reason),
  badges: (d) => [classificationBadge(d), audienceBadge(d)],
  cardClass: (d) =>
    isOfficial(d) ? 'is-official' : str(d.classification) === 'hostile' ? 'is-hostile' : '',
  detail: (d) => {
    const href = isOfficial(d) ? safeHttpUrl(d.url) : null
    // Only official pages get a link; hostile (or unclassified) addresses stay plain text.
    const address = href
      ? externalLink(href, str(d.url))
      : str(d.url)
        ? el('span', { className: 'plain-url', text: str(d.url), attrs: { translate: 'no' } })
        : null
    const evidence = mediaList(d.evidence)
      .map((m) => picture(m, { sizes: '(max-width: 48rem) 100vw, 24rem' }))
      .filter(Boolean)
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
      block(
        'Ảnh chụp làm bằng chứng',
        evidence.length ? el('div', { className: 'gallery' }, evidence) : null,
      ),
      block('Bài phản bác, định hướng', rebuttalLinks(d.rebuttals), 'related-block'),
    ]
  },
}
