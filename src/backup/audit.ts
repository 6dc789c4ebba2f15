import type pg from 'pg'

import { entryFromRow, hashEntry } from '../audit/hash'

/**
 * Whether the audit chain's first entry verifies under the key of this process (AUDIT_KEY, or
 * derived from PAYLOAD_SECRET): null when the log is empty. A backup taken under another key
 * (a tool run without the server's PAYLOAD_SECRET) would record a key its restore cannot match.
 */
export const firstAuditEntryVerifies = async (client: pg.Client): Promise<boolean | null> => {
  const { rows } = await client.query(
    `select at, actor_id, actor_email, action, collection_slug, item_id, version, from_state,
            to_state, reason, request_id, details, prev_hash, hash
       from audit_log order by id limit 1`,
  )
  const row = rows[0]
  if (!row) return null
  return hashEntry(entryFromRow(row)) === row.hash
}
