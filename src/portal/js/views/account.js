// Signing in, forgotten password and choosing a new one (the link in the reset mail leads here).

import { api, ApiError, errorMessage, failureMessage } from '../api.js'
import { el, field } from '../dom.js'
import { PAGES } from '../routes.js'
import { isStaff, loadMe, session, signIn } from '../session.js'

/**
 * The server's own words for a refusal it expects (a wrong password, a used link), else `fallback`;
 * any other failure as the portal explains failures.
 * @param {unknown} err
 * @param {number[]} expected
 * @param {string} fallback
 */
const refusal = (err, expected, fallback) =>
  err instanceof ApiError && expected.includes(err.status)
    ? errorMessage(err.data) || fallback
    : failureMessage(err)

/** @param {string} text */
const pageHeading = (text) => el('h1', { text, attrs: { id: 'page-title', tabindex: '-1' } })

/** A same-origin path to go back to after signing in, or '/'. @param {URLSearchParams} params */
const nextPath = (params) => {
  const next = params.get('tiep') || '/'
  return /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith(PAGES.login) ? next : '/'
}

/**
 * @param {string} id
 * @param {string} type
 * @param {string} autocomplete
 * @param {Record<string, string>} [extra]
 */
const input = (id, type, autocomplete, extra = {}) =>
  el('input', {
    attrs: { id, name: id.replace(/^\w+-/, ''), type, autocomplete, required: '', ...extra },
  })

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {(path: string) => void} navigate
 */
export const showLogin = (container, params, navigate) => {
  const heading = pageHeading('Đăng nhập')
  if (session.user) {
    container.replaceChildren(
      heading,
      el('p', { text: 'Đồng chí đã đăng nhập.' }),
      el('p', {}, [el('a', { text: 'Về trang chủ', attrs: { href: '/' } })]),
    )
    heading.focus()
    return
  }
  const email = input('login-email', 'email', 'username', { inputmode: 'email' })
  const password = input('login-password', 'password', 'current-password')
  const error = el('p', { className: 'form-error', attrs: { id: 'login-error', role: 'alert' } })
  const submit = el('button', { className: 'button', text: 'Đăng nhập', attrs: { type: 'submit' } })
  const form = el(
    'form',
    { className: 'login-form', attrs: { id: 'login-form', novalidate: '' } },
    [
      field('Email', email),
      field('Mật khẩu', password),
      error,
      el('p', {}, [submit]),
      el('p', {}, [el('a', { text: 'Quên mật khẩu?', attrs: { href: PAGES.forgot } })]),
    ],
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    error.textContent = ''
    if (!email.value.trim() || !password.value) {
      error.textContent = 'Vui lòng nhập email và mật khẩu.'
      return
    }
    submit.disabled = true
    try {
      const user = await signIn(email.value.trim(), password.value)
      if (!user) throw new ApiError(401, null)
      navigate(nextPath(params))
    } catch (err) {
      error.textContent = refusal(
        err,
        [400, 401],
        'Đăng nhập không thành công. Vui lòng kiểm tra email và mật khẩu.',
      )
    } finally {
      submit.disabled = false
    }
  })
  container.replaceChildren(
    el('section', { className: 'account-page', attrs: { 'aria-labelledby': 'page-title' } }, [
      heading,
      el('p', {
        text: 'Dành cho đảng viên đã được cấp tài khoản. Nội dung công khai xem được mà không cần đăng nhập.',
      }),
      form,
    ]),
  )
  document.title = 'Đăng nhập – Sổ tay'
  heading.focus()
}

