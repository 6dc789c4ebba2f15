/**
 * `npm run bench:read`: the public read path under load, side by side in one run on one server
 * with the demo handbook (embedded PostgreSQL in a temporary folder): the static `/styles.css` as the
 * yardstick, a public REST list and item, `/feeds/all.json`, `/embed/<slug>`, and a signed-in
 * member's list (the portal's card projection, never cached). Concurrency 50 (BENCH_CONNECTIONS),
 * BENCH_READ_SECONDS (10) per request after a 2-second warm-up.
 *
 * Prints a table and writes results/bench-read.json. Targets (2 cores): cached public reads at
 * least 0.5× the static file's throughput; the member list p95 ≤ 150 ms; no non-2xx answer.
 * No assertion: the figures are read by people, not enforced by a timer.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { projectRoot } from '../src/server/environment'
import { startDemoServer } from './bench/server'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50)
const SECONDS = Number(process.env.BENCH_READ_SECONDS || 10)
const MEMBER = { email: 'dangvien@sotay.local', password: 'sotay-demo-2026' }

const startServer = startDemoServer

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN

type Row = {
  name: string
  path: string
  cached: boolean
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  non2xx: number
  errors: number
  ratioToStatic?: number
}

const measure = async (
  base: string,
  name: string,
  pathname: string,
  { headers = {}, cached }: { headers?: Record<string, string>; cached: boolean },
): Promise<Row> => {
  const run = (duration: number, record?: number[]) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: base + pathname, connections: CONNECTIONS, duration, headers },
        (err, result) => (err ? reject(err) : resolve(result)),
      )
      if (record) instance.on('response', (_client, _status, _bytes, time) => record.push(time))
    })
  await run(2)
  const times: number[] = []
  const result = await run(SECONDS, times)
  times.sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 10) / 10
  return {
    name,
    path: pathname,
    cached,
    requestsPerSecond: Math.round(result.requests.total / SECONDS),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

const main = async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-bench-read-'))
  const server = await startServer(dataDir)
  try {
    const base = server.url
    const login = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(MEMBER),
    })
    if (!login.ok) throw new Error(`member sign-in failed: ${login.status} ${await login.text()}`)
    const { token } = (await login.json()) as { token: string }
    const firstPublic = (await (
      await fetch(`${base}/api/documents?limit=1&depth=0&select[title]=true`)
    ).json()) as { docs: { id: number }[] }
    const documentId = firstPublic.docs[0]?.id
    if (!documentId) throw new Error('the demo handbook has no public document')
    const card =
      'limit=6&depth=0&sort=-updatedAt' +
      ['title', 'kind', 'symbol', 'issuingBody', 'issueDate', 'summary', 'audience']
        .map((field) => `&select[${field}]=true`)
        .join('')

    const rows: Row[] = []
    const plan: [string, string, { headers?: Record<string, string>; cached: boolean }][] = [
      ['static /styles.css', '/styles.css', { cached: false }],
      ['public list', '/api/documents?limit=10&depth=0', { cached: true }],
      ['public detail', `/api/documents/${documentId}?depth=0`, { cached: true }],
      ['feed all.json', '/feeds/all.json', { cached: true }],
      ['embed page', '/embed/orientations', { cached: true }],
      [
        'member list (signed in)',
        `/api/documents?${card}`,
        { cached: false, headers: { Cookie: `payload-token=${token}` } },
      ],
    ]
    for (const [name, pathname, options] of plan) {
      const row = await measure(base, name, pathname, options)
      rows.push(row)
      console.log(
        `${name.padEnd(26)} ${String(row.requestsPerSecond).padStart(6)} req/s  p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  non-2xx ${row.non2xx}`,
      )
    }
    const yardstick = rows[0].requestsPerSecond
    for (const row of rows)
      row.ratioToStatic = Math.round((row.requestsPerSecond / yardstick) * 100) / 100

    const member = rows[rows.length - 1]
    const targets = {
      cachedAtLeastHalfOfStatic: rows
        .filter((row) => row.cached)
        .every((row) => (row.ratioToStatic ?? 0) >= 0.5),
      memberListP95Within150ms: member.p95 <= 150,
      no2xxFailures: rows.every((row) => row.non2xx === 0 && row.errors === 0),
    }
    console.log('\n| request | req/s | × static | p50 ms | p95 ms | p99 ms | non-2xx |')
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    for (const row of rows) {
      console.log(
        `| ${row.name} | ${row.requestsPerSecond} | ${row.ratioToStatic} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.non2xx} |`,
      )
    }
    console.log('\nTargets:', targets)
    await mkdir(path.join(projectRoot, 'results'), { recursive: true })
    await writeFile(
      path.join(projectRoot, 'results', 'bench-read.json'),
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          machine: { cpus: os.cpus().length, node: process.version },
          connections: CONNECTIONS,
          seconds: SECONDS,
          rows,
          targets,
        },
        null,
        2,
      )}\n`,
    )
    console.log('Written to results/bench-read.json')
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

await main()
