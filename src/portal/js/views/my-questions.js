// "Câu hỏi của tôi": a signed-in member asks (title, topic, text; the unit comes from the account)
// and follows each question's state and answer.

import { api, errorMessage, failureMessage } from '../api.js'
import { el, field, html, setStatus } from '../dom.js'
import { QUESTION_STATES, TEXT } from '../labels.js'
import { PAGES } from '../routes.js'
import { session } from '../session.js'
import { formatDate, joinMeta, str } from '../util.js'

/** @param {HTMLElement} list @param {HTMLElement} status */
const loadMine = async (list, status) => {
  setStatus(status, 'loading', TEXT.loading)
  try {
    const data = await api('/api/questions/mine')
    const docs = data && Array.isArray(data.docs) ? data.docs : []
    setStatus(status, '', docs.length ? '' : 'Đồng chí chưa gửi câu hỏi nào.')
    list.replaceChildren(
      ...docs.map((/** @type {Record<string, any>} */ doc) =>
        el('li', { className: 'my-question card', attrs: { 'data-id': String(doc.id) } }, [
          el('h3', { className: 'item-title', text: str(doc.title) || TEXT.untitled }),
          el('p', {
            className: 'item-meta',
            text: joinMeta([formatDate(doc.createdAt), QUESTION_STATES[str(doc.state)]]),
          }),
          str(doc.question)
            ? el('p', { className: 'item-summary pre-line', text: str(doc.question) })
            : null,
          html(doc.answerHtml),
        ]),
      ),
    )
  } catch (err) {
    setStatus(status, 'error', failureMessage(err))
  }
}

/** @param {HTMLElement} container */
export const showMyQuestions = (container) => {
  const heading = el('h1', { text: 'Câu hỏi của tôi', attrs: { id: 'page-title', tabindex: '-1' } })
  document.title = 'Câu hỏi của tôi – Sổ tay'
  if (!session.user) {
    container.replaceChildren(
      heading,
      el('p', {
        className: 'status',
        text: 'Vui lòng đăng nhập để gửi câu hỏi và xem câu trả lời.',
      }),
      el('p', {}, [
        el('a', {
          className: 'button',
          text: 'Đăng nhập',
          attrs: { href: `${PAGES.login}?tiep=${PAGES['my-questions']}` },
        }),
      ]),
    )
    heading.focus()
    return
  }
  const title = el('input', {
    attrs: { id: 'ask-title', name: 'title', required: '', maxlength: '200', autocomplete: 'off' },
  })
  const topic = el('input', { attrs: { id: 'ask-topic', name: 'topic', maxlength: '100' } })
  const text = el('textarea', {
    attrs: { id: 'ask-question', name: 'question', required: '', maxlength: '5000', rows: '5' },
  })
  const result = el('p', { className: 'status', attrs: { role: 'status' } })
  const submit = el('button', {
    className: 'button',
    text: 'Gửi câu hỏi',
    attrs: { type: 'submit' },
  })
  const form = el('form', { className: 'ask-form', attrs: { id: 'ask-form', novalidate: '' } }, [
    field('Câu hỏi (ngắn gọn)', title),
    field('Chủ đề', topic, 'Không bắt buộc'),
    field('Nội dung câu hỏi', text),
    el('p', {}, [submit]),
    result,
  ])
  const listStatus = el('p', { className: 'status', attrs: { role: 'status' } })
  const list = el('ul', { className: 'my-questions', attrs: { id: 'my-questions' } })
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
      await loadMine(list, listStatus)
    } catch (err) {
      const status = err && /** @type {any} */ (err).status
      setStatus(
        result,
        'error',
        status === 429
          ? 'Đồng chí đã gửi nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau.'
          : status === 401 || status === 403
            ? 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.'
            : errorMessage(/** @type {any} */ (err).data) || failureMessage(err),
      )
    } finally {
      submit.disabled = false
    }
  })
  container.replaceChildren(
    el('section', { className: 'ask', attrs: { id: 'ask', 'aria-labelledby': 'page-title' } }, [
      heading,
      el('h2', { text: 'Đặt câu hỏi' }),
      el('p', {
        className: 'field-hint',
        text: 'Câu hỏi gửi tới cán bộ phụ trách. Nếu được công bố chung, tên người hỏi không bao giờ hiển thị.',
      }),
      form,
      el('h2', { text: 'Các câu hỏi đã gửi' }),
      listStatus,
      list,
    ]),
  )
  heading.focus()
  void loadMine(list, listStatus)
}
