import { createHmac } from 'node:crypto'
import path from 'node:path'

import { auditKey } from '../audit/hash'
import type { AuditHead } from '../audit/checkpoint'

/**
 * The backup file: one gzip-compressed tar archive.
 *
 * - `sotay-backup.json`: first, names the format (a file that does not start with it is refused
 *   before anything else is read).
 * - `database/<table>.copy`: each table of the `public` schema, PostgreSQL's COPY text format, all
 *   read in one REPEATABLE READ transaction (one snapshot). `database/sequences.json`: the
 *   sequences' values in the same snapshot. No schema: restore makes it with the migrations.
 * - `media/<path>`: the files under MEDIA_DIR.
 * - `secrets/payload-secret`: the data folder's generated secret (absent when PAYLOAD_SECRET came
 *   from the environment).
 * - `audit-head.json`: the audit chain's checkpoint, read before the snapshot.
 * - `manifest.json`: last, with the size and SHA-256 of every other member.
 */
export const FORMAT = 'sotay-backup'
export const FORMAT_VERSION = 1

export const HEADER_MEMBER = 'sotay-backup.json'
export const MANIFEST_MEMBER = 'manifest.json'
export const SEQUENCES_MEMBER = 'database/sequences.json'
export const SECRET_MEMBER = 'secrets/payload-secret'
export const CHECKPOINT_MEMBER = 'audit-head.json'
export const tableMember = (table: string) => `database/${table}.copy`
export const mediaMember = (relative: string) => `media/${relative}`

export type Header = { format: typeof FORMAT; formatVersion: number; createdAt: string }

export type MemberEntry = { name: string; size: number; sha256: string }

export type TableEntry = {
  name: string
  /** The columns dumped, in the order of the rows (restore names them: column order may differ). */
  columns: string[]
  rows: number
  bytes: number
  sha256: string
}

export type SequenceValue = { name: string; lastValue: string; isCalled: boolean }

export type Manifest = Header & {
  app: { name: string; version: string }
  database: {
    kind: 'embedded' | 'external'
    serverVersion: string
    /** Applied migrations, oldest first: restore makes the schema by running exactly these. */
    migrations: string[]
    tables: TableEntry[]
    sequences: number
  }
  /** Rows per collection (and its versions), for people and for the round-trip check. */
  items: Record<string, { rows: number; versions?: number }>
  media: {
    files: number
    bytes: number
    /** Files the media table names that were not in MEDIA_DIR when the backup was taken. */
    missing: string[]
  }
  audit: {
    entries: number
    head: { id: number; hash: string } | null
    checkpoint: AuditHead | null
    /** Where the chain's key came from when the backup was taken. */
    keySource: 'AUDIT_KEY' | 'PAYLOAD_SECRET' | 'payload-secret file'
    /** An HMAC of a constant under the chain's key: tells a wrong key before anything is written. */
    keyCheck: string
  }
  /** Whether `secrets/payload-secret` is in the archive. */
  secret: 'included' | 'environment'
  /** Every member but this manifest. */
  members: MemberEntry[]
}

/** A refusal or failure the command reports in one clear line, with its exit code. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
  }
}

export const keyCheckOf = (env: NodeJS.ProcessEnv = process.env) =>
  createHmac('sha256', auditKey(env)).update('sotay-backup key check').digest('hex').slice(0, 32)

/** The table that holds a collection (Payload's postgres adapter: snake_case of the slug). */
export const tableOf = (slug: string) => slug.replace(/-/g, '_')

/** Rows per collection and per versions table, from the dumped tables. */
export const itemCounts = (tables: TableEntry[], slugs: string[]) => {
  const rows = new Map(tables.map((table) => [table.name, table.rows]))
  const items: Manifest['items'] = {}
  for (const slug of slugs) {
    const table = tableOf(slug)
    if (!rows.has(table)) continue
    const versions = rows.get(`_${table}_v`)
    items[slug] = { rows: rows.get(table)!, ...(versions == null ? {} : { versions }) }
  }
  return items
}

/** A member name that is safe to extract under a folder: relative, no `..`, no odd characters. */
export const isSafeMemberName = (name: string) =>
  name.length > 0 &&
  name.length <= 4096 &&
  !name.startsWith('/') &&
  !name.includes('\\') &&
  !name.includes('\0') &&
  name.split('/').every((part) => part !== '' && part !== '.' && part !== '..') &&
  path.posix.normalize(name) === name

export const isKnownMember = (name: string) =>
  name === HEADER_MEMBER ||
  name === MANIFEST_MEMBER ||
  name === SEQUENCES_MEMBER ||
  name === SECRET_MEMBER ||
  name === CHECKPOINT_MEMBER ||
  /^database\/[^/]+\.copy$/.test(name) ||
  name.startsWith('media/')

export const utcStamp = (date = new Date()) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
