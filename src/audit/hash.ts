import { createHmac, hkdfSync } from 'node:crypto'

/** Any constant: the advisory lock that serialises appends, so each entry links to the one before. */
export const AUDIT_LOCK_KEY = 72_017

/** The first entry's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64)

/** The fields of an entry that its hash covers, in a fixed order. */
export type ChainedEntry = {
  at: string
  actor: number | null
  actorEmail: string | null
  action: string
  collectionSlug: string | null
  itemId: string | null
  version: string | null
  fromState: string | null
  toState: string | null
  reason: string | null
  requestId: string | null
  details: unknown
  prevHash: string
}

/** JSON with object keys sorted, so the same entry always hashes the same. */
const stableStringify = (value: unknown): string => {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
}

/**
 * The key of the chain's MAC, kept outside the database: `AUDIT_KEY`, else derived from
 * `PAYLOAD_SECRET` (HKDF-SHA256). Whoever can write to the database but does not hold the key
 * cannot recompute the chain after changing an entry. Changing the key (or the secret it is derived
 * from) makes every earlier entry fail verification: keep it with the backups.
 */
export const auditKey = (env: NodeJS.ProcessEnv = process.env): Buffer => {
  if (env.AUDIT_KEY) return Buffer.from(env.AUDIT_KEY, 'utf8')
  if (!env.PAYLOAD_SECRET) {
    throw new Error('The audit chain needs AUDIT_KEY or PAYLOAD_SECRET to sign its entries.')
  }
  return Buffer.from(
    hkdfSync('sha256', env.PAYLOAD_SECRET, 'sotay', 'audit-chain', 32) as ArrayBuffer,
  )
}

/** The entry's fields, in a fixed order, as the text its MAC covers. */
export const canonicalEntry = (entry: ChainedEntry): string =>
  stableStringify({
    at: entry.at,
    actor: entry.actor ?? null,
    actorEmail: entry.actorEmail ?? null,
    action: entry.action,
    collectionSlug: entry.collectionSlug ?? null,
    itemId: entry.itemId ?? null,
    version: entry.version ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? null,
    prevHash: entry.prevHash,
  })

/** HMAC-SHA256, under {@link auditKey}, of the entry's fields and the previous entry's MAC. */
export const hashEntry = (entry: ChainedEntry, key: Buffer = auditKey()): string =>
  createHmac('sha256', key).update(canonicalEntry(entry)).digest('hex')

export type ChainReport =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number | string; problem: string }

/** Walks entries in insertion order and reports the first link that does not hold. */
export const verifyChain = (
  entries: (ChainedEntry & { id: number | string; hash: string })[],
  key: Buffer = auditKey(),
): ChainReport => {
  let prev = GENESIS_HASH
  for (const entry of entries) {
    if (entry.prevHash !== prev) {
      return {
        ok: false,
        count: entries.length,
        brokenAt: entry.id,
        problem:
          'its prevHash does not match the previous entry (an entry was removed or reordered)',
      }
    }
    if (hashEntry(entry, key) !== entry.hash) {
      return {
        ok: false,
        count: entries.length,
        brokenAt: entry.id,
        problem:
          'its content does not match its MAC (the entry was altered, or written without the audit key)',
      }
    }
    prev = entry.hash
  }
  return { ok: true, count: entries.length }
}

/** An audit_log row (snake_case columns) as the entry its MAC covers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped
export const entryFromRow = (row: Record<string, any>): ChainedEntry => ({
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
  prevHash: row.prev_hash,
})
