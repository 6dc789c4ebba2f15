/**
 * `npm run audit:verify [-- --expect-head <id>:<mac>]`: walks the audit log in insertion order,
 * recomputes every keyed MAC (AUDIT_KEY, else derived from PAYLOAD_SECRET) and checks every link,
 * then compares the log with the checkpoint kept outside the database (`DATA_DIR/audit-head.json`)
 * and with a head the operator kept. Prints the head to keep. Exits 0 when everything holds, 1
 * otherwise (and says what).
 */
import pg from 'pg'

import { verifyAuditLog } from '../src/audit/verify'
import { databaseForTools } from '../src/server/environment'

const args = process.argv.slice(2)
const at = args.indexOf('--expect-head')
const expectHead =
  at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--expect-head='))?.slice(14)

let exitCode = 0
// See src/server/keepAlive.ts: nothing may end this process before it has answered.
setInterval(() => {}, 60_000)
const database = await databaseForTools()
const client = new pg.Client({ connectionString: database.url })
await client.connect()
try {
  const result = await verifyAuditLog(client, { expectHead })
  if (result.ok) {
    console.log(
      `Audit chain OK: ${result.count} entries, every MAC and link verified` +
        (result.checkpoint.held
          ? `, checkpoint #${result.checkpoint.held.id} found unchanged.`
          : ' (no checkpoint yet).'),
    )
  } else {
    for (const problem of result.problems) console.error(`Audit chain ${problem}.`)
    exitCode = 1
  }
  if (result.head) {
    console.log(`Head: ${result.head.id}:${result.head.hash}`)
    console.log(
      'Keep this line outside the server; `npm run audit:verify -- --expect-head <it>` checks it later.',
    )
  }
} finally {
  await client.end()
  await database.stop()
}
process.exit(exitCode)
