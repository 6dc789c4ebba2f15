import type pg from 'pg'

import { AUDIT_LOCK_KEY, type ChainedEntry, GENESIS_HASH, hashEntry } from './hash'
import type { AuditAction } from './recordAudit'

/**
 * Appends one entry to the audit chain from a command-line tool (backup, restore), over a plain
 * connection, in a transaction of its own, under the lock recordAudit takes. The server appends
 * through recordAudit.
 */
export const appendAuditEntry = async (
  client: pg.Client,
  {
    action,
    actorEmail = null,
    reason = null,
    details = null,
  }: { action: AuditAction; actorEmail?: string | null; reason?: string | null; details?: unknown },
) => {
  await client.query('begin')
  try {
    await client.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY])
    const { rows } = await client.query('select hash from audit_log order by id desc limit 1')
    const entry: ChainedEntry = {
      at: new Date().toISOString(),
      actor: null,
      actorEmail,
      action,
      collectionSlug: null,
      itemId: null,
      version: null,
      fromState: null,
      toState: null,
      reason,
      requestId: null,
      details,
      prevHash: rows[0]?.hash ?? GENESIS_HASH,
    }
    const hash = hashEntry(entry)
    const inserted = await client.query(
      `insert into audit_log (at, actor_email, action, reason, details, prev_hash, hash, updated_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, now(), now()) returning id`,
      [
        entry.at,
        entry.actorEmail,
        action,
        reason,
        details == null ? null : JSON.stringify(details),
        entry.prevHash,
        hash,
      ],
    )
    await client.query('commit')
    return { id: Number(inserted.rows[0].id), hash }
  } catch (err) {
    await client.query('rollback').catch(() => {})
    throw err
  }
}