/** @param {HTMLElement} container */
export const showForgot = (container) => {
  const heading = pageHeading('Quên mật khẩu')
  const email = input('forgot-email', 'email', 'username', { inputmode: 'email' })
  const result = el('p', { className: 'status', attrs: { role: 'status' } })
  const submit = el('button', {
    className: 'button',
    text: 'Gửi thư đặt lại mật khẩu',
    attrs: { type: 'submit' },
  })
  const form = el(
    'form',
    { className: 'login-form', attrs: { id: 'forgot-form', novalidate: '' } },
    [field('Email của tài khoản', email), el('p', {}, [submit]), result],
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const value = email.value.trim()
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
      result.className = 'status is-error'
      result.textContent = 'Vui lòng nhập đúng địa chỉ email.'
      return
    }
    submit.disabled = true
    try {
      await api('/api/users/forgot-password', { method: 'POST', body: { email: value } })
      result.className = 'status'
      // The same answer whether or not the address has an account: nothing to learn from it.
      result.textContent =
        'Nếu địa chỉ này có tài khoản, thư hướng dẫn đặt lại mật khẩu đã được gửi. Vui lòng kiểm tra hộp thư (cả mục thư rác). Đường dẫn trong thư dùng được một lần.'
      form.reset()
    } catch (err) {
      result.className = 'status is-error'
      result.textContent = failureMessage(err)
    } finally {
      submit.disabled = false
    }
  })
  container.replaceChildren(
    el('section', { className: 'account-page', attrs: { 'aria-labelledby': 'page-title' } }, [
      heading,
      el('p', {
        text: 'Nhập email của tài khoản; Sổ tay gửi thư có đường dẫn để đặt mật khẩu mới. Nếu không dùng email, vui lòng liên hệ bí thư chi bộ hoặc cán bộ quản trị.',
      }),
      form,
      el('p', {}, [el('a', { text: '← Đăng nhập', attrs: { href: PAGES.login } })]),
    ]),
  )
  document.title = 'Quên mật khẩu – Sổ tay'
  heading.focus()
}

/**
 * @param {HTMLElement} container
 * @param {URLSearchParams} params
 * @param {(path: string) => void} navigate
 */
export const showReset = (container, params, navigate) => {
  const heading = pageHeading('Đặt mật khẩu mới')
  const token = params.get('token') || ''
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) {
    container.replaceChildren(
      heading,
      el('p', {
        className: 'status is-error',
        attrs: { role: 'alert' },
        text: 'Đường dẫn đặt lại mật khẩu không đúng hoặc không đầy đủ. Vui lòng mở lại đường dẫn trong thư, hoặc yêu cầu thư mới.',
      }),
      el('p', {}, [el('a', { text: 'Yêu cầu thư mới', attrs: { href: PAGES.forgot } })]),
    )
    heading.focus()
    return
  }
  const password = input('reset-password', 'password', 'new-password')
  const confirm = input('reset-confirm', 'password', 'new-password')
  const result = el('p', { className: 'status', attrs: { role: 'status' } })
  const submit = el('button', {
    className: 'button',
    text: 'Lưu mật khẩu mới',
    attrs: { type: 'submit' },
  })
  const form = el(
    'form',
    { className: 'login-form', attrs: { id: 'reset-form', novalidate: '' } },
    [
      field('Mật khẩu mới', password, 'Nên dùng một câu dễ nhớ, càng dài càng an toàn.'),
      field('Nhập lại mật khẩu mới', confirm),
      el('p', {}, [submit]),
      result,
    ],
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    result.className = 'status is-error'
    if (password.value !== confirm.value) {
      result.textContent = 'Hai mật khẩu không giống nhau.'
      return
    }
    submit.disabled = true
    try {
      const data = await api('/api/users/reset-password', {
        method: 'POST',
        body: { token, password: password.value },
      })
      result.className = 'status'
      result.textContent = 'Đã đặt mật khẩu mới.'
      const user = data && data.user
      // Payload signs the holder of the link in: staff go on to the admin, members to the portal.
      if (isStaff(user)) location.assign('/admin')
      else {
        await loadMe()
        navigate('/')
      }
    } catch (err) {
      result.textContent = refusal(
        err,
        [400, 403, 404],
        'Đường dẫn đã hết hạn hoặc đã được dùng. Vui lòng yêu cầu thư mới.',
      )
    } finally {
      submit.disabled = false
    }
  })
  container.replaceChildren(
    el('section', { className: 'account-page', attrs: { 'aria-labelledby': 'page-title' } }, [
      heading,
      form,
    ]),
  )
  document.title = 'Đặt mật khẩu mới – Sổ tay'
  heading.focus()
}
