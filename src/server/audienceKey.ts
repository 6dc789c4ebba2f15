import { createHash } from 'node:crypto'

import type { Request } from 'express'
import { LRUCache } from 'lru-cache'
import { executeAuthStrategies, type Payload, type PayloadRequest } from 'payload'

import { isStaff, unitIdOf } from '../access'
import { getUnitAncestry } from '../access/unitAncestry'

/**
 * Paths whose answers to a member also depend on who they are, not only on their audience: the
 * questions (a member reads their own unpublished questions and who asked them) and the home
 * lists, which include questions.
 */
const PER_READER = /^\/api\/(home|questions)(\/|$)/

/** The request headers Payload's session check reads (the cookie, and its CSRF rules). */
const AUTH_HEADERS = ['cookie', 'origin', 'sec-fetch-site'] as const

/** How long a checked session is trusted without asking again, at most (see `forget`). */
const CHECKED_FOR_MS = 30_000

/** A signed-in reader as the cache sees them, or null (not signed in, or staff). */
type Reader = { id: number | string; roles: string; unit: number | null } | null

/** When a JWT expires (ms), read without checking it: it only ever shortens how long a check is kept. */
const expiryOf = (cookie: string) => {
  const token = cookie.match(/(?:^|;\s*)payload-token=([^;]+)/)?.[1]
  try {
    const claims = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString())
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : 0
  } catch {
    return 0
  }
}

/**
 * The audience of a signed-in reader, for the public cache's shared answers: what the read access
 * of the sections (src/access/audience.ts) decides by, and nothing else: their roles and the path
 * of their unit to the root. Members with the same key are given the same answer; on
 * {@link PER_READER} paths the key is the reader's own. Null (the request goes through uncached)
 * for staff, who see drafts and whole sections, and for a cookie that signs no one in.
 *
 * The session is checked exactly as every request to Payload checks it (its own auth strategies:
 * the token's signature and expiry, the session still open, the account not deactivated). A
 * check is kept for the same headers for at most 30 s and never past the token's expiry, and
 * `forget` drops every kept check and unit path: it is called on every notification of a change
 * to accounts or units (triggers of migration `account_change_notify`, on any instance) and
 * whenever the change feed reconnects, so a sign-out or a deactivation holds at once.
 */
export const audienceKeys = (payload: Payload) => {
  const checked = new LRUCache<string, { reader: Reader }>({ max: 20_000 })
  const unitPaths = new Map<number, Promise<number[]>>()
  /** Moves at every `forget`: a check that began before one is used, never kept. */
  let epoch = 0

  const readerOf = async (req: Request): Promise<Reader> => {
    const headers = new Headers()
    for (const name of AUTH_HEADERS) {
      const value = req.headers[name]
      if (typeof value === 'string') headers.set(name, value)
    }
    // Hashed: the headers are the caller's to choose (up to 16 KB), the kept check is 32 bytes.
    const memo = createHash('sha256')
      .update(AUTH_HEADERS.map((name) => headers.get(name) ?? '').join('\n'))
      .digest('base64url')
    const kept = checked.get(memo)
    if (kept) return kept.reader
    const startedAt = epoch
    const local = { payload, context: {}, headers } as unknown as PayloadRequest
    const { user } = await executeAuthStrategies({ headers, payload, req: local })
    const reader: Reader =
      !user || user.collection !== 'users' || isStaff(user)
        ? null
        : {
            id: user.id,
            roles: [...((user as { roles?: string[] }).roles ?? [])].sort().join(','),
            unit: unitIdOf(user),
          }
    const ttl = Math.min(CHECKED_FOR_MS, expiryOf(headers.get('cookie') ?? '') - Date.now())
    if (ttl > 0 && startedAt === epoch) checked.set(memo, { reader }, { ttl })
    return reader
  }

  const unitPathOf = (unit: number) => {
    let path = unitPaths.get(unit)
    if (!path) {
      const local = { payload, context: {}, user: { id: 0, unit } } as unknown as PayloadRequest
      path = getUnitAncestry(local)
      path.catch(() => unitPaths.delete(unit))
      unitPaths.set(unit, path)
    }
    return path
  }

  return {
    keyOf: async (req: Request) => {
      const reader = await readerOf(req)
      if (!reader) return null
      const unitPath = reader.unit == null ? [] : await unitPathOf(reader.unit)
      const own = PER_READER.test(req.path) ? `:u${reader.id}` : ''
      return `a:${reader.roles}:${unitPath.join('.')}${own}`
    },
    forget: () => {
      epoch++
      checked.clear()
      unitPaths.clear()
    },
  }
}
