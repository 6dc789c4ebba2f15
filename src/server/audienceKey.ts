import type { Request } from 'express'
import { executeAuthStrategies, type Payload, type PayloadRequest } from 'payload'

import { isStaff, unitIdOf } from '../access'
import { getUnitAncestry } from '../access/unitAncestry'

/**
 * Paths whose answers to a member also depend on who they are, not only on their audience: the
 * questions (a member reads their own unpublished questions and who asked them) and the home
 * lists, which include questions.
 */
const PER_READER = /^\/api\/(home|questions)(\/|$)/

/**
 * The audience of a signed-in reader, for the public cache's shared answers: what the read access
 * of the sections (src/access/audience.ts) decides by, and nothing else: their roles and the path
 * of their unit to the root. Members with the same key are given the same answer; on
 * {@link PER_READER} paths the key is the reader's own. Null (the request goes through uncached)
 * for staff, who see drafts and whole sections, and for a cookie that signs no one in.
 *
 * The session is checked exactly as every request to Payload checks it (its own auth strategies:
 * the token's signature and expiry, the session still open, the account not deactivated).
 */
export const audienceKeyOf = (payload: Payload) => async (req: Request) => {
  const headers = new Headers()
  for (const name of ['cookie', 'origin', 'sec-fetch-site', 'host', 'referer']) {
    const value = req.headers[name]
    if (typeof value === 'string') headers.set(name, value)
  }
  // A request of Payload's own shape, for the strategies and the unit query (no transaction).
  const local = { payload, context: {}, headers } as unknown as PayloadRequest
  const { user } = await executeAuthStrategies({ headers, payload, req: local })
  if (!user || user.collection !== 'users' || isStaff(user)) return null
  local.user = user
  const unitPath = unitIdOf(user) == null ? [] : await getUnitAncestry(local)
  const roles = [...((user as { roles?: string[] }).roles ?? [])].sort().join(',')
  const reader = PER_READER.test(req.path) ? `:u${user.id}` : ''
  return `a:${roles}:${unitPath.join('.')}${reader}`
}
