import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

import pg from 'pg'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs } from '../../collections/slugs'
import type { Manifest } from '../../src/backup/format'
import { client, type Client, type Session } from '../helpers/api'
import { pngOf, uploadForm } from '../helpers/files'
import { createDatabase, startServer, type TestServer } from '../helpers/server'
import { runTool } from '../helpers/tool'
import {
  expectOk,
  minimalItem,
  PASSWORD,
  publishItem,
  startWorld,
  type World,
} from '../helpers/world'

type Doc = Record<string, any> & { id: number }

let root: string
let source: TestServer
let api: Client
let world: World
let restored: TestServer | null = null
let backupFile: string
let mediaId: number

/** The environment of a tool run against a data folder (never the test runner's own settings). */
const toolEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  DATA_DIR: dataDir,
  MEDIA_DIR: path.join(dataDir, 'media'),
  DATABASE_URL: '',
  PAYLOAD_SECRET: '',
  AUDIT_KEY: '',
  ...extra,
})

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** Every file under a folder (relative path → SHA-256), except the folders named in `skip`. */
const filesUnder = async (dir: string, skip: string[] = []): Promise<Record<string, string>> => {
  const out: Record<string, string> = {}
  if (!existsSync(dir)) return out
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name)
    const relative = path.relative(dir, full)
    if (!entry.isFile() || skip.some((s) => relative === s || relative.startsWith(`${s}/`))) {
      continue
    }
    out[relative] = sha256(await readFile(full))
  }
  return out
}

const readMembers = async (file: string) => {
  const members = new Map<string, Buffer>()
  const extract = tar.extract()
  const done = pipeline(createReadStream(file), zlib.createGunzip(), extract)
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    members.set(entry.header.name, Buffer.concat(chunks))
  }
  await done
  return members
}

const writeMembers = async (file: string, members: Map<string, Buffer>) => {
  const pack = tar.pack()
  const done = pipeline(pack, zlib.createGzip(), createWriteStream(file))
  for (const [name, data] of members) pack.entry({ name, size: data.length }, data)
  pack.finalize()
  await done
}

/** Every document of a REST list, page by page (pages hold 100 at most). */
const all = async (server: TestServer, pathname: string, session: Session): Promise<Doc[]> => {
  const docs: Doc[] = []
  for (let page = 1; ; page++) {
    const separator = pathname.includes('?') ? '&' : '?'
    const res = expectOk(
      await client(server.url).get(`${pathname}${separator}limit=100&page=${page}`, { session }),
      [200],
    ).json
    docs.push(...res.docs)
    if (!res.hasNextPage) return docs
  }
}

const collectionPath = (slug: string) => `/api/${slug}?draft=true&depth=0&sort=id`
const versionsPath = (slug: string) => `/api/${slug}/versions?depth=0&sort=id`

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sotay-backup-test-'))
  // As root, the embedded PostgreSQL runs as `postgres`, which must reach the folders inside.
  await chmod(root, 0o755)
  // The main path: the server on its own embedded database, as `npm start` runs it.
  ;({
    server: source,
    api,
    world,
  } = await startWorld({
    databaseUrl: null,
    dataDir: path.join(root, 'source'),
  }))
  // An image (stored with its resized variants) attached to a published document.
  mediaId = expectOk(
    await api.post(
      '/api/media',
      uploadForm(await pngOf(900, 600), 'so-do-to-chuc.png', 'image/png', { alt: 'Sơ đồ' }),
      { session: world.sessions.editor },
    ),
  ).json.doc.id
  await publishItem(api, world.sessions, 'documents', {
    ...minimalItem.documents('co-tep'),
    audience: 'public',
    attachments: [mediaId],
  })
  backupFile = path.join(root, 'sotay.tar.gz')
})

afterAll(async () => {
  await restored?.stop()
  await source?.stop()
  if (root && !process.env.KEEP_TEST_DATA) await rm(root, { recursive: true, force: true })
})

