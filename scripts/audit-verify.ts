/**
 * `npm run audit:verify`: walks the audit log in insertion order, recomputes every hash and checks
 * every link. Exits 0 when the chain holds, 1 at the first broken link (and says which).
 */
import pg from 'pg'

import { type ChainedEntry, verifyChain } from '../src/audit/hash'
import { databaseForTools } from '../src/server/environment'

let exitCode = 0
// See src/server/keepAlive.ts: nothing may end this process before it has answered.
setInterval(() => {}, 60_000)
const database = await databaseForTools()
const client = new pg.Client({ connectionString: database.url })
await client.connect()
try {
  const { rows } = await client.query(
    `select id, at, actor_id, actor_email, action, collection_slug, item_id, version, from_state,
            to_state, reason, request_id, details, prev_hash, hash
       from audit_log order by id`,
  )
  const entries = rows.map((row) => ({
    id: row.id,
    hash: row.hash,
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
  })) as (ChainedEntry & { id: number; hash: string })[]
  const report = verifyChain(entries)
  if (report.ok) {
    console.log(`Audit chain OK: ${report.count} entries, every hash and link verified.`)
  } else {
    console.error(`Audit chain BROKEN at entry #${report.brokenAt}: ${report.problem}.`)
    exitCode = 1
  }
} finally {
  await client.end()
  await database.stop()
}
process.exit(exitCode)
