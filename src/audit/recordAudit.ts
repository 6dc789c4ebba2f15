import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { slugs } from '../../collections/slugs'
import { transactionDb } from '../lib/transactionDb'
import { logger } from '../server/logger'
import { advanceCheckpoint, type EntryLookup } from './checkpoint'
import { AUDIT_LOCK_KEY, type ChainedEntry, GENESIS_HASH, hashEntry } from './hash'

export const auditActions = [
  'create',
  'update',
  'submit',
  'request_changes',
  'approve',
  'publish',
  'unpublish',
  'archive',
  'schedule',
  'schedule_failed',
  'delete',
  'login',
  'login_failed',
  'role_change',
  'override',
  'account_create',
  'account_update',
  'password_reset_request',
  'password_reset',
  'password_change',
  'upload',
  'file_replace',
  'save_draft',
  'export',
  'backup',
  'restore',
  'import',
  'unit_move',
  'unit_merge',
] as const
export type AuditAction = (typeof auditActions)[number]

/** The audit log as the checkpoint reads it, outside any transaction (committed entries only). */
export const auditLookup = (payload: Payload): EntryLookup => ({
  head: async () => {
    const { docs } = await payload.find({
      collection: slugs.auditLog,
      sort: '-id',
      limit: 1,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      select: { hash: true },
    })
    return docs[0] ? { id: Number(docs[0].id), hash: String(docs[0].hash) } : null
  },
  entry: async (id) => {
    const doc = await payload.findByID({
      collection: slugs.auditLog,
      id,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      select: { hash: true },
    })
    return doc ? { id: Number(doc.id), hash: String(doc.hash) } : null
  },
})

/**
 * Moves the checkpoint (checkpoint.ts) to the newest committed entry, once appends have settled.
 * A mismatch is logged as an error every time it is seen: somebody changed the log.
 */
export const checkpointAuditHead = async (payload: Payload) => {
  const report = await advanceCheckpoint(auditLookup(payload))
  if (!report.ok) {
    logger.error({
      msg: `AUDIT LOG TAMPERED WITH: ${report.problem}. Run \`npm run audit:verify\`.`,
      checkpoint: report.checkpoint,
    })
  }
  return report
}

let checkpointTimer: NodeJS.Timeout | null = null
const CHECKPOINT_DELAY_MS = 500
const scheduleCheckpoint = (payload: Payload) => {
  if (checkpointTimer) return
  checkpointTimer = setTimeout(() => {
    checkpointTimer = null
    checkpointAuditHead(payload).catch((err) =>
      logger.warn({ msg: 'Could not checkpoint the audit log', err }),
    )
  }, CHECKPOINT_DELAY_MS)
  checkpointTimer.unref()
}

type AuditInput = {
  req: PayloadRequest
  action: AuditAction
  collection?: string | null
  itemId?: number | string | null
  version?: number | string | null
  fromState?: string | null
  toState?: string | null
  reason?: string | null
  details?: unknown
  /** Who acted, when not `req.user` (a failed login has no user yet). */
  actorEmail?: string | null
}

/**
 * Appends one entry to the hash-chained audit log, inside the caller's transaction when there is
 * one (so a rolled-back action leaves no entry), in a transaction of its own otherwise.
 */
export const recordAudit = async ({
  req,
  action,
  collection = null,
  itemId = null,
  version = null,
  fromState = null,
  toState = null,
  reason = null,
  details = null,
  actorEmail,
}: AuditInput) => {
  const isOwnTransaction = await initTransaction(req)
  try {
    const db = await transactionDb(req)
    await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`)
    const last = await req.payload.find({
      collection: slugs.auditLog,
      sort: '-id',
      limit: 1,
      depth: 0,
      pagination: false,
      req,
      // The log is append-only for everyone; only this writer touches it.
      overrideAccess: true,
    })
    const user = req.user as { id: number; email?: string } | null
    const entry: ChainedEntry = {
      at: new Date().toISOString(),
      actor: user?.id ?? null,
      actorEmail: actorEmail ?? user?.email ?? null,
      action,
      collectionSlug: collection,
      itemId: itemId == null ? null : String(itemId),
      version: version == null ? null : String(version),
      fromState,
      toState,
      reason,
      requestId: (req.headers?.get?.('x-request-id') as string | null) ?? null,
      details,
      prevHash: (last.docs[0]?.hash as string | undefined) ?? GENESIS_HASH,
    }
    await req.payload.create({
      collection: slugs.auditLog,
      data: {
        ...entry,
        action,
        details: entry.details as Record<string, unknown> | null,
        hash: hashEntry(entry),
      },
      depth: 0,
      req,
      overrideAccess: true,
    })
    if (isOwnTransaction) await commitTransaction(req)
    // (Committed later with the caller's transaction otherwise: the checkpoint waits for it.)
    scheduleCheckpoint(req.payload)
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
}
