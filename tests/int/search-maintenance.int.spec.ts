import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { postgresBackend } from '../../plugins/typesense-sync/backends/postgres'
import type { SearchDocument } from '../../plugins/typesense-sync/types'
import { type Client } from '../helpers/api'
import { type TestServer, startServer } from '../helpers/server'
import { runTool } from '../helpers/tool'
import { type World, startWorld, minimalItem, publishItem } from '../helpers/world'

/** Tests that run the CLI tools (a Payload start each): generous, for a loaded CI machine. */
const TOOL_TEST_TIMEOUT = 300_000

let server: TestServer
let api: Client
let world: World
let db: pg.Client

/** Runs a tool on the test server's database; a non-zero exit fails unless `allowFailure`. */
const tool = async (script: string, args: string[] = [], allowFailure = false) => {
  const result = await runTool(script, args, { env: { DATABASE_URL: server.databaseUrl } })
  if (!allowFailure && result.code !== 0)
    throw new Error(`${script} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result
}

const indexedIds = async () =>
  (await db.query('select id from search_documents order by id')).rows.map(
    (row) => row.id as string,
  )

beforeAll(async () => {
  ;({ server, api, world } = await startWorld({
    // A short job lease and schedule pass, for the abandoned-job test; no check after the start,
    // which would repair the drift these tests make before the tools see it.
    env: {
      QUEUE_INTERVAL_MS: '200',
      JOB_LEASE_SECONDS: '2',
      JOBS_INTERVAL_MS: '500',
      SEARCH_CHECK_DELAY_MS: '-1',
    },
  }))
  db = new pg.Client({ connectionString: server.databaseUrl })
  await db.connect()
  // buildWorld published 15 items (3 per section); wait for the worker.
  const deadline = Date.now() + 20_000
  while ((await indexedIds()).length < 15 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
})
afterAll(async () => {
  await db?.end()
  await server?.stop()
})

describe('search:reconcile', () => {
  it(
    'should report an index that agrees with the database',
    async () => {
      const { stdout } = await tool('scripts/search-reconcile.ts', ['--dry-run'])
      expect(stdout).toContain('0 missing, 0 stale, 0 extra')
    },
    TOOL_TEST_TIMEOUT,
  )

  it(
    'should find and repair missing, stale and extra entries',
    async () => {
      const ids = await indexedIds()
      await db.query('delete from search_documents where id = $1', [ids[0]])
      await db.query("update search_documents set content_hash = 'x' where id = $1", [ids[1]])
      await db.query("update search_texts set title = 'cũ' where id = $1", [ids[1]])
      await db.query(
        `insert into search_documents (id, collection, item_id, tsv, audience, content_hash)
       values ('documents:999999', 'documents', 999999, 'ma', 'public', 'h')`,
      )
      const dry = await tool('scripts/search-reconcile.ts', ['--dry-run'], true)
      expect(dry.code).toBe(1)
      expect(dry.stdout).toContain('1 missing, 1 stale, 1 extra')
      const { stdout } = await tool('scripts/search-reconcile.ts')
      expect(stdout).toContain('repaired')
      expect(await indexedIds()).toEqual(ids)
      const repaired = await db.query('select title from search_texts where id = $1', [ids[1]])
      expect(repaired.rows[0].title).not.toBe('cũ')
    },
    TOOL_TEST_TIMEOUT,
  )
})

describe('search:reindex', () => {
  it(
    'should rebuild the index from the database while search keeps answering',
    async () => {
      const before = await indexedIds()
      await db.query('delete from search_documents')
      await db.query(
        `insert into search_documents (id, collection, item_id, tsv, audience, content_hash)
       values ('references:424242', 'references', 424242, 'rac', 'public', 'h')`,
      )
      const searching = (async () => {
        const statuses: number[] = []
        for (let i = 0; i < 10; i++) {
          statuses.push((await api.get('/api/search?q=van%20ban')).status)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        return statuses
      })()
      const { stdout, stderr } = await tool('scripts/search-reindex.ts')
      expect(stdout, `stderr of the reindex: ${stderr}`).toMatch(
        /Reindexed 15 items into the postgres backend/,
      )
      expect(stderr).toContain('documents')
      expect(await indexedIds()).toEqual(before)
      expect((await searching).every((status) => status === 200)).toBe(true)
    },
    TOOL_TEST_TIMEOUT,
  )
})

describe('a rebuild while the sync worker writes', () => {
  it('should keep what the worker wrote during the rebuild and drop only stale rows', async () => {
    const backend = postgresBackend({ connectionString: server.databaseUrl })
    const doc = (id: number, title: string): SearchDocument => ({
      id: `references:${id}`,
      collection: 'references',
      itemId: id,
      title,
      summary: '',
      body: '',
      kind: null,
      units: [],
      audience: 'public',
      year: null,
      date: null,
      expiresAt: null,
      url: `/#/references/${id}`,
      contentHash: 'h',
    })
    try {
      await backend.upsert([doc(900001, 'Cũ không còn')])
      await backend.rebuild(async (write) => {
        await write([doc(900002, 'Từ bản dựng lại')])
        // Published while the rebuild runs: written by the worker, not by the rebuild.
        await backend.upsert([doc(900003, 'Mới xuất bản')])
      })
      const ids = await indexedIds()
      expect(ids).toContain('references:900002')
      expect(ids).toContain('references:900003')
      expect(ids).not.toContain('references:900001')
    } finally {
      await backend.remove(['references:900002', 'references:900003'])
      await backend.close()
    }
  })
})

