// Who is signed in, and the header that follows it.

import { api, revalidateFromNowOn } from './api.js'
import { byId } from './dom.js'
import { forgetMemberContent } from './offline.js'
import { str } from './util.js'

/** @typedef {{ id: number | string, email?: string, fullName?: string, roles?: string[] }} User */

const STAFF_ROLES = ['admin', 'editor', 'reviewer']

/** @type {{ user: User | null, known: boolean }} */
export const session = { user: null, known: false }
/** @type {Array<(user: User | null) => void>} */
const listeners = []

/** @param {(user: User | null) => void} listener */
export const onUserChange = (listener) => listeners.push(listener)

/** @param {User | null} user */
export const isStaff = (user) =>
  Boolean(user && Array.isArray(user.roles) && user.roles.some((r) => STAFF_ROLES.includes(r)))

/** A cell secretary (bí thư chi bộ): sees the accounts of their cell. @param {User | null} user */
export const isSecretary = (user) =>
  Boolean(user && Array.isArray(user.roles) && user.roles.includes('secretary'))

/** The header: "Đăng nhập" for a visitor; name, "Câu hỏi của tôi", "Chi bộ của tôi" (secretaries), "Quản trị" (staff) and "Đăng xuất" for the signed-in. @param {User | null} user */
const renderHeader = (user) => {
  byId('login-link').hidden = Boolean(user)
  byId('signed-in').hidden = !user
  byId('account-name').textContent = user ? str(user.fullName) || str(user.email) || 'Đồng chí' : ''
  byId('admin-link').hidden = !isStaff(user)
  byId('my-cell-link').hidden = !isSecretary(user)
}

/** @param {unknown} user */
const setUser = (user) => {
  const next = user && typeof user === 'object' ? /** @type {User} */ (user) : null
  const changed =
    session.known && String(session.user && session.user.id) !== String(next && next.id)
  if (changed) revalidateFromNowOn()
  const wasSignedIn = Boolean(session.user)
  session.user = next
  session.known = true
  renderHeader(next)
  // What one member read offline is never left for the next person on this phone.
  if (wasSignedIn && !next) void forgetMemberContent()
  return changed
}

/** Ask the server who is signed in; listeners hear of it when that changed. */
export const loadMe = async () => {
  let user = null
  try {
    const data = await api('/api/users/me')
    user = data && data.user
    // No one is signed in (a session that expired, a sign-out elsewhere): whatever a member left
    // in this browser's offline cache goes.
    if (!user) void forgetMemberContent()
  } catch {
    user = session.user // offline: keep what we knew
  }
  if (setUser(user)) for (const listener of listeners) listener(session.user)
}

/** @param {string} email @param {string} password */
export const signIn = async (email, password) => {
  const data = await api('/api/users/login', { method: 'POST', body: { email, password } })
  revalidateFromNowOn()
  setUser(data && data.user)
  for (const listener of listeners) listener(session.user)
  return session.user
}

export const signOut = async () => {
  revalidateFromNowOn()
  try {
    await api('/api/users/logout', { method: 'POST' })
  } catch {
    // Fall through: /api/users/me tells whether the session really ended.
  }
  await forgetMemberContent()
  await loadMe()
}

export const startSession = () => {
  const logout = /** @type {HTMLButtonElement} */ (byId('logout-button'))
  logout.addEventListener('click', async () => {
    logout.disabled = true
    try {
      await signOut()
    } finally {
      logout.disabled = false
    }
  })
  return loadMe()
}
