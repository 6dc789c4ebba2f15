import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { canonicalEntry } from '../../src/audit/hash'
import type { Client } from '../helpers/api'
import { pngOf, uploadForm } from '../helpers/files'
import type { TestServer } from '../helpers/server'
import { runTool } from '../helpers/tool'
import { expectOk, issueAccount, PASSWORD, startWorld, type World } from '../helpers/world'

let server: TestServer
let api: Client
let world: World

beforeAll(async () => {
  ;({ server, api, world } = await startWorld())
})

afterAll(async () => {
  await server?.stop()
})

type Entry = Record<string, any> & { id: number; action: string }

/** The audit entries about one item, oldest first. */
const entriesAbout = async (collection: string, id: number | string): Promise<Entry[]> =>
  expectOk(
    await api.get(
      `/api/audit-log?where[collectionSlug][equals]=${collection}&where[itemId][equals]=${id}&sort=id&limit=100&depth=0`,
      { session: world.sessions.admin },
    ),
  ).json.docs

const resetTokenFor = async (email: string) => {
  const dir = path.join(server.dataDir, 'mail')
  for (const file of (await readdir(dir)).sort().reverse()) {
    const text = (await readFile(path.join(dir, file), 'utf8')).replace(/=\r?\n/g, '')
    if (text.includes(email)) return text.match(/dat-lai-mat-khau\?token=(?:3D)?([0-9a-f]{40})/)![1]
  }
  throw new Error(`no reset mail for ${email}`)
}

describe('what the audit log records', () => {
  it('should record an account from creation through unit, role and password changes', async () => {
    const account = await issueAccount(api, world.sessions.admin, {
      roles: ['member'],
      unit: world.units.cellA,
    })
    expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { unit: world.units.cellB, roles: ['member', 'editor'] },
        { session: world.sessions.admin },
      ),
    )
    expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { password: 'mat-khau-quan-tri-dat-789' },
        { session: world.sessions.admin },
      ),
    )
    expectOk(await api.post('/api/users/forgot-password', { email: account.email }))
    // An unknown address leaves nothing: anyone may ask, only real accounts are worth a line.
    expectOk(await api.post('/api/users/forgot-password', { email: 'khong-co@test.local' }))
    const token = await resetTokenFor(account.email)
    expectOk(
      await api.post('/api/users/reset-password', { token, password: 'mat-khau-tu-dat-lai-321' }),
    )

    // (Signing in, and a reset, which signs its holder in, are logins of their own.)
    const log = (await entriesAbout('users', account.id)).filter(
      (entry) => entry.action !== 'login',
    )
    expect(log.map((entry) => entry.action)).toEqual([
      'account_create',
      'password_change',
      'role_change',
      'account_update',
      'password_change',
      'password_reset',
    ])
    expect(log[0]).toMatchObject({
      actor: world.users.admin.id,
      toState: 'member',
      details: { email: account.email, unit: world.units.cellA },
    })
    expect(log[1]).toMatchObject({ actor: account.id, details: { by: 'self' } })
    expect(log[2]).toMatchObject({ fromState: 'member', toState: 'editor,member' })
    expect(log[3].details).toEqual({
      field: 'unit',
      from: world.units.cellA,
      to: world.units.cellB,
    })
    expect(log[4]).toMatchObject({ actor: world.users.admin.id, details: { by: 'admin' } })
    expect(log[5].actorEmail).toBe(account.email)

    const requests = expectOk(
      await api.get(
        `/api/audit-log?where[action][equals]=password_reset_request&sort=-id&limit=10&depth=0`,
        { session: world.sessions.admin },
      ),
    ).json.docs as Entry[]
    expect(requests.map((entry) => entry.actorEmail)).toContain(account.email)
    expect(requests.map((entry) => entry.actorEmail)).not.toContain('khong-co@test.local')
    // No password, hash or token ever reaches the log.
    const everything = JSON.stringify(
      expectOk(await api.get('/api/audit-log?limit=500&depth=0', { session: world.sessions.admin }))
        .json.docs,
    )
    for (const secret of [PASSWORD, 'mat-khau-quan-tri-dat-789', 'mat-khau-tu-dat-lai-321', token])
      expect(everything).not.toContain(secret)
  })

  it('should deactivate an account: its sessions end, it cannot sign in, and the log says who did it', async () => {
    const account = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
    expect((await api.get('/api/users/me', { session: account.session })).json.user.id).toBe(
      account.id,
    )
    // Only an admin may.
    const self = await api.patch(
      `/api/users/${account.id}`,
      { deactivated: true },
      { session: account.session },
    )
    expect(self.json?.doc?.deactivated ?? false).toBe(false)
    expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { deactivated: true },
        { session: world.sessions.admin },
      ),
    )
    expect((await api.get('/api/users/me', { session: account.session })).json.user).toBeNull()
    const refused = await api.post('/api/users/login', { email: account.email, password: PASSWORD })
    expect(refused.status).toBe(403)
    expect(refused.json.errors[0].message).toContain('ngừng hoạt động')
    // A wrong password learns nothing about the account.
    const wrong = await api.post('/api/users/login', {
      email: account.email,
      password: 'sai-mat-khau-123',
    })
    expect(wrong.status).toBe(401)
    // Nor through a reset link, which would sign it in.
    expectOk(await api.post('/api/users/forgot-password', { email: account.email }))
    const reset = await api.post('/api/users/reset-password', {
      token: await resetTokenFor(account.email),
      password: 'mat-khau-moi-sau-khi-khoa-1',
    })
    expect(reset.status).toBe(403)
    expect(reset.json.token).toBeUndefined()
    // The account and its name stay; reactivated, it signs in again.
    expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { deactivated: false },
        { session: world.sessions.admin },
      ),
    )
    await api.login(account.email, PASSWORD)
    const log = (await entriesAbout('users', account.id)).filter(
      (entry) => entry.action === 'account_update',
    )
    expect(log.map((entry) => [entry.fromState, entry.toState, entry.actor])).toEqual([
      ['active', 'deactivated', world.users.admin.id],
      ['deactivated', 'active', world.users.admin.id],
    ])
  })

  it('should record each upload and each file deleted, with who did it', async () => {
    const uploaded = expectOk(
      await api.post(
        '/api/media',
        uploadForm(await pngOf(40, 30), 'bieu-do.png', 'image/png', { alt: 'Biểu đồ' }),
        { session: world.sessions.editor },
      ),
    ).json.doc
    expectOk(await api.del(`/api/media/${uploaded.id}`, { session: world.sessions.admin }))
    const log = await entriesAbout('media', uploaded.id)
    expect(log.map((entry) => entry.action)).toEqual(['upload', 'delete'])
    expect(log[0]).toMatchObject({
      actor: world.users.editor.id,
      details: { filename: 'bieu-do.png', mimeType: 'image/png' },
    })
    expect(log[0].details.filesize).toBeGreaterThan(0)
    expect(log[1].actor).toBe(world.users.admin.id)
  })
})

