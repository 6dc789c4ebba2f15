import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The head of the audit chain, kept outside the database: deleting the newest entries, or
 * replacing the chain by another one, leaves the database behind or beside this file, which
 * `audit:verify` (and the server at start) then reports. The server moves it forward shortly after
 * each append, and only after checking that the entry it held is still there, unchanged.
 */
export type AuditHead = { id: number; hash: string; at: string }

/** `AUDIT_CHECKPOINT_FILE`, else `audit-head.json` in the data folder. */
export const checkpointFile = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(
    env.AUDIT_CHECKPOINT_FILE ||
      path.join(env.SOTAY_DATA_DIR || path.resolve(env.DATA_DIR || '.data'), 'audit-head.json'),
  )

export const readCheckpoint = async (file = checkpointFile()): Promise<AuditHead | null> => {
  if (!existsSync(file)) return null
  const value = JSON.parse(await readFile(file, 'utf8')) as Partial<AuditHead>
  if (!Number.isInteger(value.id) || typeof value.hash !== 'string') {
    throw new Error(`${file} is not an audit checkpoint (expected {"id", "hash"})`)
  }
  return value as AuditHead
}

export const writeCheckpoint = async (head: AuditHead, file = checkpointFile()) => {
  await mkdir(path.dirname(file), { recursive: true })
  // A name of its own for each write: two writes at once never rename each other's file.
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temporary, `${JSON.stringify(head)}\n`, { mode: 0o600 })
  await rename(temporary, file)
}

export type EntryLookup = {
  /** The newest entry, or null when the log is empty. */
  head: () => Promise<{ id: number; hash: string } | null>
  /** One entry by id, or null when there is none. */
  entry: (id: number) => Promise<{ id: number; hash: string } | null>
}

export type CheckpointReport =
  | { ok: true; head: AuditHead | null; advanced: boolean }
  | { ok: false; problem: string; checkpoint: AuditHead }

/** Compares the database with a checkpoint: the checkpointed entry must still be there, unchanged. */
export const compareWithCheckpoint = async (
  lookup: EntryLookup,
  checkpoint: AuditHead,
): Promise<string | null> => {
  const at = await lookup.entry(checkpoint.id)
  if (!at) {
    const head = await lookup.head()
    return head && head.id < checkpoint.id
      ? `the log ends at entry #${head.id} but entry #${checkpoint.id} was checkpointed: the newest entries were deleted`
      : `the checkpointed entry #${checkpoint.id} is missing: entries were deleted`
  }
  if (at.hash !== checkpoint.hash) {
    return `entry #${checkpoint.id} no longer has the checkpointed MAC ${checkpoint.hash.slice(0, 16)}…: the chain was rewritten`
  }
  return null
}

/**
 * Moves the checkpoint to the newest entry, after checking the one it held. Never moves it back,
 * never past a mismatch (that would bless a rewritten chain).
 */
export const advanceCheckpoint = (
  lookup: EntryLookup,
  file = checkpointFile(),
): Promise<CheckpointReport> => {
  // One at a time in a process (the append's timer and the schedule pass may meet): a slower
  // call finishing last would otherwise move the checkpoint back.
  const run = advancing.then(() => advanceOnce(lookup, file))
  advancing = run.catch(() => undefined)
  return run
}
let advancing: Promise<unknown> = Promise.resolve()

const advanceOnce = async (lookup: EntryLookup, file: string): Promise<CheckpointReport> => {
  const checkpoint = await readCheckpoint(file)
  if (checkpoint) {
    const problem = await compareWithCheckpoint(lookup, checkpoint)
    if (problem) return { ok: false, problem, checkpoint }
  }
  const head = await lookup.head()
  if (!head || (checkpoint && head.id <= checkpoint.id)) {
    return { ok: true, head: checkpoint, advanced: false }
  }
  const next = { id: head.id, hash: head.hash, at: new Date().toISOString() }
  // Another process sharing the data folder may have moved it meanwhile: never back.
  const latest = await readCheckpoint(file)
  if (latest && latest.id >= next.id) return { ok: true, head: latest, advanced: false }
  await writeCheckpoint(next, file)
  return { ok: true, head: next, advanced: true }
}