describe('a save that rolls back', () => {
  it('should leave no job and no index entry', async () => {
    // Publishing a page whose URL another live page already has fails in the database, after the
    // sync job was queued in the same transaction: both must vanish together.
    const first = await publishItem(api, world.sessions, 'identified-pages', {
      ...minimalItem['identified-pages']('rb1'),
      url: 'https://rollback-target.example.vn',
      audience: 'public',
    })
    const jobsBefore = Number((await db.query('select count(*) from payload_jobs')).rows[0].count)
    const second = await publishItem(api, world.sessions, 'identified-pages', {
      ...minimalItem['identified-pages']('rb2'),
      name: 'Trang Vạn Kiếp',
      audience: 'public',
    })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const jobsAfterPublish = Number(
      (await db.query('select count(*) from payload_jobs')).rows[0].count,
    )
    expect(jobsAfterPublish).toBe(jobsBefore + 1)
    await api.patch(
      `/api/identified-pages/${second.id}?draft=true`,
      { url: first.url, name: 'Trang Vạn Kiếp 2' },
      { session: world.sessions.editor },
    )
    await api.post(
      `/api/identified-pages/${second.id}/workflow`,
      { action: 'submit' },
      { session: world.sessions.editor },
    )
    const approve = await api.post(
      `/api/identified-pages/${second.id}/workflow`,
      { action: 'approve' },
      { session: world.sessions.reviewer },
    )
    expect(approve.status).toBe(400)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const jobsAfterFailure = Number(
      (await db.query('select count(*) from payload_jobs')).rows[0].count,
    )
    expect(jobsAfterFailure).toBe(jobsAfterPublish)
    const indexed = await db.query('select title from search_texts where id = $1', [
      `identified-pages:${second.id}`,
    ])
    expect(indexed.rows.map((row) => row.title)).toEqual(['Trang Vạn Kiếp'])
  })
})

