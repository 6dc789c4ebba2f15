import { CARD_FIELDS } from '../queries.js'
import { block, el, facts, html } from '../dom.js'
import { PERIODS } from '../labels.js'
import { formatDate, joinMeta, labelOf, periodText, str } from '../util.js'
import { audienceBadge, mediaOf, player, relatedLinks } from './common.js'
import { equalsWhere, recentYears, yearWhere } from './years.js'

/** @typedef {import('./common.js').Doc} Doc */

/** @param {Doc} d */
const messagesOf = (d) =>
  Array.isArray(d.keyMessages) ? d.keyMessages.map((m) => str(m && m.text)).filter(Boolean) : []

/** @param {Doc} d */
const documentTitle = (d) => joinMeta([str(d.symbol), str(d.title)])

/** @type {import('./common.js').SectionDef} */
export const orientations = {
  slug: 'orientations',
  name: 'Định hướng',
  heading: 'Định hướng công tác tư tưởng',
  cardFields: CARD_FIELDS.orientations,
  filters: [
    { param: 'ky', label: 'Kỳ', options: PERIODS, where: equalsWhere(PERIODS, 'period') },
    {
      param: 'nam',
      label: 'Năm',
      options: recentYears(),
      where: (v) => yearWhere('periodStart', v),
    },
  ],
  title: (d) => str(d.title),
  shareWords: (d) => str(d.title),
  meta: (d) => joinMeta([periodText(d.period, d.periodStart), str(d.topic)]),
  summary: (d) => messagesOf(d)[0] || '',
  badges: (d) => [audienceBadge(d)],
  detail: (d) => {
    const messages = messagesOf(d)
    const audio = mediaOf(d.audio)
    return [
      facts([
        ['Kỳ', labelOf(PERIODS, d.period)],
        ['Bắt đầu', formatDate(d.periodStart)],
        ['Chủ đề', str(d.topic)],
      ]),
      block('Nghe bản audio', audio ? player(audio, `Bản audio: ${str(d.title)}`) : null, 'media'),
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
      block(
        'Văn bản liên quan',
        relatedLinks('documents', d.relatedDocuments, documentTitle),
        'related-block',
      ),
      block(
        'Tài liệu tham khảo liên quan',
        relatedLinks('references', d.relatedReferences, (r) => str(r.title)),
        'related-block',
      ),
    ]
  },
}
