import { createHash } from 'node:crypto'

import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { canonicalEntry, type ChainedEntry, GENESIS_HASH, hashEntry } from '../audit/hash'

/** Actions the audit log records from now on (accounts, files, drafts, exports, backups). */
const NEW_ACTIONS = [
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
]

/** The chain's hash before it was keyed: plain SHA-256 of the same canonical text. */
const legacyHash = (canonical: string) => createHash('sha256').update(canonical).digest('hex')

type Row = {
  id: number
  at: string
  actor_id: number | null
  actor_email: string | null
  action: string
  collection_slug: string | null
  item_id: string | null
  version: string | null
  from_state: string | null
  to_state: string | null
  reason: string | null
  request_id: string | null
  details: unknown
  prev_hash: string
  hash: string
}

const toEntry = (row: Row, prevHash: string): ChainedEntry => ({
  at: row.at,
  actor: row.actor_id,
  actorEmail: row.actor_email,
  action: row.action,
  collectionSlug: row.collection_slug,
  itemId: row.item_id,
  version: row.version,
  fromState: row.from_state,
  toState: row.to_state,
  reason: row.reason,
  requestId: row.request_id,
  details: row.details,
  prevHash,
})

/**
 * New audit actions, and the existing chain sealed with the keyed MAC (src/audit/hash.ts). An
 * existing chain is re-sealed only if it verifies under the old plain hash first; a chain that
 * was already broken is left as it is, and `audit:verify` goes on reporting it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const action of NEW_ACTIONS) {
    await db.execute(
      sql.raw(`ALTER TYPE "public"."enum_audit_log_action" ADD VALUE IF NOT EXISTS '${action}'`),
    )
  }
  const { rows } = (await db.execute(sql`select * from audit_log order by id`)) as unknown as {
    rows: Row[]
  }
  if (rows.length === 0) return
  let prev = GENESIS_HASH
  for (const row of rows) {
    const entry = toEntry(row, row.prev_hash)
    if (row.prev_hash !== prev || legacyHash(canonicalEntry(entry)) !== row.hash) return
    prev = row.hash
  }
  let sealedPrev = GENESIS_HASH
  for (const row of rows) {
    const mac = hashEntry(toEntry(row, sealedPrev))
    await db.execute(
      sql`update audit_log set prev_hash = ${sealedPrev}, hash = ${mac} where id = ${row.id}`,
    )
    sealedPrev = mac
  }
}

/** Enum values cannot be dropped in PostgreSQL without rebuilding the type; nothing to undo. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
