/**
 * `npm run backup [-- --out <file>]`: writes one consistent backup file (see src/backup/format.ts):
 * every table of the database read in one snapshot while the server keeps running, the media
 * files, the secret and the audit checkpoint, and a manifest with counts and checksums. Default
 * file: `DATA_DIR/backups/sotay-<UTC time>.tar.gz`. Exits 0 when written, 2 when refused (no
 * database, the file exists), 1 on any other failure; a failed backup leaves no file behind.
 */
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

import pg from 'pg'

import { appendAuditEntry } from '../src/audit/append'
import { checkpointFile, type AuditHead } from '../src/audit/checkpoint'
import { createArchiveWriter } from '../src/backup/archive'
import { firstAuditEntryVerifies } from '../src/backup/audit'
import { copyOut, listTables, prepareSession, readSequences } from '../src/backup/database'
import { listFiles, mediaDirectory } from '../src/backup/files'
import {
  BackupError,
  CHECKPOINT_MEMBER,
  FORMAT,
  FORMAT_VERSION,
  HEADER_MEMBER,
  type Header,
  itemCounts,
  keyCheckOf,
  MANIFEST_MEMBER,
  type Manifest,
  mediaMember,
  type MemberEntry,
  SECRET_MEMBER,
  SEQUENCES_MEMBER,
  type TableEntry,
  tableMember,
  utcStamp,
} from '../src/backup/format'
import { formatBytes, progressBar } from '../src/backup/progress'
import { dataDirectory, databaseForTools, projectRoot } from '../src/server/environment'
import { keepAliveWhile } from '../src/server/keepAlive'

const usage = 'Usage: npm run backup [-- --out <file.tar.gz>]'

const parseArgs = (args: string[]) => {
  let out: string | null = null
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--help' || arg === '-h') {
      console.log(usage)
      process.exit(0)
    } else if (arg === '--out' || arg === '-o') {
      out = args[++i] ?? null
      if (!out) throw new BackupError(`--out needs a file name. ${usage}`)
    } else if (arg.startsWith('--out=')) out = arg.slice(6)
    else throw new BackupError(`Unknown argument "${arg}". ${usage}`)
  }
  return { out }
}

