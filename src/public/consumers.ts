import { createHash, randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

/**
 * Tokens of trusted feed consumers (intranet sites reading members-audience feeds server to
 * server): `stc_` and 32 random bytes in base64url (43 characters). Only the SHA-256 of a token is
 * stored; it is shown once, when it is issued. A high-entropy random token needs no slow hash, and
 * looking it up by its hash needs no constant-time comparison.
 */
export const TOKEN_PREFIX = 'stc_'
const TOKEN_PATTERN = /^stc_[A-Za-z0-9_-]{43}$/

export const newConsumerToken = () => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`

export const hashConsumerToken = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('hex')

/** What identifies a token in lists without revealing it: the prefix and 4 characters. */
export const tokenHint = (token: string) => `${token.slice(0, TOKEN_PREFIX.length + 4)}…`

export const isWellFormedToken = (token: string) => TOKEN_PATTERN.test(token)

type Drizzle = { execute: (query: unknown) => Promise<{ rows?: Record<string, unknown>[] }> }

/**
 * The active consumer a token belongs to, counting the use (one UPDATE … RETURNING: the look-up,
 * the count and the last use in one statement), or null for a malformed, unknown or revoked token.
 */
export const useConsumerToken = async (
  payload: Payload,
  token: string,
): Promise<{ id: number; name: string } | null> => {
  if (!isWellFormedToken(token)) return null
  const db = (payload.db as unknown as { drizzle: Drizzle }).drizzle
  const result = await db.execute(sql`
    update "feed_consumers"
       set "use_count" = coalesce("use_count", 0) + 1, "last_used_at" = now()
     where "token_hash" = ${hashConsumerToken(token)} and coalesce("revoked", false) = false
    returning "id", "name"`)
  const row = result.rows?.[0]
  return row ? { id: Number(row.id), name: String(row.name ?? '') } : null
}
