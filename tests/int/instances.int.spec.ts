import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, client } from '../helpers/api'
import { type TestServer, startServer } from '../helpers/server'
import { type World, expectOk, minimalItem, startWorld, workflow } from '../helpers/world'

/**
 * Two app processes on one database, as README's "Several app instances" describes them: the
 * same DATABASE_URL and secret (here: the same data folder, which holds the generated secret).
 */
const RUNNER = { JOBS_INTERVAL_MS: '300', QUEUE_INTERVAL_MS: '200', LOG_LEVEL: 'debug' }

let first: TestServer
let second: TestServer
let one: Client
let two: Client
let world: World
let db: pg.Client

beforeAll(async () => {
  ;({ server: first, api: one, world } = await startWorld({ env: RUNNER }))
  second = await startServer({
    databaseUrl: first.databaseUrl,
    dataDir: first.dataDir,
    env: RUNNER,
  })
  two = client(second.url)
  db = new pg.Client({ connectionString: first.databaseUrl })
  await db.connect()
})
afterAll(async () => {
  await db?.end()
  await second?.stop()
  await first?.stop()
})

/** The ids of the jobs each process says it ran. */
const jobsRanBy = (server: TestServer) =>
  [...server.output().matchAll(/Job runner: ran job\(s\) ([\d, ]+)/g)].flatMap((match) =>
    match[1].split(', ').map(Number),
  )

describe('two app processes on one database', () => {
  it('should accept a session opened on either process on the other', async () => {
    const member = world.sessions.member
    const onSecond = await two.get('/api/users/me', { session: member })
    expect(onSecond.json.user.id).toBe(world.users.member.id)
    const signedInOnSecond = await two.login(world.users.editor.email, 'test-password-123')
    const onFirst = await one.get('/api/users/me', { session: signedInOnSecond })
    expect(onFirst.json.user.id).toBe(world.users.editor.id)
    // Signing out on one ends the session on both (sessions live in the database).
    expectOk(await one.post('/api/users/logout', {}, { session: signedInOnSecond }))
    expect((await two.get('/api/users/me', { session: signedInOnSecond })).json.user).toBeNull()
  })

  it(
    'should publish each scheduled item once, whichever process gets there first',
    { timeout: 60_000 },
    async () => {
      const publishAt = new Date(Date.now() + 3000).toISOString()
      const ids: number[] = []
      for (let i = 0; i < 6; i++) {
        const api = i % 2 ? two : one
        const created = expectOk(
          await api.post(
            '/api/references',
            { ...minimalItem.references(`hẹn giờ ${i}`), audience: 'public', publishAt },
            { session: world.sessions.editor },
          ),
        ).json.doc
        await workflow(api, world.sessions.editor, 'references', created.id, 'submit')
        await workflow(api, world.sessions.reviewer, 'references', created.id, 'approve')
        ids.push(created.id)
      }
      const published = async () =>
        (
          await db.query(
            `select count(*)::int as n from "references" where id = any($1) and _status = 'published'`,
            [ids],
          )
        ).rows[0].n
      await expect.poll(published, { timeout: 20_000, interval: 200 }).toBe(ids.length)
      // Both processes had passes due meanwhile; wait two more, then count.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const { rows } = await db.query(
        `select item_id, action, count(*)::int as n from audit_log
          where collection_slug = 'references' and item_id = any($1)
            and action in ('publish', 'schedule_failed')
          group by item_id, action`,
        [ids.map(String)],
      )
      expect(rows.filter((row) => row.action === 'schedule_failed')).toEqual([])
      expect(rows.map((row) => row.n)).toEqual(ids.map(() => 1))
    },
  )

  it('should run each search job once, and find what either process published', async () => {
    const since = (await db.query('select coalesce(max(id), 0)::int as id from payload_jobs'))
      .rows[0].id
    const titles: string[] = []
    for (let i = 0; i < 8; i++) {
      const api = i % 2 ? two : one
      const title = `Tài liệu đồng bộ hai máy ${i}`
      const created = expectOk(
        await api.post(
          '/api/references',
          { ...minimalItem.references(`sync ${i}`), title, audience: 'public' },
          { session: world.sessions.editor },
        ),
      ).json.doc
      await workflow(api, world.sessions.editor, 'references', created.id, 'submit')
      await workflow(api, world.sessions.reviewer, 'references', created.id, 'approve')
      titles.push(title)
    }
    const jobs = async () =>
      (
        await db.query('select id, completed_at from payload_jobs where id > $1 order by id', [
          since,
        ])
      ).rows
    await expect
      .poll(async () => (await jobs()).every((job) => job.completed_at !== null), {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(true)
    const ids = (await jobs()).map((job) => Number(job.id))
    expect(ids.length).toBeGreaterThanOrEqual(8)
    const ran = [...jobsRanBy(first), ...jobsRanBy(second)].filter((id) => id > since)
    // Every job ran, each exactly once, on one process or the other.
    expect([...ran].sort((a, b) => a - b)).toEqual(ids)
    for (const title of titles) {
      for (const api of [one, two]) {
        const found = await api.get(`/api/search?q=${encodeURIComponent(title)}`)
        expect(found.json.hits.map((hit: { title: string }) => hit.title)).toContain(title)
      }
    }
  })

  it('should show a change made on one process in the other one’s public cache at once', async () => {
    const url = '/api/references?limit=100&depth=0&probe=two-processes'
    await two.get(url)
    expect((await two.get(url)).headers.get('x-cache')).toBe('HIT')
    const title = 'Tài liệu công bố ở máy thứ nhất'
    const created = expectOk(
      await one.post(
        '/api/references',
        { ...minimalItem.references('cache'), title, audience: 'public' },
        { session: world.sessions.editor },
      ),
    ).json.doc
    await workflow(one, world.sessions.editor, 'references', created.id, 'submit')
    await workflow(one, world.sessions.reviewer, 'references', created.id, 'approve')
    await expect
      .poll(async () => (await two.get(url)).json.docs.map((doc: { title: string }) => doc.title), {
        timeout: 1000,
        interval: 25,
      })
      .toContain(title)
  })
})