describe('npm run backup and npm run restore', () => {
  it('should back up a running server while it writes, and restore it item for item, file for file', async () => {
    // An editor keeps creating items, before, during and after the backup.
    const written: number[] = []
    let stopAt = Infinity
    const writer = (async () => {
      for (let n = 0; written.length < stopAt; n++) {
        const res = await api.post('/api/references', minimalItem.references(`ghi-${n}`), {
          session: world.sessions.editor,
        })
        written.push(expectOk(res).json.doc.id)
      }
    })()
    const backupStarted = Date.now()
    const backup = await runTool('scripts/backup.ts', ['--out', backupFile], {
      env: toolEnv(source.dataDir),
    })
    const backupMs = Date.now() - backupStarted
    // Three more once the backup has finished: writes its snapshot cannot hold.
    stopAt = written.length + 3
    await writer
    expect(backup.code, backup.stdout + backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/sha256 [0-9a-f]{64}/)
    expect(backup.stderr).toMatch(/database\s+100% \d+\/\d+ tables/)
    const info = await stat(backupFile)
    expect(info.mode & 0o777).toBe(0o600)
    const archiveSha = sha256(await readFile(backupFile))
    expect(backup.stdout).toContain(archiveSha)

    const members = await readMembers(backupFile)
    expect([...members.keys()][0]).toBe('sotay-backup.json')
    expect([...members.keys()].at(-1)).toBe('manifest.json')
    const manifest = JSON.parse(members.get('manifest.json')!.toString()) as Manifest
    expect(manifest.secret).toBe('included')
    expect(members.get('secrets/payload-secret')!.toString()).toBe(
      await readFile(path.join(source.dataDir, 'payload-secret'), 'utf8'),
    )
    for (const member of manifest.members) {
      expect(sha256(members.get(member.name)!), member.name).toBe(member.sha256)
    }
    // Every file of the media folder (the upload and its variants), byte for byte.
    const sourceFiles = await filesUnder(path.join(source.dataDir, 'media'))
    expect(Object.keys(sourceFiles).length).toBeGreaterThanOrEqual(2)
    for (const [name, hash] of Object.entries(sourceFiles)) {
      expect(sha256(members.get(`media/${name}`)!), name).toBe(hash)
    }
    expect(manifest.media.missing).toEqual([])

    // The backup is recorded in the source's audit log.
    const sourceAudit = await all(source, '/api/audit-log?depth=0&sort=id', world.sessions.admin)
    expect(sourceAudit.filter((entry) => entry.action === 'backup').at(-1)?.details).toMatchObject({
      file: backupFile,
      sha256: archiveSha,
      bytes: info.size,
    })

    // Restore into a new folder, then serve it.
    const target = path.join(root, 'restored')
    const restoreStarted = Date.now()
    const restore = await runTool('scripts/restore.ts', [backupFile], {
      env: toolEnv(target),
      timeoutMs: 240_000,
    })
    const restoreMs = Date.now() - restoreStarted
    expect(restore.code, restore.stdout + restore.stderr).toBe(0)
    expect(restore.stdout).toContain('npm start')
    expect(restore.stderr).toMatch(/checking\s+100%/)
    console.log(
      `[backup] ${manifest.database.tables.length} tables, ${manifest.media.files} files: ` +
        `backup ${backupMs} ms (${info.size} bytes), restore ${restoreMs} ms`,
    )
    expect(await readFile(path.join(target, 'payload-secret'), 'utf8')).toBe(
      await readFile(path.join(source.dataDir, 'payload-secret'), 'utf8'),
    )
    restored = await startServer({ databaseUrl: null, dataDir: target })
    // The admin's session from before the backup is valid on the restored server.
    const admin = world.sessions.admin

    // Item for item: everything an admin sees, drafts included.
    const restoredRefs = await all(restored, collectionPath('references'), admin)
    const restoredRefIds = new Set(restoredRefs.map((doc) => doc.id))
    for (const slug of [...contentSlugs, 'units', 'users', 'media']) {
      const before = await all(source, collectionPath(slug), admin)
      const after = await all(restored, collectionPath(slug), admin)
      if (slug === 'references') {
        // The writer's items after the snapshot are not in it; the ones before are, unchanged.
        const missing = before.filter((doc) => !restoredRefIds.has(doc.id)).map((doc) => doc.id)
        expect(missing.every((id) => written.includes(id))).toBe(true)
        expect(missing.length).toBeGreaterThanOrEqual(3)
        const kept = written.filter((id) => restoredRefIds.has(id))
        expect(kept).toEqual(written.slice(0, kept.length))
        expect(kept.length).toBeGreaterThan(0)
        expect(after).toEqual(before.filter((doc) => restoredRefIds.has(doc.id)))
      } else {
        expect(after, slug).toEqual(before)
      }
      if ((contentSlugs as string[]).includes(slug)) {
        const versionsBefore = await all(source, versionsPath(slug), admin)
        const versionsAfter = await all(restored, versionsPath(slug), admin)
        const afterIds = new Set(after.map((doc) => doc.id))
        expect(versionsAfter, `${slug} versions`).toEqual(
          versionsBefore.filter((version) => afterIds.has(version.parent)),
        )
      }
    }
    expect((await all(restored, collectionPath('documents'), admin)).length).toBe(
      manifest.items.documents.rows,
    )

    // One snapshot: each restored item has its creation in the audit log, and nothing more.
    const restoredAudit = await all(restored, '/api/audit-log?depth=0&sort=id', admin)
    const created = restoredAudit
      .filter((entry) => entry.action === 'create' && entry.collectionSlug === 'references')
      .map((entry) => Number(entry.itemId))
    expect(new Set(created)).toEqual(restoredRefIds)
    // The audit log as it was, then the restore.
    const last = restoredAudit.at(-1)!
    expect(last.action).toBe('restore')
    expect(last.details).toMatchObject({ sha256: archiveSha })
    expect(restoredAudit.slice(0, -1)).toEqual(
      sourceAudit.filter((entry) => entry.id <= restoredAudit.at(-2)!.id),
    )
    expect(restoredAudit.at(-2)!.id).toBe(manifest.audit.head!.id)

    // File for file: each stored file and each variant, downloaded from both servers.
    const files = await all(restored, collectionPath('media'), admin)
    let compared = 0
    for (const doc of files) {
      const urls = [doc.url, ...Object.values(doc.sizes ?? {}).map((size: any) => size?.url)]
      for (const url of urls.filter(Boolean) as string[]) {
        const fetchBytes = async (server: TestServer) => {
          const res = await fetch(new URL(url, server.url), {
            headers: { Authorization: `JWT ${admin.token}` },
          })
          expect(res.status, url).toBe(200)
          return Buffer.from(await res.arrayBuffer())
        }
        const original = await fetchBytes(source)
        expect(original.length).toBeGreaterThan(0)
        expect((await fetchBytes(restored)).equals(original), url).toBe(true)
        compared++
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2)
    expect(await filesUnder(path.join(target, 'media'))).toEqual(sourceFiles)

    // The audit chain verifies on the restored folder, under the restored secret.
    const verify = await runTool('scripts/audit-verify.ts', [], { env: toolEnv(target) })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(verify.stdout).toContain('Audit chain OK')

    // Passwords: the admin's and a member's own.
    const restoredApi = client(restored.url)
    await restoredApi.loginAdmin()
    const member = await restoredApi.login(world.users.member.email, PASSWORD)
    expect(member.token).toBeTruthy()

    // Search was rebuilt: a published item is found.
    const title = world.items.documents.public.title
    const found = expectOk(
      await restoredApi.get(`/api/search?q=${encodeURIComponent(title)}`),
      [200],
    ).json
    expect(found.hits.map((hit: { title: string }) => hit.title)).toContain(title)
  }, 300_000)

  it('should refuse to restore over data, and change nothing', async () => {
    // The source's folder: a cluster, a running server, media files.
    // (The server's own pass may move its audit checkpoint meanwhile.)
    const before = await filesUnder(source.dataDir, ['postgres', 'audit-head.json'])
    const over = await runTool('scripts/restore.ts', [backupFile], {
      env: toolEnv(source.dataDir),
    })
    expect(over.code).toBe(2)
    expect(over.stderr).toContain('already holds a database cluster')
    expect(await filesUnder(source.dataDir, ['postgres', 'audit-head.json'])).toEqual(before)

    // An empty data folder but media files already in MEDIA_DIR.
    const target = path.join(root, 'media-taken')
    await mkdir(path.join(target, 'uploads'), { recursive: true })
    await writeFile(path.join(target, 'uploads', 'keep.png'), await pngOf(8, 8))
    const taken = await runTool('scripts/restore.ts', [backupFile], {
      env: toolEnv(path.join(root, 'empty'), { MEDIA_DIR: path.join(target, 'uploads') }),
    })
    expect(taken.code).toBe(2)
    expect(taken.stderr).toMatch(/already holds 1 file/)
    expect(existsSync(path.join(root, 'empty'))).toBe(false)
    expect(Object.keys(await filesUnder(target))).toEqual(['uploads/keep.png'])

    const missing = await runTool('scripts/restore.ts', [path.join(root, 'nope.tar.gz')], {
      env: toolEnv(path.join(root, 'empty')),
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No such file')
  }, 120_000)

  it('should refuse a damaged or foreign file, naming the problem, and leave the target empty', async () => {
    const target = path.join(root, 'target')
    await mkdir(target)
    const attempt = async (file: string) => {
      const res = await runTool('scripts/restore.ts', [file], { env: toolEnv(target) })
      expect(res.code, res.stdout + res.stderr).toBe(2)
      expect(await readdir(target)).toEqual([])
      return res.stderr
    }

    // Cut short.
    const whole = await readFile(backupFile)
    const truncated = path.join(root, 'truncated.tar.gz')
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)))
    expect(await attempt(truncated)).toMatch(/is damaged: it is truncated/)

    // One byte of one member changed, the archive otherwise well-formed.
    const members = await readMembers(backupFile)
    const media = [...members.keys()].find((name) => name.startsWith('media/'))!
    const changed = Buffer.from(members.get(media)!)
    changed[changed.length - 20] ^= 0xff
    members.set(media, changed)
    const tampered = path.join(root, 'tampered.tar.gz')
    await writeMembers(tampered, members)
    expect(await attempt(tampered)).toContain(`member "${media}" does not match its checksum`)

    // Bytes flipped in the compressed stream.
    const flipped = Buffer.from(whole)
    for (let i = 0; i < 8; i++) flipped[Math.floor(whole.length / 2) + i] ^= 0x5a
    const corrupted = path.join(root, 'corrupted.tar.gz')
    await writeFile(corrupted, flipped)
    // (Where the flipped bytes land decides which check sees them first.)
    expect(await attempt(corrupted)).toMatch(
      /is damaged: it is (corrupted|truncated)|holds an unexpected member|does not match its checksum/,
    )

    // Not a backup at all.
    const foreign = path.join(root, 'foreign.tar.gz')
    await writeMembers(foreign, new Map([['README.md', Buffer.from('# hello\n')]]))
    expect(await attempt(foreign)).toContain('is not a Sổ tay backup')
    const plain = path.join(root, 'plain.txt')
    await writeFile(plain, 'not an archive')
    expect(await attempt(plain)).toContain('is not a Sổ tay backup: it is not gzip-compressed')
  }, 120_000)

  it('should restore into an empty DATABASE_URL database, and refuse one that has tables', async () => {
    const databaseUrl = await createDatabase()
    const target = path.join(root, 'external')
    const env = toolEnv(target, { DATABASE_URL: databaseUrl })
    const restore = await runTool('scripts/restore.ts', [backupFile], { env, timeoutMs: 240_000 })
    expect(restore.code, restore.stdout + restore.stderr).toBe(0)
    const manifest = JSON.parse((await readMembers(backupFile)).get('manifest.json')!.toString())
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      for (const slug of [...contentSlugs, 'users', 'units', 'media']) {
        const { rows } = await db.query(
          `select count(*)::int as n from "${slug.replace(/-/g, '_')}"`,
        )
        expect(rows[0].n, slug).toBe(manifest.items[slug].rows)
      }
    } finally {
      await db.end()
    }
    const verify = await runTool('scripts/audit-verify.ts', [], { env })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(await filesUnder(path.join(target, 'media'))).toEqual(
      await filesUnder(path.join(source.dataDir, 'media')),
    )

    const again = await runTool('scripts/restore.ts', [backupFile], {
      env: toolEnv(path.join(root, 'external-2'), { DATABASE_URL: databaseUrl }),
    })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already has')
    expect(existsSync(path.join(root, 'external-2'))).toBe(false)
  }, 240_000)
})
