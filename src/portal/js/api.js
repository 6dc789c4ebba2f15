// The one way the portal talks to the server: same-origin JSON, errors as ApiError.

import { str } from './util.js'

export class ApiError extends Error {
  /** @param {number} status @param {any} data */
  constructor(status, data) {
    super(`HTTP ${status}`)
    this.status = status
    this.data = data
  }
}

/**
 * Anonymous answers may be kept by the browser for a few seconds (the host says so). Once someone
 * signed in or out on this page, every call asks the server again: what was kept was someone
 * else's view.
 */
let revalidate = false
export const revalidateFromNowOn = () => {
  revalidate = true
}

/**
 * @param {string} path
 * @param {{ method?: string, body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<any>}
 */
export const api = async (path, { method = 'GET', body, signal } = {}) => {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' }
  /** @type {RequestInit} */
  const init = { method, credentials: 'same-origin', headers }
  if (revalidate) init.cache = 'no-cache'
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

/** The server's own message (`errors[0].message`), or ''. @param {any} data */
export const errorMessage = (data) => {
  const first = data && Array.isArray(data.errors) ? data.errors[0] : null
  return str(first && first.message) || str(data && data.message)
}

/**
 * What a reader is told when a request failed: never "Lỗi – …", always what to do next.
 * @param {unknown} err
 * @param {{ item?: boolean }} [context]
 */
export const failureMessage = (err, { item = false } = {}) => {
  if (!(err instanceof ApiError)) {
    return typeof navigator !== 'undefined' && navigator.onLine === false
      ? 'Không có kết nối mạng. Vui lòng kiểm tra kết nối rồi thử lại.'
      : 'Không kết nối được máy chủ. Vui lòng thử lại sau.'
  }
  if (err.status === 401)
    return item
      ? 'Nội dung này chỉ dành cho đảng viên. Vui lòng đăng nhập để xem.'
      : 'Vui lòng đăng nhập để tiếp tục.'
  if (err.status === 403)
    return item
      ? 'Nội dung này không dành cho tài khoản của đồng chí (chỉ dành cho đảng viên hoặc đơn vị được chỉ định).'
      : 'Tài khoản của đồng chí không có quyền thực hiện việc này.'
  if (err.status === 404)
    return item
      ? 'Không tìm thấy nội dung. Có thể nội dung đã bị gỡ, chưa công bố, hoặc chỉ dành cho đảng viên — vui lòng đăng nhập nếu đồng chí là đảng viên.'
      : 'Không tìm thấy.'
  if (err.status === 429) return 'Đồng chí thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.'
  if (err.status === 503) return 'Hệ thống đang bảo trì hoặc quá tải. Vui lòng thử lại sau ít phút.'
  if (err.status >= 400 && err.status < 500)
    return errorMessage(err.data) || 'Yêu cầu không hợp lệ.'
  return 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.'
}