describe('the search outbox', () => {
  it('should hand a job a stopped process left processing back to the queue once its lease ran out', async () => {
    const item = await publishItem(api, world.sessions, 'references', {
      ...minimalItem.references('lease'),
      audience: 'public',
    })
    const id = `references:${item.id}`
    const indexed = async () =>
      (await db.query('select 1 from search_documents where id = $1', [id])).rowCount === 1
    const until = (check: () => Promise<boolean>, what: string) =>
      expect
        .poll(check, { timeout: 10_000, interval: 100, message: `waiting for ${what}` })
        .toBe(true)
    await until(indexed, 'the item to be indexed')
    // Every job for the item finished (none still in this server's hands).
    const jobsOf = () =>
      db.query(
        `select id, processing, completed_at from payload_jobs
           where input->>'collection' = 'references' and (input->>'id')::int = $1
           order by id desc`,
        [item.id],
      )
    await until(
      async () =>
        (await jobsOf()).rows.every((row) => !row.processing && row.completed_at !== null),
      'the item’s jobs to finish',
    )
    // What a process killed mid-job leaves: its job marked processing, never completed, and the
    // index without the item.
    const job = await jobsOf()
    expect(job.rowCount).toBeGreaterThan(0)
    await db.query(
      `update payload_jobs set processing = true, completed_at = null, has_error = false,
         total_tried = 0, updated_at = now() - interval '1 hour' where id = $1`,
      [job.rows[0].id],
    )
    // (Killed before its task finished: no task run in its log either.)
    await db.query('delete from payload_jobs_log where _parent_id = $1', [job.rows[0].id])
    await db.query('delete from search_documents where id = $1', [id])
    expect(await indexed()).toBe(false)
    // The next schedule pass hands it back; the queue runs it; the item is searchable again.
    await until(indexed, 'the abandoned job to run again')
    // (The index row is written by the task, the job marked done just after: wait for both.)
    const jobRow = async () =>
      (
        await db.query('select processing, completed_at from payload_jobs where id = $1', [
          job.rows[0].id,
        ])
      ).rows[0]
    await expect
      .poll(async () => (await jobRow()).processing, { timeout: 10_000, interval: 100 })
      .toBe(false)
    expect((await jobRow()).completed_at).not.toBeNull()
    // A job still within its lease (another process working on it) is left alone.
    await db.query(
      `update payload_jobs set processing = true, completed_at = null, updated_at = now()
         where id = $1`,
      [job.rows[0].id],
    )
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const held = await db.query('select processing from payload_jobs where id = $1', [
      job.rows[0].id,
    ])
    expect(held.rows[0].processing).toBe(true)
  })
})

describe('the check at start', () => {
  it(
    'should find and repair what a crash left the index missing, stale or extra, by content hash',
    { timeout: TOOL_TEST_TIMEOUT },
    async () => {
      const [missing, stale] = await indexedIds()
      await server.stop()
      // What a crash between commit and index write leaves behind, done in SQL while it is down.
      await db.query('delete from search_documents where id = $1', [missing])
      await db.query(`update search_documents set content_hash = 'stale' where id = $1`, [stale])
      await db.query(
        `insert into search_documents
           select (jsonb_populate_record(null::search_documents,
                   to_jsonb(d) || '{"id": "references:999999"}')).*
             from search_documents d where id = $1`,
        [stale],
      )
      server = await startServer({
        databaseUrl: server.databaseUrl,
        dataDir: server.dataDir,
        env: { SEARCH_CHECK_DELAY_MS: '0', JOBS_INTERVAL_MS: '500' },
      })
      // (Earlier tests here may have left other drift: only these three are asserted.)
      const line = () =>
        server.output().match(/Start-up search check: .*repaired \(\d+ ms\) (\{.*\})/)
      await expect.poll(() => Boolean(line()), { timeout: 30_000, interval: 200 }).toBe(true)
      const report = JSON.parse(line()![1])
      expect(report.missing).toContain(missing)
      expect(report.stale).toContain(stale)
      expect(report.extra).toEqual(['references:999999'])
      const ids = await indexedIds()
      expect(ids).toContain(missing)
      expect(ids).not.toContain('references:999999')
      const row = await db.query('select content_hash from search_documents where id = $1', [stale])
      expect(row.rows[0].content_hash).not.toBe('stale')
    },
  )
})
