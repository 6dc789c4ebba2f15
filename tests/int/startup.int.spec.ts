import { appendFileSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEMO_PASSWORD_DEFAULT } from '../../src/seed'
import { client } from '../helpers/api'
import { type TestServer, startServer } from '../helpers/server'
import { expectOk, workflow } from '../helpers/world'

/**
 * The server as `npm start` runs it on a fresh machine: no DATABASE_URL, so an embedded
 * PostgreSQL under DATA_DIR, demo content seeded into the empty database.
 */
// Its tests start servers themselves: a start that stalls in Node's module loader (noticed after
// 45 s, then started again, see tests/helpers/server.ts) must still fit in a test's time.
describe('start-up on an empty data folder', { timeout: 240_000 }, () => {
  let dataDir: string
  let server: TestServer | undefined

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-startup-'))
  })
  afterAll(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('should start, migrate, seed the demo handbook and answer health checks', async () => {
    server = await startServer({
      databaseUrl: null,
      dataDir,
      env: { SEED_DEMO: '1', DEMO_USERS: '1' },
    })
    const api = client(server.url)
    expect((await api.get('/healthz')).status).toBe(200)
    expect((await api.get('/readyz')).json).toEqual({ status: 'ready', database: 'up' })
    for (const slug of [
      'documents',
      'orientations',
      'identified-pages',
      'references',
      'questions',
    ]) {
      const staff = await api.get(`/api/${slug}?limit=0&draft=true`, {
        session: await api.loginAdmin(),
      })
      expect(staff.json.totalDocs).toBeGreaterThanOrEqual(10)
      const anonymous = await api.get(`/api/${slug}?limit=1`)
      expect(anonymous.json.totalDocs).toBeGreaterThan(0)
    }
    const admin = await api.loginAdmin()
    const units = await api.get('/api/units?limit=0&depth=0', { session: admin })
    expect(units.json.docs.filter((u: { kind: string }) => u.kind === 'chi-bo')).toHaveLength(5)
    const demoUsers = await api.get('/api/users?limit=0', { session: admin })
    const roles = demoUsers.json.docs.flatMap((u: { roles: string[] }) => u.roles)
    expect(roles).toEqual(expect.arrayContaining(['admin', 'editor', 'reviewer', 'member']))
  })

  it('should serve the Vietnamese landing page and admin', async () => {
    const api = client(server!.url)
    const landing = await api.get('/')
    expect(landing.status).toBe(200)
    expect(landing.text).toContain('lang="vi"')
    expect(landing.headers.get('content-security-policy')).toContain("script-src 'self'")
    const admin = await api.get('/admin/login')
    expect(admin.status).toBe(200)
    expect(admin.text).toContain('lang="vi"')
    expect(admin.text).toContain('Đăng nhập')
  })

  it('should keep its data across a restart on the same folder', async () => {
    let api = client(server!.url)
    const admin = await api.loginAdmin()
    const reviewer = await api.login('duyet@sotay.local', DEMO_PASSWORD_DEFAULT)
    const created = expectOk(
      await api.post(
        '/api/references',
        { title: 'Tài liệu còn sau khởi động lại', kind: 'book', audience: 'public' },
        { session: admin },
      ),
    ).json.doc
    await workflow(api, admin, 'references', created.id, 'submit')
    await workflow(api, reviewer, 'references', created.id, 'approve')
    await server!.stop()
    server = await startServer({ databaseUrl: null, dataDir, env: { SEED_DEMO: '1' } })
    api = client(server.url)
    const found = await api.get(`/api/references/${created.id}`)
    expect(found.json.title).toBe('Tài liệu còn sau khởi động lại')
    const docs = await api.get('/api/documents?limit=0&draft=true', {
      session: await api.loginAdmin(),
    })
    // Seeding runs only into an empty database: a restart does not duplicate the demo content.
    expect(docs.json.totalDocs).toBe(12)
  })

  it('should refuse a second server on the same folder, and take over a database its killed server left running', async () => {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid')
    const postgresPid = () => Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    // Never two servers on one data folder.
    await expect(startServer({ databaseUrl: null, dataDir })).rejects.toThrow(/already in use/)
    expect((await client(server!.url).get('/readyz')).status).toBe(200)
    // kill -9 of the server: its PostgreSQL is left running, orphaned.
    const orphan = postgresPid()
    const exited = new Promise((resolve) => server!.child.once('exit', resolve))
    server!.child.kill('SIGKILL')
    await exited
    expect(alive(orphan)).toBe(true)
    // One command starts again: the orphan is stopped and the database started anew, data kept.
    server = await startServer({ databaseUrl: null, dataDir, env: { DB_RESTART_ATTEMPTS: '4' } })
    expect(alive(orphan)).toBe(false)
    expect(postgresPid()).not.toBe(orphan)
    const api = client(server.url)
    expect((await api.get('/readyz')).status).toBe(200)
    const kept = await api.get(
      '/api/references?where[title][equals]=Tài liệu còn sau khởi động lại',
    )
    expect(kept.json.totalDocs).toBe(1)
    expect(server.output()).toMatch(/left running by a server that stopped/)
  })

  it(
    'should bring a killed database back under load, losing no acknowledged write and never answering 401',
    { timeout: 120_000 },
    async () => {
      const api = client(server!.url)
      const admin = await api.loginAdmin()
      const member = await api.login('dangvien@sotay.local', DEMO_PASSWORD_DEFAULT)
      const statuses = new Map<string, number>()
      const count = (what: string, status: number) =>
        statuses.set(`${what} ${status}`, (statuses.get(`${what} ${status}`) ?? 0) + 1)
      const withoutRetryAfter: string[] = []
      const acknowledged: number[] = []
      let running = true
      const loop = async (
        what: string,
        call: () => Promise<{ status: number; headers: Headers; json: any }>,
      ) => {
        while (running) {
          const res = await call()
          count(what, res.status)
          if (res.status === 503 && !res.headers.get('retry-after')) withoutRetryAfter.push(what)
          if (what === 'write' && res.status === 201) acknowledged.push(res.json.doc.id)
          if (res.status === 503) await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
      let n = 0
      const loops = [
        loop('read', () => api.get('/api/documents?limit=5&depth=0')),
        loop('member', () => api.get('/api/users/me', { session: member })),
        loop('member', () => api.get('/api/orientations?limit=5&depth=0', { session: member })),
        loop('write', () =>
          api.post(
            '/api/references',
            { title: `Ghi trong lúc mất cơ sở dữ liệu ${++n}`, kind: 'book', audience: 'public' },
            { session: admin },
          ),
        ),
      ]
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid')
      const killed = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
      const killedAt = Date.now()
      process.kill(killed, 'SIGKILL')
      await expect
        .poll(async () => (await api.get('/readyz')).status, { timeout: 10_000, interval: 50 })
        .toBe(503)
      await expect
        .poll(async () => (await api.get('/readyz')).status, { timeout: 60_000, interval: 100 })
        .toBe(200)
      const recoveredMs = Date.now() - killedAt
      // Reads and writes carry on over the new connections for a while.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      running = false
      await Promise.all(loops)
      console.log(
        `[recovery] database killed (kill -9) and back in ${recoveredMs} ms; answers: ${JSON.stringify(Object.fromEntries(statuses))}`,
      )
      expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).not.toBe(killed)
      for (const [key, times] of statuses) {
        // Every answer was a success or a 503 to try again: no 401 (session kept), no 500.
        expect(key, `${times} × ${key}`).toMatch(/ (200|201|503)$/)
      }
      expect(statuses.get('write 503') ?? 0, 'the outage was seen by writes').toBeGreaterThan(0)
      expect(withoutRetryAfter).toEqual([])
      expect(statuses.get('member 200')).toBeGreaterThan(0)
      // Every acknowledged write is there.
      const kept = await api.get(
        `/api/references?where[id][in]=${acknowledged.join(',')}&limit=0&depth=0&draft=true`,
        { session: admin },
      )
      expect(kept.json.totalDocs).toBe(acknowledged.length)
      expect(acknowledged.length).toBeGreaterThan(0)
      expect(server!.output()).toMatch(/embedded database is back after \d+ ms/)
    },
  )

  it(
    'should fail /healthz when its database cannot be started again',
    { timeout: 60_000 },
    async () => {
      const api = client(server!.url)
      // A setting PostgreSQL refuses: every restart attempt fails.
      appendFileSync(
        path.join(dataDir, 'postgres', 'postgresql.auto.conf'),
        "\nshared_buffers = 'beaucoup'\n",
      )
      const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid')
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL')
      await expect
        .poll(async () => (await api.get('/readyz')).json?.database, {
          timeout: 10_000,
          interval: 50,
        })
        .toMatch(/restarting|failed/)
      expect((await api.get('/healthz')).status).toBe(200)
      // DB_RESTART_ATTEMPTS=4: 0.5 + 1 + 2 + 4 s of back-off, then the process gives up.
      await expect
        .poll(async () => (await api.get('/healthz')).status, { timeout: 40_000, interval: 250 })
        .toBe(503)
      expect((await api.get('/healthz')).json).toEqual({ status: 'failed', database: 'failed' })
      const page = await api.get('/api/documents')
      expect(page.status).toBe(503)
      expect(page.headers.get('retry-after')).toBe('5')
      expect(server!.output()).toMatch(/could not be started again after 4 attempts/)
    },
  )
})