const backup = async () => {
  const started = Date.now()
  const { out: outArg } = parseArgs(process.argv.slice(2))
  const dataDir = dataDirectory()
  const isExternal = Boolean(process.env.DATABASE_URL)
  if (!isExternal && !existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new BackupError(
      `Nothing to back up: ${dataDir} holds no embedded database. Set DATA_DIR to the server's ` +
        'data folder, or DATABASE_URL to its database.',
    )
  }
  const out = path.resolve(outArg ?? path.join(dataDir, 'backups', `sotay-${utcStamp()}.tar.gz`))
  if (existsSync(out)) {
    throw new BackupError(`${out} already exists: a backup never overwrites a file (--out).`)
  }
  // (Mode for a folder made here: a backup holds password hashes and the secret.)
  await mkdir(path.dirname(out), { recursive: true, mode: 0o700 })

  const secretFromEnvironment = Boolean(process.env.PAYLOAD_SECRET)
  const keySource: Manifest['audit']['keySource'] = process.env.AUDIT_KEY
    ? 'AUDIT_KEY'
    : secretFromEnvironment
      ? 'PAYLOAD_SECRET'
      : 'payload-secret file'
  const database = await databaseForTools()
  const secretFile = path.join(dataDir, 'payload-secret')
  const { version: appVersion, name: appName } = JSON.parse(
    await readFile(path.join(projectRoot, 'package.json'), 'utf8'),
  )
  const { contentSlugs } = await import('../collections/slugs')

  const client = new pg.Client({ connectionString: database.url })
  const partial = `${out}.partial`
  const spool = await mkdtemp(path.join(path.dirname(out), '.sotay-backup-'))
  // Interrupted (Ctrl-C): no half-written file stays behind.
  const onSignal = () => {
    rmSync(partial, { force: true })
    rmSync(spool, { recursive: true, force: true })
    console.error('\nBackup interrupted; nothing was written.')
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let writer: ReturnType<typeof createArchiveWriter> | null = null
  try {
    await client.connect()
    await prepareSession(client)

    // The checkpoint before the snapshot: the server writes it after the entry it names has
    // committed, so that entry is in the snapshot taken next.
    const checkpointPath = checkpointFile()
    const checkpointText = existsSync(checkpointPath) ? await readFile(checkpointPath) : null
    const checkpoint = checkpointText
      ? (JSON.parse(checkpointText.toString('utf8')) as AuditHead)
      : null

    // One snapshot for every table, while the server goes on writing.
    await client.query('begin isolation level repeatable read read only')
    const serverVersion = (await client.query('show server_version')).rows[0].server_version
    const shapes = await listTables(client)
    if (!shapes.some((table) => table.name === 'payload_migrations')) {
      throw new BackupError(
        'The database has no payload_migrations table: it is not a Sổ tay database, or it was never started.',
      )
    }
    const migrations = (
      await client.query('select name from payload_migrations where batch <> -1 order by id')
    ).rows.map((row) => row.name as string)
    if ((await firstAuditEntryVerifies(client)) === false) {
      throw new BackupError(
        `The audit chain's first entry does not verify under the key here (${keySource}): this ` +
          "is not the server's key (run the backup with the server's PAYLOAD_SECRET, AUDIT_KEY " +
          'and DATA_DIR), or the entry was altered (`npm run audit:verify` tells).',
      )
    }
    const { rows: headRows } = await client.query(
      'select id, hash, (select count(*) from audit_log)::int as count from audit_log order by id desc limit 1',
    )
    const mediaColumns =
      shapes
        .find((table) => table.name === 'media')
        ?.columns.filter((column) => /^(filename|sizes_.+_filename)$/.test(column)) ?? []
    const referenced = mediaColumns.length
      ? (
          await client.query(
            `select distinct f from media, unnest(array[${mediaColumns.map((c) => `"${c}"`).join(', ')}]) as f where f is not null`,
          )
        ).rows.map((row) => row.f as string)
      : []

    const tables: TableEntry[] = []
    const bar = progressBar('database', shapes.length, { unit: 'tables' })
    for (const [index, shape] of shapes.entries()) {
      const result = await copyOut(
        client,
        shape,
        createWriteStream(path.join(spool, `${index}.copy`), { mode: 0o600 }),
      )
      tables.push({ name: shape.name, columns: shape.columns, ...result })
      bar.update(index + 1)
    }
    bar.finish()
    // Sequences are not transactional: their values now are at least those of the snapshot.
    const sequences = await readSequences(client)
    await client.query('commit')

    const mediaDir = mediaDirectory()
    const files = await listFiles(mediaDir)
    const present = new Set(files.map((file) => file.relative))
    const missing = referenced.filter((name) => !present.has(name)).sort()
    if (missing.length) {
      console.warn(
        `Warning: ${missing.length} file(s) the media table names are not in ${mediaDir} ` +
          `(${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); backing up the rest.`,
      )
    }

    const createdAt = new Date().toISOString()
    const header: Header = { format: FORMAT, formatVersion: FORMAT_VERSION, createdAt }
    writer = createArchiveWriter(partial)
    const members: MemberEntry[] = []
    members.push(
      await writer.addBuffer(HEADER_MEMBER, Buffer.from(`${JSON.stringify(header, null, 2)}\n`)),
    )
    const spooledBytes = tables.reduce((sum, table) => sum + table.bytes, 0)
    const mediaBytes = files.reduce((sum, file) => sum + file.size, 0)
    const writing = progressBar('archive', spooledBytes + mediaBytes, { unit: 'bytes' })
    for (const [index, table] of tables.entries()) {
      const member = await writer.add(
        tableMember(table.name),
        table.bytes,
        createReadStream(path.join(spool, `${index}.copy`)),
      )
      if (member.sha256 !== table.sha256) {
        throw new Error(`The spooled copy of table ${table.name} changed while it was archived.`)
      }
      members.push(member)
      writing.add(table.bytes)
    }
    members.push(
      await writer.addBuffer(
        SEQUENCES_MEMBER,
        Buffer.from(`${JSON.stringify(sequences, null, 2)}\n`),
      ),
    )
    if (!secretFromEnvironment && existsSync(secretFile)) {
      members.push(await writer.addBuffer(SECRET_MEMBER, await readFile(secretFile)))
    }
    if (checkpointText) members.push(await writer.addBuffer(CHECKPOINT_MEMBER, checkpointText))
    for (const file of files) {
      const size = (await stat(file.absolute)).size
      members.push(
        await writer.add(
          mediaMember(file.relative),
          size,
          createReadStream(file.absolute),
          file.mtime,
        ),
      )
      writing.add(size)
    }
    writing.finish()

    const items = itemCounts(tables, [...contentSlugs, 'media', 'users', 'units', 'audit-log'])
    const manifest: Manifest = {
      ...header,
      app: { name: appName, version: appVersion },
      database: {
        kind: isExternal ? 'external' : 'embedded',
        serverVersion,
        migrations,
        tables,
        sequences: sequences.length,
      },
      items,
      media: { files: files.length, bytes: mediaBytes, missing },
      audit: {
        entries: headRows[0]?.count ?? 0,
        head: headRows[0] ? { id: Number(headRows[0].id), hash: headRows[0].hash } : null,
        checkpoint,
        keySource,
        keyCheck: keyCheckOf(),
      },
      secret: secretFromEnvironment ? 'environment' : 'included',
      members,
    }
    await writer.addBuffer(MANIFEST_MEMBER, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`))
    const archive = await writer.finish()
    writer = null
    await rename(partial, out)
    await chmod(out, 0o600)

    const rows = tables.reduce((sum, table) => sum + table.rows, 0)
    await appendAuditEntry(client, {
      action: 'backup',
      details: {
        file: out,
        bytes: archive.bytes,
        sha256: archive.sha256,
        tables: tables.length,
        rows,
        files: files.length,
        items: Object.fromEntries(Object.entries(items).map(([slug, count]) => [slug, count.rows])),
      },
    })

    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(`Backup written: ${out}`)
    console.log(
      `  items:    ${contentSlugs.map((slug) => `${items[slug]?.rows ?? 0} ${slug}`).join(', ')}; ` +
        `${items.users?.rows ?? 0} users, ${items.units?.rows ?? 0} units, ${manifest.audit.entries} audit entries`,
    )
    console.log(
      `  database: ${tables.length} tables, ${rows} rows (${formatBytes(spooledBytes)}), ` +
        `${sequences.length} sequences, ${migrations.length} migrations`,
    )
    console.log(`  media:    ${files.length} files (${formatBytes(mediaBytes)})`)
    console.log(`  archive:  ${formatBytes(archive.bytes)}, sha256 ${archive.sha256}`)
    console.log(`  took ${seconds} s`)
    console.log(
      'The file holds password hashes and the session secret: keep it as safe as the server. ' +
        'Restore with `npm run restore -- <file>`.',
    )
  } catch (err) {
    await client.query('rollback').catch(() => {})
    await writer?.abort()
    await rm(partial, { force: true })
    throw err
  } finally {
    await rm(spool, { recursive: true, force: true })
    await client.end().catch(() => {})
    await database.stop()
  }
}

keepAliveWhile(backup).then(
  () => process.exit(0),
  (err) => {
    if (err instanceof BackupError) {
      console.error(`Backup refused: ${err.message}`)
      process.exit(err.exitCode)
    }
    console.error('Backup failed:', err instanceof Error ? err.message : err)
    if (process.env.LOG_LEVEL === 'debug') console.error(err)
    process.exit(1)
  },
)
