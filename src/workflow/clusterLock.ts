import type pg from 'pg'
import type { Payload } from 'payload'

/** Advisory lock keys (any constants, distinct from the audit log's). */
export const LOCKS = { queue: 72_101, schedule: 72_102 } as const

/**
 * Runs `work` only if no other process sharing the database is running work under the same key,
 * and reports whether it ran. The lock is PostgreSQL's, held by a connection of its own: it goes
 * with the connection if this process dies, so a killed instance never blocks the others.
 * Several app instances on one database thus run each scheduled step and each search job once.
 */
export const withClusterLock = async (
  payload: Payload,
  key: number,
  work: () => Promise<void>,
): Promise<boolean> => {
  const pool = (payload.db as unknown as { pool?: pg.Pool }).pool
  if (!pool) {
    await work()
    return true
  }
  const client = await pool.connect()
  let broken: unknown
  try {
    const { rows } = await client.query('select pg_try_advisory_lock($1) as locked', [key])
    if (!rows[0]?.locked) return false
    try {
      await work()
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]).catch((err: unknown) => {
        broken = err
      })
    }
    return true
  } finally {
    // A connection whose unlock failed may still hold the lock: it is closed, not reused.
    client.release(broken instanceof Error ? broken : undefined)
  }
}
