import { CARD_FIELDS } from '../queries.js'
import { block, el, externalLink, facts, html } from '../dom.js'
import { REFERENCE_KINDS } from '../labels.js'
import { formatDuration, joinMeta, labelOf, safeHttpUrl, str } from '../util.js'
import { audienceBadge, fileList, mediaOf, picture, player } from './common.js'
import { equalsWhere, recentYears } from './years.js'

/** @type {import('./common.js').SectionDef} */
export const references = {
  slug: 'references',
  name: 'Tham khảo',
  heading: 'Tài liệu tham khảo',
  cardFields: CARD_FIELDS.references,
  filters: [
    {
      param: 'loai',
      label: 'Loại',
      options: REFERENCE_KINDS,
      where: equalsWhere(REFERENCE_KINDS, 'kind'),
    },
    {
      param: 'nam',
      label: 'Năm',
      options: recentYears(),
      where: (v) => (/^\d{4}$/.test(v) ? `&where[year][equals]=${v}` : ''),
    },
  ],
  title: (d) => str(d.title),
  shareWords: (d) => str(d.title),
  meta: (d) =>
    joinMeta([
      labelOf(REFERENCE_KINDS, d.kind),
      str(d.author),
      str(d.publisher),
      str(d.year),
      formatDuration(d.duration),
    ]),
  summary: (d) => str(d.summary),
  badges: (d) => [audienceBadge(d)],
  detail: (d) => {
    const href = safeHttpUrl(d.externalUrl)
    const cover = mediaOf(d.cover)
    const file = mediaOf(d.file)
    const play = file ? player(file, `${labelOf(REFERENCE_KINDS, d.kind)}: ${str(d.title)}`) : null
    return [
      cover ? picture(cover, { eager: true, className: 'figure cover' }) : null,
      facts([
        ['Loại', labelOf(REFERENCE_KINDS, d.kind)],
        ['Tác giả', str(d.author)],
        // The same name as author and publisher (self-published, a newspaper's own article) once.
        ['Nhà xuất bản, nguồn', str(d.publisher) === str(d.author) ? '' : str(d.publisher)],
        ['Năm', str(d.year)],
        ['Thời lượng', formatDuration(d.duration)],
      ]),
      str(d.summary) ? el('p', { className: 'lead pre-line', text: str(d.summary) }) : null,
      play ? block(str(d.kind) === 'video' ? 'Xem video' : 'Nghe', play, 'media') : null,
      !play && file ? block('Tệp tài liệu', fileList([file]), 'attachments') : null,
      block('Giới thiệu', html(d.descriptionHtml)),
      href ? el('p', {}, [externalLink(href, 'Mở tài liệu gốc ↗')]) : null,
    ]
  },
}
