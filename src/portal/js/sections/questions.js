import { CARD_FIELDS } from '../queries.js'
import { block, el, html } from '../dom.js'
import { str } from '../util.js'
import { audienceBadge } from './common.js'

/** @type {import('./common.js').SectionDef} */
export const questions = {
  slug: 'questions',
  name: 'Hỏi – Đáp',
  heading: 'Hỏi – Đáp',
  cardFields: CARD_FIELDS.questions,
  filters: [],
  title: (d) => str(d.title),
  shareWords: (d) => str(d.title),
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
}
