import type pg from 'pg'

import {
  advanceCheckpoint,
  type AuditHead,
  checkpointFile,
  compareWithCheckpoint,
  type EntryLookup,
  readCheckpoint,
} from './checkpoint'
import { entryFromRow, verifyChain } from './hash'

export type AuditVerification = {
  ok: boolean
  count: number
  /** The newest entry after verification: the line an operator keeps. */
  head: { id: number; hash: string } | null
  /** What failed, one line each; empty when everything holds. */
  problems: string[]
  checkpoint: { file: string; held: AuditHead | null; advanced: boolean }
}

const lookupOf = (client: pg.Client | pg.Pool): EntryLookup => ({
  head: async () => {
    const { rows } = await client.query('select id, hash from audit_log order by id desc limit 1')
    return rows[0] ? { id: Number(rows[0].id), hash: rows[0].hash } : null
  },
  entry: async (id) => {
    const { rows } = await client.query('select id, hash from audit_log where id = $1', [id])
    return rows[0] ? { id: Number(rows[0].id), hash: rows[0].hash } : null
  },
})

/**
 * Verifies the audit log in a database: every MAC and link under the audit key, the checkpoint
 * file (the newest entries must not have been removed or the chain replaced), and, when given, a
 * head the operator kept (`<id>:<mac>`). Moves the checkpoint forward when everything holds.
 */
export const verifyAuditLog = async (
  client: pg.Client | pg.Pool,
  { expectHead, file = checkpointFile() }: { expectHead?: string; file?: string } = {},
): Promise<AuditVerification> => {
  const { rows } = await client.query(
    `select id, at, actor_id, actor_email, action, collection_slug, item_id, version, from_state,
            to_state, reason, request_id, details, prev_hash, hash
       from audit_log order by id`,
  )
  const entries = rows.map((row) => ({
    ...entryFromRow(row),
    id: Number(row.id),
    hash: row.hash as string,
  }))
  const problems: string[] = []
  const report = verifyChain(entries)
  if (!report.ok) problems.push(`BROKEN at entry #${report.brokenAt}: ${report.problem}`)

  const lookup = lookupOf(client)
  if (expectHead) {
    const [id, hash] = expectHead.split(':')
    const kept = { id: Number(id), hash: hash ?? '', at: '' }
    if (!Number.isInteger(kept.id) || !/^[0-9a-f]{64}$/.test(kept.hash)) {
      problems.push(`--expect-head must be <id>:<64 hex digits>, not "${expectHead}"`)
    } else {
      const problem = await compareWithCheckpoint(lookup, kept)
      if (problem) problems.push(`the head you kept does not hold: ${problem}`)
    }
  }
  const held = await readCheckpoint(file)
  let advanced = false
  if (problems.length === 0) {
    const result = await advanceCheckpoint(lookup, file)
    if (result.ok) advanced = result.advanced
    else problems.push(`the checkpoint in ${file} does not hold: ${result.problem}`)
  } else if (held) {
    const problem = await compareWithCheckpoint(lookup, held)
    if (problem) problems.push(`the checkpoint in ${file} does not hold: ${problem}`)
  }
  const last = entries.at(-1)
  return {
    ok: problems.length === 0,
    count: entries.length,
    head: last ? { id: last.id, hash: last.hash } : null,
    problems,
    checkpoint: { file, held, advanced },
  }
}
