/**
 * `npm run bench:search`: search figures on a synthetic Vietnamese corpus (5,000 and 100,000 items
 * by default; BENCH_SIZES=5000,20000 to choose), with the PostgreSQL backend, against the real
 * server over HTTP. Prints the figures and writes them to results/bench-search.json.
 *
 * Measures: indexing throughput and reindex time (`npm run search:reindex`), publish-to-searchable
 * lag through the workflow and the outbox (p50/p95), and `/api/search` latency at concurrency 1
 * and 16 (p50/p95/p99). No assertion: targets are read by people, not enforced by a timer.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { blocksToLexical } from '../src/lib/lexical'
import { startEmbeddedDatabase } from '../src/server/embeddedDatabase'
import { projectRoot } from '../src/server/environment'
import { benchQueries, corpusItem, rng } from './bench/corpus'
import { startBenchServer } from './bench/server'
import { NODE_FLAGS } from './build-server.mjs'

const keepDir = process.env.BENCH_DIR
const sizes = (process.env.BENCH_SIZES || '5000,100000').split(',').map(Number)
const ADMIN = { email: 'bench-admin@sotay.local', password: 'bench-password-123' }

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const ms = (value: number) => Math.round(value * 10) / 10

const startServer = (databaseUrl: string, dataDir: string) =>
  startBenchServer({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    MEDIA_DIR: path.join(dataDir, 'media'),
    SEED_DEMO: '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  })

const api = (base: string) => {
  const call = async (method: string, p: string, body?: unknown, token?: string) => {
    const res = await fetch(new URL(p, base), {
      method,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `JWT ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = await res.json().catch(() => null)
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  const login = async (email: string, password: string) =>
    (await call('POST', '/api/users/login', { email, password })).token as string
  return { call, login }
}

/** Inserts the synthetic items straight into the references table, already published. */
const insertCorpus = async (databaseUrl: string, size: number) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const random = rng(42)
  const started = Date.now()
  for (let offset = 0; offset < size; offset += 1000) {
    const params: unknown[] = []
    const rows: string[] = []
    for (let i = offset; i < Math.min(size, offset + 1000); i++) {
      const item = corpusItem(random, i)
      const start = params.length
      params.push(
        item.title,
        item.kind,
        item.year,
        item.summary,
        JSON.stringify(blocksToLexical([item.body])),
        item.audience,
      )
      rows.push(
        `($${start + 1}, $${start + 2}, $${start + 3}, $${start + 4}, $${start + 5}::jsonb, $${start + 6}, 'published', 'published')`,
      )
    }
    await client.query(
      `insert into "references" (title, kind, year, summary, description, audience, _status, review_state)
       values ${rows.join(', ')}`,
      params,
    )
  }
  await client.end()
  return Date.now() - started
}

const runReindex = (databaseUrl: string) =>
  new Promise<{ seconds: number; count: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...NODE_FLAGS, '--import', 'tsx', 'scripts/search-reindex.ts'],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk.toString()))
    child.on('exit', (code) => {
      const match = out.match(/Reindexed (\d+) items .* in ([\d.]+) s/)
      if (code !== 0 || !match) reject(new Error(`reindex failed (${code}): ${out}`))
      else resolve({ count: Number(match[1]), seconds: Number(match[2]) })
    })
  })

const measureLatency = async (
  base: string,
  tokens: (string | undefined)[],
  concurrency: number,
  total: number,
) => {
  const durations: number[] = []
  let next = 0
  // BENCH_SECONDS caps each run, so a slow configuration still reports (with fewer requests).
  const deadline = performance.now() + Number(process.env.BENCH_SECONDS || 60) * 1000
  const worker = async (w: number) => {
    while (next < total && performance.now() < deadline) {
      const i = next++
      const q = benchQueries[i % benchQueries.length]
      const token = tokens[(i + w) % tokens.length]
      const started = performance.now()
      const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}&limit=10`, {
        headers: token ? { Authorization: `JWT ${token}` } : {},
      })
      await res.arrayBuffer()
      durations.push(performance.now() - started)
      if (!res.ok) throw new Error(`search failed: ${res.status}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)))
  return {
    requests: durations.length,
    p50: ms(percentile(durations, 50)),
    p95: ms(percentile(durations, 95)),
    p99: ms(percentile(durations, 99)),
  }
}

