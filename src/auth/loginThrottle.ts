import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { logger } from '../server/logger'
import { loginLockMinutes, loginMaxAttempts } from './settings'

type SqlRunner = { execute: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }> }

/** The pool, not the request's transaction: a count must survive the failed login's rollback. */
const poolOf = (req: PayloadRequest) =>
  (req.payload.db as unknown as { drizzle: SqlRunner }).drizzle

/** Sign-in identity as Payload looks it up (lower-cased, trimmed), bounded for the index. */
export const normaliseLoginEmail = (email: unknown) =>
  typeof email === 'string' ? email.toLowerCase().trim().slice(0, 320) : null

/**
 * Counts one sign-in attempt of (email, address) and says whether that pair is locked out.
 *
 * The attempt is counted before the password is checked and the count is cleared by a successful
 * sign-in, so the stored number is the run of failures (a burst of parallel guesses cannot slip
 * past the limit while the first ones are still hashing). Attempts one to N go through; the next
 * one starts a lock of LOGIN_LOCK_MINUTES, which later attempts do not extend. A run whose last
 * attempt is older than the lock time starts again from one. One atomic upsert in PostgreSQL, so
 * several server instances share the count.
 */
export const countLoginAttempt = async ({
  req,
  email,
  address,
}: {
  req: PayloadRequest
  email: string
  address: string
}): Promise<{ retryAfterSeconds: number | null }> => {
  const max = loginMaxAttempts()
  const minutes = loginLockMinutes()
  const lock = sql`make_interval(mins => ${minutes})`
  const isStale = sql`((t.locked_until is not null and t.locked_until <= now())
    or (t.locked_until is null and t.last_attempt_at <= now() - ${lock}))`
  const { rows } = await poolOf(req).execute(sql`
    insert into login_attempts as t
      (email, address, attempts, last_attempt_at, locked_until, updated_at, created_at)
    values (${email}, ${address}, 1, now(), null, now(), now())
    on conflict (email, address) do update set
      attempts = case when ${isStale} then 1 else t.attempts + 1 end,
      locked_until = case
        when ${isStale} then null
        when t.locked_until is not null then t.locked_until
        when t.attempts + 1 > ${max} then now() + ${lock}
        else null
      end,
      last_attempt_at = now(),
      updated_at = now()
    returning case
      -- timestamp(3) rounds the stored time, which could add a second past the lock time
      when locked_until > now()
      then least(ceil(extract(epoch from locked_until - now())), ${minutes * 60})::int
    end as retry_after`)
  const retryAfter = rows[0]?.retry_after
  void pruneStaleAttempts(req)
  return { retryAfterSeconds: retryAfter == null ? null : Number(retryAfter) }
}

/** Ends the run of failures of one pair (a successful sign-in), or of every address (an unlock). */
export const clearLoginAttempts = async ({
  req,
  email,
  address,
}: {
  req: PayloadRequest
  email: string
  address?: string
}) => {
  await poolOf(req).execute(
    address == null
      ? sql`delete from login_attempts where email = ${email}`
      : sql`delete from login_attempts where email = ${email} and address = ${address}`,
  )
}

const PRUNE_EVERY_MS = 60 * 60 * 1000
let lastPrunedAt = 0

/**
 * Rows of pairs that stopped trying would pile up (a spray over many emails leaves one each);
 * at most once an hour per instance, those idle for a day are dropped.
 */
const pruneStaleAttempts = async (req: PayloadRequest) => {
  if (Date.now() - lastPrunedAt < PRUNE_EVERY_MS) return
  lastPrunedAt = Date.now()
  try {
    await poolOf(req).execute(
      sql`delete from login_attempts where last_attempt_at < now() - interval '1 day'
        and (locked_until is null or locked_until < now())`,
    )
  } catch (err) {
    logger.error({ msg: 'Could not prune old sign-in attempts', err })
  }
}