describe('audit:verify against someone with write access to the database', () => {
  const verify = (args: string[] = []) =>
    runTool('scripts/audit-verify.ts', args, {
      env: { DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir },
    })
  let db: pg.Client

  beforeAll(async () => {
    db = new pg.Client({ connectionString: server.databaseUrl })
    await db.connect()
  })
  afterAll(async () => {
    await db?.end()
  })

  it(
    'should catch the newest entry deleted, and a kept head that no longer holds',
    { timeout: 300_000 },
    async () => {
      const ok = await verify()
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.stdout).toMatch(/Audit chain OK: \d+ entries/)
      const head = ok.stdout.match(/Head: (\d+:[0-9a-f]{64})/)![1]
      const checkpoint = JSON.parse(
        await readFile(path.join(server.dataDir, 'audit-head.json'), 'utf8'),
      )
      expect(`${checkpoint.id}:${checkpoint.hash}`).toBe(head)

      const { rows } = await db.query('select * from audit_log order by id desc limit 1')
      const newest = rows[0]
      await db.query('delete from audit_log where id = $1', [newest.id])
      try {
        const truncated = await verify()
        expect(truncated.code).toBe(1)
        expect(truncated.stderr).toContain('the newest entries were deleted')
        // The operator's own copy of the head says the same, even without the checkpoint file.
        const kept = await verify(['--expect-head', head])
        expect(kept.code).toBe(1)
        expect(kept.stderr).toContain('the head you kept does not hold')
      } finally {
        const columns = Object.keys(newest)
        await db.query(
          `insert into audit_log (${columns.map((c) => `"${c}"`).join(',')}) values (${columns.map((_, i) => `$${i + 1}`).join(',')})`,
          columns.map((c) =>
            c === 'details' && newest[c] != null ? JSON.stringify(newest[c]) : newest[c],
          ),
        )
      }
      const restored = await verify(['--expect-head', head])
      expect(restored.code, restored.stderr).toBe(0)
    },
  )

  it(
    'should catch an entry changed with every later link recomputed without the key',
    { timeout: 300_000 },
    async () => {
      const { rows } = await db.query('select * from audit_log order by id')
      expect(rows.length).toBeGreaterThan(4)
      const target = rows[2].id
      // What someone without the key can do: rewrite an entry and recompute the whole chain
      // from it on, with the plain SHA-256 the log used before it was keyed.
      let prev = rows[1].hash
      for (const row of rows.slice(2)) {
        const reason = row.id === target ? 'đã bị sửa lén' : row.reason
        const hash = createHash('sha256')
          .update(
            canonicalEntry({
              at: row.at,
              actor: row.actor_id,
              actorEmail: row.actor_email,
              action: row.action,
              collectionSlug: row.collection_slug,
              itemId: row.item_id,
              version: row.version,
              fromState: row.from_state,
              toState: row.to_state,
              reason,
              requestId: row.request_id,
              details: row.details,
              prevHash: prev,
            }),
          )
          .digest('hex')
        await db.query(
          'update audit_log set reason = $1, prev_hash = $2, hash = $3 where id = $4',
          [reason, prev, hash, row.id],
        )
        prev = hash
      }
      const broken = await verify()
      expect(broken.code).toBe(1)
      expect(broken.stderr).toContain(`BROKEN at entry #${target}`)
      expect(broken.stderr).toContain('MAC')
    },
  )
})