const measureLag = async (base: string, samples: number) => {
  const client = api(base)
  const admin = await client.login(ADMIN.email, ADMIN.password)
  const tokens: Record<string, string> = {}
  for (const role of ['editor', 'reviewer']) {
    const email = `bench-${role}@sotay.local`
    const issued = 'bench-issued-password'
    const created = await client
      .call('POST', '/api/users', { email, password: issued, fullName: role, roles: [role] }, admin)
      .catch((err) => {
        // A kept BENCH_DIR already has the account from an earlier run.
        if (!keepDir) throw err
      })
    if (created) {
      // An admin-typed password must be replaced by its holder before the account can work.
      const first = await client.login(email, issued)
      await client.call(
        'PATCH',
        `/api/users/${created.doc.id}`,
        { password: ADMIN.password, currentPassword: issued },
        first,
      )
    }
    tokens[role] = await client.login(email, ADMIN.password)
  }
  const lags: number[] = []
  for (let i = 0; i < samples; i++) {
    const marker = `Độ trễ mẫu ${i} ${Math.random().toString(36).slice(2, 8)}`
    const created = await client.call(
      'POST',
      '/api/references',
      { title: marker, kind: 'article', audience: 'public' },
      tokens.editor,
    )
    const id = created.doc.id
    await client.call('POST', `/api/references/${id}/workflow`, { action: 'submit' }, tokens.editor)
    await client.call(
      'POST',
      `/api/references/${id}/workflow`,
      { action: 'approve' },
      tokens.reviewer,
    )
    const published = performance.now()
    for (;;) {
      const res = await client.call('GET', `/api/search?q=${encodeURIComponent(marker)}&limit=3`)
      if (res.hits.some((hit: { itemId: number }) => hit.itemId === id)) break
      if (performance.now() - published > 30_000) throw new Error('item never became searchable')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    lags.push(performance.now() - published)
  }
  return {
    samples,
    p50: ms(percentile(lags, 50)),
    p95: ms(percentile(lags, 95)),
    tokens: Object.values(tokens),
  }
}

const main = async () => {
  // BENCH_DIR keeps the databases between runs (the corpus is inserted once) for investigation.
  if (keepDir) await mkdir(keepDir, { recursive: true })
  const dataDir = keepDir || (await mkdtemp(path.join(os.tmpdir(), 'sotay-bench-')))
  const database = await startEmbeddedDatabase({ dataDir })
  const results: Record<string, unknown>[] = []
  try {
    for (const size of sizes) {
      const name = `bench_${size}`
      const admin = new pg.Client({ connectionString: database.url })
      await admin.connect()
      const exists =
        keepDir != null &&
        (await admin.query(`select 1 from pg_database where datname = $1`, [name])).rowCount === 1
      if (!exists) {
        await admin.query(`drop database if exists ${name}`)
        await admin.query(`create database ${name}`)
      }
      await admin.end()
      const url = new URL(database.url)
      url.pathname = `/${name}`
      const databaseUrl = url.toString()

      console.log(`\n== ${size.toLocaleString('en')} items ==`)
      const serverDir = path.join(dataDir, `server-${size}`)
      await mkdir(serverDir, { recursive: true })
      let server = await startServer(databaseUrl, serverDir)
      await server.stop()
      if (!exists) {
        const insertMs = await insertCorpus(databaseUrl, size)
        console.log(`corpus inserted in ${(insertMs / 1000).toFixed(1)} s`)
      }
      const reindex = await runReindex(databaseUrl)
      const throughput = Math.round(reindex.count / reindex.seconds)
      console.log(`reindex: ${reindex.count} items in ${reindex.seconds} s (${throughput} items/s)`)

      server = await startServer(databaseUrl, serverDir)
      const lag = await measureLag(server.url, 30)
      console.log(
        `publish → searchable lag: p50 ${lag.p50} ms, p95 ${lag.p95} ms (${lag.samples} samples)`,
      )
      const viewers = [undefined, lag.tokens[0]]
      await measureLatency(server.url, viewers, 4, 100) // warm-up
      const c1 = await measureLatency(server.url, viewers, 1, 400)
      const c16 = await measureLatency(server.url, viewers, 16, 1600)
      console.log(
        `/api/search c=1:  p50 ${c1.p50} ms, p95 ${c1.p95} ms, p99 ${c1.p99} ms (${c1.requests} requests)`,
      )
      console.log(
        `/api/search c=16: p50 ${c16.p50} ms, p95 ${c16.p95} ms, p99 ${c16.p99} ms (${c16.requests} requests)`,
      )
      await server.stop()
      results.push({
        items: size,
        reindexSeconds: reindex.seconds,
        indexingItemsPerSecond: throughput,
        lagMs: { p50: lag.p50, p95: lag.p95, samples: lag.samples },
        searchMs: { concurrency1: c1, concurrency16: c16 },
      })
    }
  } finally {
    await database.stop()
    if (!keepDir) await rm(dataDir, { recursive: true, force: true })
  }
  const previous = await import(path.join(projectRoot, 'results', 'bench-search.json'), {
    with: { type: 'json' },
  })
    .then((m) => (m.default as { results?: { items: number }[] }).results ?? [])
    .catch(() => [])
  // Sizes measured in an earlier run and not now are kept, so one size can be re-measured alone.
  for (const old of previous) if (!results.some((r) => r.items === old.items)) results.push(old)
  results.sort((a, b) => Number(a.items) - Number(b.items))
  const report = {
    at: new Date().toISOString(),
    backend: 'postgres',
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    targets: { searchP95Ms: { '5000': 30, '100000': 80 }, lagP95Ms: 2000, reindex100kSeconds: 120 },
    method: {
      corpus:
        'scripts/bench/corpus.ts: seeded synthetic references, 70 % public; titles from 8 kinds × 8 actions × 15 topics × 6 places, summaries and bodies (~130 words) from a ~100-word Party vocabulary, so common words match half the corpus',
      reindex: 'npm run search:reindex on the inserted corpus (an empty index)',
      lag: 'an editor creates and submits, a reviewer approves over HTTP; time from the approve response until the item is among the hits',
      search: `GET /api/search?limit=10, the ${benchQueries.length} queries of scripts/bench/corpus.ts in turn, anonymous and staff alternating; load generator on the same machine; each run capped at BENCH_SECONDS`,
    },
    results,
  }
  await mkdir(path.join(projectRoot, 'results'), { recursive: true })
  await writeFile(
    path.join(projectRoot, 'results', 'bench-search.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  )
  console.log('\nwritten to results/bench-search.json')
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
