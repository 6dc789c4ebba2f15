/**
 * `npm run bench:faults`: the fault table of issue 11. Real processes and real signals on the demo
 * handbook (one embedded PostgreSQL in a temporary data folder, reused by every scenario and by
 * every restart of the server on it):
 *
 * 1. the embedded PostgreSQL killed (SIGKILL to the postmaster) under load: 20 readers (a signed-in
 *    member and anonymous readers) and 2 writers creating drafts;
 * 2. the postmaster frozen (SIGSTOP for 5 s, then SIGCONT) under the same load; and, as a second
 *    row, the whole cluster frozen (the postmaster and every backend): a database that stops
 *    answering without exiting;
 * 3. the Node server killed (SIGKILL) while editor/reviewer pairs publish through the workflow,
 *    then started again on the same folder: no acknowledged step lost, nothing half-published
 *    (`_status` and `reviewState` agree, admin REST `?draft=true`), every published item
 *    searchable (the start-up search check and the job lease repair what the kill interrupted);
 * 4. the Node server killed right after a batch of approvals returned (search jobs queued or
 *    processing), restarted: time until every item is searchable;
 * 5. a database that cannot be started again (`shared_buffers = 'x'` appended to its
 *    postgresql.auto.conf, postmaster killed): time until /healthz answers 503; then the file
 *    fixed, the server stopped and started afresh on the folder, and everything acknowledged during
 *    the whole run checked.
 *
 * Every server runs with JOB_LEASE_SECONDS=5, SEARCH_CHECK_DELAY_MS=0 and JOBS_INTERVAL_MS=1000 so
 * that recovery is observable in seconds (defaults 120 s, 60 s, 30 s); the server of scenario 5
 * with DB_RESTART_ATTEMPTS=3 (default 10, about 40 s). Prints the table (fault → recovery time →
 * acknowledged writes lost, which must be 0) and writes results/faults.json and results/faults.md.
 * A measurement, not a test: exit code 0 when the run completed, whatever the figures (a bad one is
 * printed as FAILED); non-zero only when the script itself broke.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import type { ContentSlug } from '../collections/slugs'
import { detailUrl, listUrl } from '../src/portal/js/queries.js'
import { type Answer, httpClient } from './bench/http'
import { buildServer } from './build-server.mjs'

const projectRoot = path.resolve(import.meta.dirname, '..')

const READERS = 20
const MEMBER_READERS = 8
const WRITERS = 2
const BASELINE_MS = 3000
const AFTER_RECOVERY_MS = 5000
const FREEZE_MS = 5000
const RECOVERY_TIMEOUT_MS = 90_000
const SEARCHABLE_WITHIN_MS = 60_000
const READY_TIMEOUT_MS = 300_000
/** Scenario 3: the server is killed this long after an approval was sent. */
const KILL_DELAY_MS = 150
/** Scenario 4: items approved together before the kill. */
const BATCH = 6
const SCENARIO_5_RESTART_ATTEMPTS = '3'
/** Every server of the run: recovery observable in seconds. */
const RECOVERY_ENV = {
  JOB_LEASE_SECONDS: '5',
  SEARCH_CHECK_DELAY_MS: '0',
  JOBS_INTERVAL_MS: '1000',
}
const PASSWORD = process.env.DEMO_PASSWORD || 'sotay-demo-2026'
const ADMIN = { email: 'bench-admin@sotay.local', password: 'bench-password-123-xyz' }
const ACCOUNTS = {
  member: 'dangvien@sotay.local',
  editor: 'bientap@sotay.local',
  reviewer: 'duyet@sotay.local',
} as const
/** In every title of the run: one word, unique to the run, that search and `like` find. */
const RUN_TAG = `flt${Date.now().toString(36)}`

const now = () => performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (ms: number) => Math.round(ms)
const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]

// ---------------------------------------------------------------------------------------------
// Processes: the server (as `npm start` runs it, kept with its handle and output) and its
// PostgreSQL.

type ServerExit = { code: number | null; signal: NodeJS.Signals | null }
type Server = {
  child: ChildProcess
  url: string
  /** Spawn → "ready on". */
  startMs: number
  exited: Promise<ServerExit>
  hasExited: () => boolean
}

/** Every line the servers of the run printed, with when (the evidence). */
const serverLog: { at: number; pid: number; line: string }[] = []
const runStart = now()
let current: Server | null = null
/** Processes this run stopped with SIGSTOP: continued whatever happens. */
const frozen = new Set<number>()

const serverEnv = (dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    MEDIA_DIR: path.join(dataDir, 'media'),
    DEMO_USERS: '1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_DISABLED: '1',
    LOG_LEVEL: 'warn',
    ...RECOVERY_ENV,
  }
  // The embedded database and the PostgreSQL search backend, whatever this shell has set.
  for (const name of [
    'DATABASE_URL',
    'SEARCH_DATABASE_URL',
    'TYPESENSE_URL',
    'JOBS_RUNNER',
    'SEED_DEMO',
    'DB_RESTART_ATTEMPTS',
  ])
    delete env[name]
  return { ...env, ...extra }
}

const tailOf = (pid: number | undefined, lines = 40) =>
  serverLog
    .filter((entry) => entry.pid === pid)
    .slice(-lines)
    .map((entry) => entry.line)
    .join('\n')

/**
 * Starts the compiled server on `dataDir` as `npm start` does (again when it stalled while
 * loading, exit 75), on a free port; resolves once it says it is ready. Can be called again on the
 * same folder after a kill: the server takes its orphaned PostgreSQL over by itself.
 */
const startServer = async (dataDir: string, extra: Record<string, string> = {}) => {
  const started = now()
  for (let attempt = 1; ; attempt++) {
    const child = spawn(process.execPath, await buildServer(), {
      cwd: projectRoot,
      env: serverEnv(dataDir, extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const pid = child.pid ?? -1
    let exit: ServerExit | null = null
    const exited = new Promise<ServerExit>((resolve) =>
      child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
    )
    let url = ''
    let onReady: (url: string) => void = () => {}
    const ready = new Promise<string>((resolve) => (onReady = resolve))
    const follow = (stream: NodeJS.ReadableStream) => {
      let pending = ''
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString()
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          serverLog.push({ at: now(), pid, line })
          const match = line.match(/ready on (http:\/\/localhost:\d+)/)
          if (match && !url) onReady((url = match[1].replace('localhost', '127.0.0.1')))
        }
      })
    }
    follow(child.stdout!)
    follow(child.stderr!)
    let timer: NodeJS.Timeout | undefined
    const outcome = await Promise.race([
      ready.then((found) => ({ kind: 'ready' as const, url: found })),
      exited.then((result) => ({ kind: 'exit' as const, result })),
      new Promise<{ kind: 'timeout' }>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), READY_TIMEOUT_MS)
      }),
    ])
    clearTimeout(timer)
    if (outcome.kind === 'ready') {
      const server: Server = {
        child,
        url: outcome.url,
        startMs: round(now() - started),
        exited,
        hasExited: () => exit !== null,
      }
      current = server
      return server
    }
    if (outcome.kind === 'timeout') {
      child.kill('SIGKILL')
      await exited
      throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000} s:\n${tailOf(pid)}`)
    }
    if (outcome.result.code === 75 && attempt < 4) {
      console.log(`  (start-up stalled, exit 75: starting again, attempt ${attempt + 1} of 4)`)
      continue
    }
    throw new Error(
      `server exited (${outcome.result.signal ?? outcome.result.code}) before it was ready:\n${tailOf(pid)}`,
    )
  }
}

/** SIGTERM, as a supervisor stops it; SIGKILL after 30 s. */
const stopServer = async (server: Server) => {
  const started = now()
  if (server.hasExited()) return { ms: 0, exit: await server.exited }
  server.child.kill('SIGTERM')
  const exit = await Promise.race([server.exited, sleep(30_000).then(() => null)])
  if (exit) return { ms: round(now() - started), exit }
  server.child.kill('SIGKILL')
  return { ms: round(now() - started), exit: await server.exited, forced: true }
}

const postmasterPid = (dataDir: string) => {
  try {
    const pid = Number(
      readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    )
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** Whether a process runs (a zombie does not). */
const isAlive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

/** The postmaster's children (its backends and auxiliary processes). */
const childrenOf = async (parent: number) => {
  const children: number[] = []
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[1]) === parent) children.push(Number(entry))
  }
  return children
}

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name)
    if (name === 'SIGSTOP') frozen.add(pid)
    if (name === 'SIGCONT') frozen.delete(pid)
    return true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP (node:http with keep-alive, as bench:load).

const { agent, send } = httpClient(64)

const jsonOf = (answer: Answer | null): any => {
  if (!answer) return null
  try {
    return JSON.parse(answer.body.toString())
  } catch {
    return null
  }
}

/** What the portal's and the admin's fetches send (the cookie only counts with Sec-Fetch-Site). */
const apiHeaders = (token?: string): Record<string, string> => ({
  Accept: 'application/json',
  'Sec-Fetch-Site': 'same-origin',
  'Sec-Fetch-Mode': 'cors',
  ...(token ? { Cookie: `payload-token=${token}` } : {}),
})

const staffHeaders = (base: string, token: string): Record<string, string> => ({
  Accept: 'application/json',
  'Content-Type': 'application/json',
  Origin: base,
  'Sec-Fetch-Site': 'same-origin',
  Cookie: `payload-token=${token}`,
})

const signIn = async (base: string, email: string, password = PASSWORD) => {
  const answer = await send(
    base,
    'POST',
    '/api/users/login',
    { 'Content-Type': 'application/json', Origin: base },
    JSON.stringify({ email, password }),
  )
  if (answer.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${answer.status} ${answer.body.toString()}`)
  return jsonOf(answer).token as string
}

type Tokens = { admin: string; member: string; editor: string; reviewer: string }

const signInAll = async (base: string): Promise<Tokens> => ({
  admin: await signIn(base, ADMIN.email, ADMIN.password),
  member: await signIn(base, ACCOUNTS.member),
  editor: await signIn(base, ACCOUNTS.editor),
  reviewer: await signIn(base, ACCOUNTS.reviewer),
})

/** Whether the sessions opened before the fault still work: the member and a staff write. */
const sessionsWork = async (base: string, tokens: Tokens) => {
  const me = jsonOf(await send(base, 'GET', '/api/users/me', apiHeaders(tokens.member)))
  const isMember = me?.user?.email === ACCOUNTS.member
  const staff = jsonOf(await send(base, 'GET', '/api/users/me', apiHeaders(tokens.reviewer)))
  const isReviewer = staff?.user?.email === ACCOUNTS.reviewer
  return { ok: isMember && isReviewer, member: isMember, reviewer: isReviewer }
}

// ---------------------------------------------------------------------------------------------
// Load: readers, writers, and every answer with its time.

type Sample = { start: number; end: number; who: string; name: string; status: string }

/** Answers a client may see while the database is away: the product's promise. */
const EXPECTED = new Set(['200', '201', '503'])
const DROPPED = 'connection dropped'

class Load {
  samples: Sample[] = []
  isRunning = true
  /** The first unexpected answers, with when they came (evidence). */
  unexpectedAnswers: { at: number; text: string }[] = []
  private tasks: Promise<void>[] = []

  run(task: () => Promise<void>) {
    this.tasks.push(task())
  }

  async stop() {
    this.isRunning = false
    await Promise.all(this.tasks)
  }

  /** One timed request; `check` may relabel a 2xx that is wrong (a session that was lost). */
  async request(
    base: string,
    who: string,
    name: string,
    method: string,
    pathname: string,
    headers: Record<string, string>,
    body?: string,
    check?: (answer: Answer) => string | null,
  ) {
    const start = now()
    try {
      const answer = await send(base, method, pathname, headers, body)
      const status = check?.(answer) ?? String(answer.status)
      this.samples.push({ start, end: now(), who, name, status })
      if (!EXPECTED.has(status) && this.unexpectedAnswers.length < 6)
        this.unexpectedAnswers.push({
          at: now(),
          text: `${status} ${method} ${pathname.slice(0, 80)}: ${answer.body.toString().slice(0, 300)}`,
        })
      return answer
    } catch (err) {
      this.samples.push({ start, end: now(), who, name, status: DROPPED })
      if (this.unexpectedAnswers.length < 6)
        this.unexpectedAnswers.push({
          at: now(),
          text: `${DROPPED} ${method} ${pathname.slice(0, 80)}: ${err}`,
        })
      return null
    }
  }
}

type ReadPath = { name: string; path: string; check?: (answer: Answer) => string | null }

/** The readers' requests: the portal's own calls (home, lists, items, search) and the session. */
const readPaths = async (base: string) => {
  const list = jsonOf(
    await send(base, 'GET', listUrl('documents', { limit: 6 }), { Accept: 'application/json' }),
  )
  const ids: number[] = (list?.docs ?? []).map((doc: { id: number }) => doc.id)
  if (!ids.length) throw new Error('the demo handbook lists no public document')
  const common: ReadPath[] = [
    { name: 'home', path: '/api/home' },
    { name: 'list', path: listUrl('documents') },
    { name: 'list', path: listUrl('orientations') },
    { name: 'list', path: listUrl('references') },
    ...ids.map((id) => ({ name: 'item', path: detailUrl('documents', id) })),
    { name: 'search', path: `/api/search?q=${encodeURIComponent('nghị quyết')}` },
    { name: 'search', path: `/api/search?q=${encodeURIComponent('chi bộ')}` },
  ]
  const me: ReadPath = {
    name: 'users/me',
    path: '/api/users/me',
    // Payload answers 200 with `user: null` for a session it no longer knows.
    check: (answer) =>
      answer.status === 200 && !jsonOf(answer)?.user ? '200 without the session' : null,
  }
  return { anonymous: common, member: [...common, me, me] }
}

const reader = async (
  load: Load,
  base: string,
  who: string,
  token: string | undefined,
  paths: ReadPath[],
) => {
  while (load.isRunning) {
    const read = pick(paths)
    const answer = await load.request(
      base,
      who,
      read.name,
      'GET',
      read.path,
      apiHeaders(token),
      undefined,
      read.check,
    )
    // A client that got no data pauses a little (it would honour Retry-After; this one looks
    // again sooner, to see the recovery to the tenth of a second).
    if (!answer || answer.status >= 300) await sleep(100)
  }
}

/** An item of the run: what was acknowledged for it, and what was in flight. */
type Item = {
  slug: ContentSlug
  word: string
  title: string
  scenario: string
  id: number | null
  acked: 'none' | 'created' | 'submitted' | 'published'
  inFlight: null | 'create' | 'submit' | 'approve'
  /** The step that was in flight when the server was killed. */
  killedDuring?: Item['inFlight']
}

const allItems: Item[] = []
const WRITE_SECTIONS: ContentSlug[] = ['documents', 'orientations', 'references']
let serial = 0

const newItem = (scenario: string): { item: Item; body: string } => {
  const n = ++serial
  const slug = WRITE_SECTIONS[n % WRITE_SECTIONS.length]
  const word = `${RUN_TAG}n${n}`
  const audience = n % 2 ? 'public' : 'members'
  const summary = `Bản thử lỗi ${word}: chuyển đổi số trong sinh hoạt chi bộ.`
  const title =
    slug === 'documents'
      ? `Nghị quyết thử lỗi ${word}`
      : slug === 'orientations'
        ? `Định hướng thử lỗi ${word}`
        : `Tài liệu thử lỗi ${word}`
  const data =
    slug === 'documents'
      ? {
          title,
          symbol: `${n}-${RUN_TAG}/TL`,
          kind: 'nghi-quyet',
          issuingBody: 'Ban Thường vụ Đảng ủy',
          issueDate: '2026-01-15',
          summary,
          audience,
        }
      : slug === 'orientations'
        ? { title, period: 'month', periodStart: '2026-02-01', topic: 'Chuyển đổi số', audience }
        : { title, kind: 'book', summary, audience }
  const item: Item = { slug, word, title, scenario, id: null, acked: 'none', inFlight: null }
  allItems.push(item)
  return { item, body: JSON.stringify(data) }
}

/** The editor's create (201 acknowledges it). */
const create = async (load: Load, base: string, editor: string, scenario: string) => {
  const { item, body } = newItem(scenario)
  item.inFlight = 'create'
  const answer = await load.request(
    base,
    'editor',
    'create',
    'POST',
    `/api/${item.slug}`,
    staffHeaders(base, editor),
    body,
  )
  if (!answer) return { item, answer }
  item.inFlight = null
  if (answer.status === 201) {
    item.id = jsonOf(answer).doc.id
    item.acked = 'created'
  }
  return { item, answer }
}

/** A workflow step (200 acknowledges it). */
const step = async (
  load: Load,
  base: string,
  token: string,
  who: string,
  item: Item,
  action: 'submit' | 'approve',
) => {
  item.inFlight = action
  const answer = await load.request(
    base,
    who,
    action,
    'POST',
    `/api/${item.slug}/${item.id}/workflow`,
    staffHeaders(base, token),
    JSON.stringify({ action }),
  )
  if (!answer) return answer
  item.inFlight = null
  if (answer.status === 200) item.acked = action === 'submit' ? 'submitted' : 'published'
  return answer
}

const creator = async (load: Load, base: string, editor: string, scenario: string) => {
  while (load.isRunning) {
    const { answer } = await create(load, base, editor, scenario)
    if (answer?.status !== 201) await sleep(100)
  }
}

/** An editor and a reviewer publishing, as bench:load's writers: create, submit, queue, open, approve. */
const publisher = async (
  load: Load,
  base: string,
  tokens: Tokens,
  scenario: string,
  onApprove: () => void,
) => {
  const asReviewer = apiHeaders(tokens.reviewer)
  while (load.isRunning) {
    const { item, answer } = await create(load, base, tokens.editor, scenario)
    if (!answer) return
    if (answer.status !== 201) continue
    const submitted = await step(load, base, tokens.editor, 'editor', item, 'submit')
    if (!submitted) return
    if (submitted.status !== 200 || !load.isRunning) continue
    const queue = `/api/${item.slug}?draft=true&depth=0&limit=20&sort=-updatedAt&where[reviewState][equals]=in_review`
    if (!(await load.request(base, 'reviewer', 'review queue', 'GET', queue, asReviewer))) return
    const open = `/api/${item.slug}/${item.id}?draft=true&depth=1`
    if (!(await load.request(base, 'reviewer', 'open draft', 'GET', open, asReviewer))) return
    if (!load.isRunning) continue
    onApprove()
    if (!(await step(load, base, tokens.reviewer, 'reviewer', item, 'approve'))) return
  }
}

// ---------------------------------------------------------------------------------------------
// Watching: /readyz and /healthz polled every 100 ms.

type Probe = { start: number; end: number; status: string; state: string }

class Poller {
  probes: Probe[] = []
  private isRunning = true
  private task: Promise<void>

  constructor(
    private base: string,
    private pathname: string,
  ) {
    this.task = this.loop()
  }

  private async loop() {
    while (this.isRunning) {
      const start = now()
      let status = DROPPED
      let state = ''
      try {
        const answer = await send(this.base, 'GET', this.pathname, apiHeaders(), undefined, 10_000)
        status = String(answer.status)
        const body = jsonOf(answer)
        state = String(body?.database ?? body?.status ?? '')
      } catch {
        // (counted as dropped)
      }
      this.probes.push({ start, end: now(), status, state })
      await sleep(100)
    }
  }

  async stop() {
    this.isRunning = false
    await this.task
  }

  /** The first probe sent at or after `since` that `test` accepts, or null after `timeoutMs`. */
  async waitFor(test: (probe: Probe) => boolean, since: number, timeoutMs: number) {
    const deadline = now() + timeoutMs
    for (;;) {
      const found = this.probes.find((probe) => probe.start >= since && test(probe))
      if (found) return found
      if (now() > deadline) return null
      await sleep(50)
    }
  }

  /** Runs of equal answers, times relative to `origin` (ms), e.g. `+120…+2480 503 restarting ×23`. */
  timeline(origin: number) {
    const runs: { from: number; to: number; answer: string; count: number; slowestMs: number }[] =
      []
    for (const probe of this.probes) {
      const answer = `${probe.status} ${probe.state}`.trim()
      const last = runs[runs.length - 1]
      const ms = probe.end - probe.start
      if (last && last.answer === answer) {
        last.to = round(probe.end - origin)
        last.count++
        last.slowestMs = Math.max(last.slowestMs, round(ms))
      } else
        runs.push({
          from: round(probe.end - origin),
          to: round(probe.end - origin),
          answer,
          count: 1,
          slowestMs: round(ms),
        })
    }
    return runs
  }
}

const timelineText = (runs: ReturnType<Poller['timeline']>) =>
  runs
    .map(
      (run) =>
        `${run.from >= 0 ? '+' : ''}${run.from}…${run.to} ms ${run.answer} ×${run.count}${run.slowestMs > 1000 ? ` (slowest ${run.slowestMs} ms)` : ''}`,
    )
    .join('; ')

/**
 * When the server was ready again: the first /readyz 200 sent after the last unready answer
 * (probes sent from `since` on), or null while the last answer is still unready.
 */
const recoveredAt = (poller: Poller, since: number) => {
  const probes = poller.probes.filter((probe) => probe.start >= since)
  const lastBad = probes.filter((probe) => probe.status !== '200').pop()
  return (
    probes.find((probe) => probe.status === '200' && (!lastBad || probe.start >= lastBad.end)) ??
    null
  )
}

// ---------------------------------------------------------------------------------------------
// Checks after a fault.

const tally = (samples: Sample[]) => {
  const counts: Record<string, number> = {}
  for (const sample of samples) counts[sample.status] = (counts[sample.status] ?? 0) + 1
  return counts
}

const unexpectedIn = (counts: Record<string, number>, alsoExpected: string[] = []) =>
  Object.entries(counts)
    .filter(([status]) => !EXPECTED.has(status) && !alsoExpected.includes(status))
    .reduce((sum, [, count]) => sum + count, 0)

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ') || 'none'

type ItemCheck = {
  item: string
  acked: Item['acked']
  inFlight: Item['killedDuring'] | null
  found: string
  verdict: 'ok' | 'lost' | 'half-published' | 'unexpected state'
}

/**
 * Every item of `items` read back as the admin (`?draft=true`, and the live copy): acknowledged
 * steps present, `_status` and `reviewState` in agreement, the step in flight either done or not.
 * Items whose create was in flight are looked for by their word (`like`).
 */
const checkItems = async (base: string, adminToken: string, items: Item[]) => {
  const headers = apiHeaders(adminToken)
  // Creates that were not acknowledged (no answer, or a 503): stored or not? Every item of the run
  // has the run's word in its title.
  const unknown = items.filter((item) => item.id === null)
  let storedUnacknowledged = 0
  for (const slug of new Set(unknown.map((item) => item.slug))) {
    const answer = await send(
      base,
      'GET',
      `/api/${slug}?draft=true&depth=0&limit=1000&where[title][like]=${RUN_TAG}`,
      headers,
    )
    const docs: { id: number; title: string }[] = jsonOf(answer)?.docs ?? []
    for (const item of unknown.filter((each) => each.slug === slug)) {
      const doc = docs.find((each) => each.title.endsWith(` ${item.word}`))
      if (!doc) continue
      item.id = doc.id
      storedUnacknowledged++
    }
  }
  const checks: ItemCheck[] = []
  for (const item of items) {
    if (item.id === null) continue
    const inFlight = item.killedDuring ?? item.inFlight
    const draft = await send(
      base,
      'GET',
      `/api/${item.slug}/${item.id}?draft=true&depth=0`,
      headers,
    )
    const live = await send(base, 'GET', `/api/${item.slug}/${item.id}?depth=0`, headers)
    const doc = jsonOf(draft)
    const liveDoc = jsonOf(live)
    const name = `${item.slug}#${item.id}`
    if (draft.status === 404) {
      checks.push({
        item: name,
        acked: item.acked,
        inFlight,
        found: 'missing',
        verdict: item.acked === 'none' ? 'ok' : 'lost',
      })
      continue
    }
    const found = `${doc?._status}/${doc?.reviewState} (live copy ${live.status === 200 ? liveDoc?._status : live.status})`
    const pair = `${doc?._status}/${doc?.reviewState}`
    const allowed: Record<Item['acked'], string[]> = {
      none: ['draft/draft'],
      created: ['draft/draft'],
      submitted: ['draft/in_review'],
      published: ['published/published'],
    }
    const acceptable = [...allowed[item.acked]]
    if (inFlight === 'submit') acceptable.push('draft/in_review')
    if (inFlight === 'approve') acceptable.push('published/published')
    const isHalf =
      (doc?._status === 'published') !== (doc?.reviewState === 'published') ||
      (live.status === 200 && liveDoc?._status !== doc?._status)
    const order = ['draft/draft', 'draft/in_review', 'published/published']
    const verdict: ItemCheck['verdict'] = isHalf
      ? 'half-published'
      : acceptable.includes(pair)
        ? 'ok'
        : order.includes(pair) && order.indexOf(pair) < order.indexOf(allowed[item.acked][0])
          ? 'lost'
          : 'unexpected state'
    checks.push({ item: name, acked: item.acked, inFlight, found, verdict })
  }
  return {
    checks,
    storedUnacknowledged,
    lost: checks.filter((check) => check.verdict === 'lost').length,
    bad: checks.filter((check) => check.verdict !== 'ok' && check.verdict !== 'lost').length,
    published: items.filter((item) =>
      checks.some(
        (check) => check.item === `${item.slug}#${item.id}` && check.found.startsWith('published/'),
      ),
    ),
  }
}

/** Polls `/api/search?q=<the item's word>` (as staff: every published item) until all are found. */
const waitSearchable = async (base: string, token: string, items: Item[], since: number) => {
  const pending = new Set(items)
  const foundAt: Record<string, number> = {}
  while (pending.size && now() - since < SEARCHABLE_WITHIN_MS) {
    for (const item of [...pending]) {
      const answer = await send(
        base,
        'GET',
        `/api/search?q=${encodeURIComponent(item.word)}&limit=20`,
        apiHeaders(token),
      ).catch(() => null)
      const hits: { collection: string; itemId: number }[] = jsonOf(answer)?.hits ?? []
      if (hits.some((hit) => hit.collection === item.slug && hit.itemId === item.id)) {
        pending.delete(item)
        foundAt[`${item.slug}#${item.id}`] = round(now() - since)
      }
    }
    if (pending.size) await sleep(200)
  }
  return {
    allMs: pending.size ? null : Math.max(0, ...Object.values(foundAt)),
    foundAt,
    missing: [...pending].map((item) => `${item.slug}#${item.id}`),
  }
}

/** Straight into the (orphaned) PostgreSQL of a killed server: its job queue and search index. */
const inspectDatabase = async (dataDir: string, since: Date, items: Item[]) => {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(await readFile(path.join(dataDir, 'postgres-port'), 'utf8')),
    user: 'sotay',
    password: JSON.parse(await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8'))
      .password,
    database: 'sotay',
    connectionTimeoutMillis: 5000,
  })
  try {
    await client.connect()
    const jobs = await client.query(
      `select count(*) filter (where completed_at is not null)::int as completed,
              count(*) filter (where completed_at is null and coalesce(processing, false))::int as processing,
              count(*) filter (where completed_at is null and not coalesce(processing, false))::int as queued
         from payload_jobs where created_at >= $1`,
      [since],
    )
    const ids = items.map((item) => item.id).filter((id): id is number => id !== null)
    const indexed = await client.query(
      'select collection, item_id from search_documents where item_id = any($1::int[])',
      [ids],
    )
    const inIndex = items.filter((item) =>
      indexed.rows.some((row) => row.collection === item.slug && row.item_id === item.id),
    ).length
    return { jobs: jobs.rows[0] as Record<string, number>, inIndex }
  } catch (err) {
    return { error: String(err) }
  } finally {
    await client.end().catch(() => {})
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

type Row = {
  fault: string
  measured: string
  recoveryMs: number | null
  acknowledged: number
  lost: number
  unexpected: number
  verdict: 'OK' | 'FAILED'
  note: string
  details: Record<string, unknown>
}

const rows: Row[] = []

/**
 * The server's own warnings and errors while a scenario ran (the evidence): the host's `[sotay]`
 * lines and uncaught exceptions, not the stacks and queries Payload prints under them.
 */
const logBetween = (from: number, to: number) =>
  serverLog
    .filter(
      (entry) =>
        entry.at >= from &&
        entry.at <= to &&
        /\[sotay\] (WARN|ERROR)|uncaughtException|unhandledRejection/.test(entry.line),
    )
    .slice(0, 40)
    .map((entry) => `+${round(entry.at - from)} ms ${entry.line.slice(0, 400)}`)

/** Each unexpected answer with what the server printed within 300 ms of it. */
const evidenceOf = (load: Load) =>
  load.unexpectedAnswers.map(({ at, text }) => ({
    answer: text,
    serverLog: serverLog
      .filter((entry) => Math.abs(entry.at - at) <= 300 && entry.line.trim())
      .slice(0, 15)
      .map((entry) => `${round(entry.at - at)} ms ${entry.line.slice(0, 300)}`),
  }))

/** "The embedded database is back after … ms", as the supervisor logged it. */
const databaseBackAfter = (from: number) => {
  const entry = serverLog.find(
    (each) => each.at >= from && /The embedded database is back after \d+ ms/.test(each.line),
  )
  return entry ? Number(entry.line.match(/back after (\d+) ms/)![1]) : null
}

/** Uncaught exceptions the server logged (Next's handler prints them and carries on). */
const uncaughtBetween = (from: number, to: number) =>
  serverLog.filter(
    (entry) => entry.at >= from && entry.at <= to && /uncaughtException/.test(entry.line),
  ).length

const addRow = (row: Row) => {
  rows.push(row)
  console.log(
    `  → ${row.verdict === 'FAILED' ? '*** FAILED ***' : 'OK'}: ${row.measured} ${row.recoveryMs ?? '–'} ms; acknowledged ${row.acknowledged}, lost ${row.lost}, unexpected ${row.unexpected}. ${row.note}`,
  )
}

type Context = {
  dataDir: string
  server: Server
  tokens: Tokens
  paths: Awaited<ReturnType<typeof readPaths>>
}

const startReadersAndWriters = (ctx: Context, load: Load, scenario: string, readers = READERS) => {
  const base = ctx.server.url
  const members = Math.round((readers * MEMBER_READERS) / READERS)
  for (let i = 0; i < readers; i++)
    load.run(() =>
      i < members
        ? reader(load, base, 'member', ctx.tokens.member, ctx.paths.member)
        : reader(load, base, 'anonymous', undefined, ctx.paths.anonymous),
    )
  if (readers === READERS)
    for (let i = 0; i < WRITERS; i++)
      load.run(() => creator(load, base, ctx.tokens.editor, scenario))
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

/** 1. SIGKILL to the postmaster under load. */
const databaseKilled = async (ctx: Context) => {
  const fault = '1. Embedded PostgreSQL killed (SIGKILL to the postmaster) under load'
  console.log(`\n${fault}`)
  const scenario = 'db-kill'
  const base = ctx.server.url
  const began = now()
  const load = new Load()
  const readyz = new Poller(base, '/readyz')
  startReadersAndWriters(ctx, load, scenario)
  await sleep(BASELINE_MS)
  const pid = postmasterPid(ctx.dataDir)
  if (!pid || !isAlive(pid)) throw new Error('no running postmaster to kill')
  const t0 = now()
  signal(pid, 'SIGKILL')
  const down = await readyz.waitFor((probe) => probe.status !== '200', t0, 10_000)
  await readyz.waitFor((probe) => probe.status === '200', down?.end ?? t0, RECOVERY_TIMEOUT_MS)
  await sleep(AFTER_RECOVERY_MS)
  await load.stop()
  await readyz.stop()
  const up = recoveredAt(readyz, t0)
  const recovered = up ? up.end : now()
  const items = allItems.filter((item) => item.scenario === scenario)
  const check = await checkItems(base, ctx.tokens.admin, items)
  const sessions = await sessionsWork(base, ctx.tokens)
  const newPid = postmasterPid(ctx.dataDir)
  const outage = load.samples.filter((s) => s.start < recovered && s.end > t0)
  const all = tally(load.samples)
  const unexpected = unexpectedIn(all)
  const answered503 = load.samples.filter((s) => s.status === '503')
  const first503 = answered503.length
    ? round(Math.min(...answered503.map((s) => s.end)) - t0)
    : null
  const last503 = answered503.length ? round(Math.max(...answered503.map((s) => s.end)) - t0) : null
  const slowest = outage.length ? round(Math.max(...outage.map((s) => s.end - s.start))) : 0
  const acknowledged = items.filter((item) => item.acked !== 'none').length
  const isOk =
    !!up && check.lost === 0 && check.bad === 0 && unexpected === 0 && sessions.ok && newPid !== pid
  addRow({
    fault,
    measured: 'kill → /readyz 200',
    recoveryMs: up ? round(up.end - t0) : null,
    acknowledged,
    lost: check.lost,
    unexpected,
    verdict: isOk ? 'OK' : 'FAILED',
    note:
      `${up ? '' : `NOT READY within ${RECOVERY_TIMEOUT_MS / 1000} s; `}during the outage ${countsText(tally(outage))}; 503s seen +${first503}…+${last503} ms; slowest answer ${slowest} ms; ` +
      `postmaster ${pid} → ${newPid} (supervisor: back after ${databaseBackAfter(t0) ?? '?'} ms); sessions ${sessions.ok ? 'still work' : `LOST (${JSON.stringify(sessions)})`}` +
      (uncaughtBetween(t0, now())
        ? `; server logged ${uncaughtBetween(t0, now())} uncaughtException(s)`
        : '') +
      (check.storedUnacknowledged
        ? `; ${check.storedUnacknowledged} create(s) stored though never acknowledged`
        : ''),
    details: {
      statusesWholeRun: all,
      statusesDuringOutage: tally(outage),
      readyz: readyz.timeline(t0),
      first503Ms: first503,
      last503Ms: last503,
      slowestAnswerDuringOutageMs: slowest,
      postmaster: { killed: pid, after: newPid, backAfterMs: databaseBackAfter(t0) },
      uncaughtExceptionsLogged: uncaughtBetween(t0, now()),
      sessions,
      itemChecks: check.checks.filter((c) => c.verdict !== 'ok'),
      unexpectedAnswers: evidenceOf(load),
      serverLog: logBetween(began, now()),
    },
  })
}

/** 2. SIGSTOP for FREEZE_MS to the postmaster alone, or to the postmaster and all its backends. */
const databaseFrozen = async (ctx: Context, isWholeCluster: boolean) => {
  const fault = isWholeCluster
    ? `2b. Whole PostgreSQL frozen (SIGSTOP to the postmaster and every backend for ${FREEZE_MS / 1000} s, then SIGCONT) under load`
    : `2a. Embedded PostgreSQL frozen (SIGSTOP to the postmaster for ${FREEZE_MS / 1000} s, then SIGCONT) under load`
  console.log(`\n${fault}`)
  const scenario = isWholeCluster ? 'db-freeze-all' : 'db-freeze'
  const base = ctx.server.url
  const began = now()
  const load = new Load()
  const readyz = new Poller(base, '/readyz')
  startReadersAndWriters(ctx, load, scenario)
  await sleep(BASELINE_MS)
  const pid = postmasterPid(ctx.dataDir)
  if (!pid || !isAlive(pid)) throw new Error('no running postmaster to freeze')
  const pids = isWholeCluster ? [pid, ...(await childrenOf(pid))] : [pid]
  const t0 = now()
  let t1 = t0
  try {
    for (const each of pids) signal(each, 'SIGSTOP')
    await sleep(FREEZE_MS)
  } finally {
    t1 = now()
    for (const each of [...pids].reverse()) signal(each, 'SIGCONT')
  }
  await readyz.waitFor((probe) => probe.status === '200', t1, RECOVERY_TIMEOUT_MS)
  await sleep(AFTER_RECOVERY_MS)
  await load.stop()
  await readyz.stop()
  const wentDown = readyz.probes.find((probe) => probe.end > t0 && probe.status !== '200')
  const up = recoveredAt(readyz, t1)
  const answered503 = load.samples.filter((s) => s.status === '503')
  const last503 = answered503.length ? round(Math.max(...answered503.map((s) => s.end)) - t1) : null
  const items = allItems.filter((item) => item.scenario === scenario)
  const check = await checkItems(base, ctx.tokens.admin, items)
  const sessions = await sessionsWork(base, ctx.tokens)
  const during = load.samples.filter((s) => s.start < (up?.end ?? now()) && s.end > t0)
  const all = tally(load.samples)
  const unexpected = unexpectedIn(all)
  const slowest = during.length ? round(Math.max(...during.map((s) => s.end - s.start))) : 0
  const hung = during.filter((s) => s.end - s.start >= 2000).length
  const readyzTimeline = readyz.timeline(t0)
  const slowestReadyz = round(
    Math.max(0, ...readyz.probes.filter((p) => p.end > t0).map((p) => p.end - p.start)),
  )
  const acknowledged = items.filter((item) => item.acked !== 'none').length
  const isOk = !!up && check.lost === 0 && check.bad === 0 && unexpected === 0 && sessions.ok
  addRow({
    fault,
    measured: 'SIGCONT → /readyz 200',
    // (No unready answer at all: nothing to recover from, as /readyz saw it.)
    recoveryMs: !wentDown ? 0 : up ? round(up.end - t1) : null,
    acknowledged,
    lost: check.lost,
    unexpected,
    verdict: isOk ? 'OK' : 'FAILED',
    note:
      `${pids.length} process(es) frozen; /readyz ${wentDown ? `unready from +${round(wentDown.end - t0)} ms` : 'stayed 200 (answers may hang)'}, slowest /readyz ${slowestReadyz} ms; ` +
      `during the freeze ${countsText(tally(during))}${last503 === null ? '' : `, last 503 ${last503} ms after SIGCONT`}; ${hung} request(s) waited ≥ 2 s, slowest ${slowest} ms; sessions ${sessions.ok ? 'still work' : 'LOST'}` +
      (check.storedUnacknowledged
        ? `; ${check.storedUnacknowledged} create(s) stored though never acknowledged`
        : ''),
    details: {
      frozenPids: pids,
      freezeMs: round(t1 - t0),
      statusesWholeRun: all,
      statusesDuringFreeze: tally(during),
      readyz: readyzTimeline,
      requestsWaitingAtLeast2s: hung,
      slowestAnswerMs: slowest,
      sessions,
      itemChecks: check.checks.filter((c) => c.verdict !== 'ok'),
      unexpectedAnswers: evidenceOf(load),
      serverLog: logBetween(began, now()),
    },
  })
}

/** 3. SIGKILL to the Node server while pairs publish; restarted on the same folder. */
const serverKilledMidPublish = async (ctx: Context) => {
  const fault = '3. Node server killed (SIGKILL) mid-publish, started again on the same folder'
  console.log(`\n${fault}`)
  const scenario = 'server-kill-publish'
  const began = now()
  const since = new Date()
  const load = new Load()
  let armed = false
  let onArmedApprove: () => void = () => {}
  const approveSent = new Promise<void>((resolve) => (onArmedApprove = resolve))
  for (let i = 0; i < WRITERS; i++)
    load.run(() =>
      publisher(load, ctx.server.url, ctx.tokens, scenario, () => armed && onArmedApprove()),
    )
  const items = () => allItems.filter((item) => item.scenario === scenario)
  const deadline = now() + 90_000
  while (items().filter((item) => item.acked === 'published').length < 2 && now() < deadline)
    await sleep(50)
  armed = true
  await Promise.race([approveSent, sleep(30_000)])
  await sleep(KILL_DELAY_MS)
  for (const item of items()) item.killedDuring = item.inFlight
  const inFlight = items()
    .filter((item) => item.killedDuring)
    .map((item) => `${item.killedDuring} ${item.slug}#${item.id ?? '?'}`)
  const tKill = now()
  const killed = ctx.server
  killed.child.kill('SIGKILL')
  load.isRunning = false
  await killed.exited
  await load.stop()
  const pid = postmasterPid(ctx.dataDir)
  const orphan = pid !== null && isAlive(pid) && /postgres/.test(commandOf(pid))
  const atKill = await inspectDatabase(ctx.dataDir, since, items())
  console.log(
    `  killed with in flight: ${inFlight.join(', ') || 'nothing'}; PostgreSQL ${orphan ? `left running (${pid})` : 'gone'}; at the kill: ${JSON.stringify(atKill)}`,
  )
  const tStart = now()
  ctx.server = await startServer(ctx.dataDir)
  const ready = now()
  console.log(`  restarted in ${ctx.server.startMs} ms (${round(ready - tKill)} ms after the kill)`)
  const base = ctx.server.url
  // Sessions live in the database and the secret in the folder: the old cookies should still work.
  const sessions = await sessionsWork(base, ctx.tokens)
  if (!sessions.ok) ctx.tokens = await signInAll(base)
  const check = await checkItems(base, ctx.tokens.admin, items())
  const searchable = await waitSearchable(base, ctx.tokens.admin, check.published, ready)
  const writes = load.samples.filter(
    (s) => s.name === 'create' || s.name === 'submit' || s.name === 'approve',
  )
  const beforeKill = load.samples.filter((s) => s.end < tKill)
  const unexpected = unexpectedIn(tally(beforeKill))
  const dropped = load.samples.filter((s) => s.status === DROPPED && s.end >= tKill).length
  const acknowledged = items().filter((item) => item.acked !== 'none').length
  const published = items().filter((item) => item.acked === 'published').length
  addRow({
    fault,
    measured: 'kill → server ready again',
    recoveryMs: round(ready - tKill),
    acknowledged,
    lost: check.lost,
    unexpected: unexpected + check.bad,
    verdict:
      check.lost === 0 && check.bad === 0 && unexpected === 0 && sessions.ok ? 'OK' : 'FAILED',
    note:
      `restart (one start, same folder) ${ctx.server.startMs} ms; in flight at the kill: ${inFlight.join(', ') || 'nothing'} (${dropped} connection(s) dropped); ` +
      `${published} publish(es), ${acknowledged} item(s) acknowledged; ${check.bad} half-published/inconsistent; orphaned PostgreSQL ${orphan ? 'taken over' : 'none'}; ` +
      `sessions ${sessions.ok ? 'survived the restart' : 'LOST (signed in again)'}` +
      (check.storedUnacknowledged
        ? `; ${check.storedUnacknowledged} create(s) stored though never acknowledged`
        : ''),
    details: {
      inFlightAtKill: inFlight,
      atKill,
      orphanedPostmaster: orphan ? pid : null,
      restartMs: ctx.server.startMs,
      killToReadyMs: round(ready - tKill),
      spawnAfterKillMs: round(tStart - tKill),
      writeStatuses: tally(writes),
      statusesBeforeKill: tally(beforeKill),
      sessions,
      itemChecks: check.checks,
      unexpectedAnswers: evidenceOf(load),
      serverLog: logBetween(began, now()),
    },
  })
  const isSearchable = searchable.allMs !== null
  addRow({
    fault: '3b. … every item published before the kill searchable after the restart',
    measured: 'ready → all searchable',
    recoveryMs: searchable.allMs,
    acknowledged: check.published.length,
    lost: searchable.missing.length,
    unexpected: 0,
    verdict: isSearchable ? 'OK' : 'FAILED',
    note: isSearchable
      ? `${check.published.length} published item(s) found by /api/search?q=<word> ${searchable.allMs} ms after ready (${round((searchable.allMs ?? 0) + ready - tKill)} ms after the kill); index at the kill: ${'inIndex' in atKill ? `${atKill.inIndex} of ${check.published.length}` : '?'}`
      : `NOT searchable within ${SEARCHABLE_WITHIN_MS / 1000} s: ${searchable.missing.join(', ')}`,
    details: { ...searchable, atKill },
  })
}

/** 4. SIGKILL to the Node server right after a batch of approvals returned. */
const serverKilledWithJobs = async (ctx: Context) => {
  const fault = `4. Node server killed (SIGKILL) right after ${BATCH} approvals returned (search jobs queued/processing)`
  console.log(`\n${fault}`)
  const scenario = 'server-kill-jobs'
  const began = now()
  const since = new Date()
  const load = new Load()
  const base = ctx.server.url
  const batch: Item[] = []
  for (let i = 0; i < BATCH; i++) {
    const { item, answer } = await create(load, base, ctx.tokens.editor, scenario)
    if (answer?.status !== 201) throw new Error(`create answered ${answer?.status}`)
    const submitted = await step(load, base, ctx.tokens.editor, 'editor', item, 'submit')
    if (submitted?.status !== 200) throw new Error(`submit answered ${submitted?.status}`)
    batch.push(item)
  }
  const approvals = await Promise.all(
    batch.map((item) => step(load, base, ctx.tokens.reviewer, 'reviewer', item, 'approve')),
  )
  const tKill = now()
  ctx.server.child.kill('SIGKILL')
  await ctx.server.exited
  const approved = approvals.filter((answer) => answer?.status === 200).length
  const atKill = await inspectDatabase(ctx.dataDir, since, batch)
  console.log(
    `  ${approved} of ${BATCH} approvals returned 200; at the kill: ${JSON.stringify(atKill)}`,
  )
  // The restarted server also serves scenario 5: fewer restart attempts of its database.
  ctx.server = await startServer(ctx.dataDir, { DB_RESTART_ATTEMPTS: SCENARIO_5_RESTART_ATTEMPTS })
  const ready = now()
  const sessions = await sessionsWork(ctx.server.url, ctx.tokens)
  if (!sessions.ok) ctx.tokens = await signInAll(ctx.server.url)
  const check = await checkItems(ctx.server.url, ctx.tokens.admin, batch)
  const searchable = await waitSearchable(ctx.server.url, ctx.tokens.admin, check.published, ready)
  const unexpected = unexpectedIn(tally(load.samples))
  const allMs = searchable.allMs === null ? null : round(searchable.allMs + ready - tKill)
  addRow({
    fault,
    measured: 'kill → all searchable',
    recoveryMs: allMs,
    acknowledged: approved,
    lost: check.lost + searchable.missing.length,
    unexpected: unexpected + check.bad,
    verdict:
      allMs !== null &&
      check.lost === 0 &&
      check.bad === 0 &&
      unexpected === 0 &&
      approved === BATCH
        ? 'OK'
        : 'FAILED',
    note:
      `at the kill: ${'jobs' in atKill ? `jobs ${JSON.stringify(atKill.jobs)}, ${atKill.inIndex} of ${BATCH} in the index` : atKill.error}; ` +
      `restart ${ctx.server.startMs} ms; all ${check.published.length} searchable ${searchable.allMs ?? '–'} ms after ready` +
      (searchable.missing.length ? `; NOT searchable: ${searchable.missing.join(', ')}` : ''),
    details: {
      atKill,
      restartMs: ctx.server.startMs,
      killToReadyMs: round(ready - tKill),
      searchable,
      itemChecks: check.checks,
      unexpectedAnswers: evidenceOf(load),
      serverLog: logBetween(began, now()),
    },
  })
}

/** 5. A database that cannot be started again; then fixed, and a fresh start on the folder. */
const databaseBeyondRecovery = async (ctx: Context) => {
  const fault = `5. Embedded PostgreSQL killed and unable to start (invalid shared_buffers in postgresql.auto.conf), DB_RESTART_ATTEMPTS=${SCENARIO_5_RESTART_ATTEMPTS}`
  console.log(`\n${fault}`)
  const began = now()
  const base = ctx.server.url
  const load = new Load()
  const healthz = new Poller(base, '/healthz')
  const readyz = new Poller(base, '/readyz')
  startReadersAndWriters(ctx, load, 'db-broken', 4)
  await sleep(1000)
  const autoConf = path.join(ctx.dataDir, 'postgres', 'postgresql.auto.conf')
  const original = await readFile(autoConf, 'utf8')
  let t0 = now()
  let failed: Probe | null = null
  try {
    await writeFile(autoConf, `${original}\nshared_buffers = 'x'\n`)
    const pid = postmasterPid(ctx.dataDir)
    if (!pid || !isAlive(pid)) throw new Error('no running postmaster to kill')
    t0 = now()
    signal(pid, 'SIGKILL')
    failed = await healthz.waitFor((probe) => probe.status === '503', t0, 120_000)
    await sleep(1000)
  } finally {
    await load.stop()
    await healthz.stop()
    await readyz.stop()
    await writeFile(autoConf, original)
  }
  const all = tally(load.samples)
  const after = load.samples.filter((s) => s.end > t0)
  const unexpected = unexpectedIn(tally(after))
  addRow({
    fault,
    measured: 'kill → /healthz 503',
    recoveryMs: failed ? round(failed.end - t0) : null,
    acknowledged: 0,
    lost: 0,
    unexpected,
    verdict: failed && unexpected === 0 ? 'OK' : 'FAILED',
    note: `${failed ? `/healthz 503 "${failed.state}"` : '/healthz NEVER answered 503'}; /readyz ${timelineText(readyz.timeline(t0).filter((run) => run.to >= 0))}; readers after the kill: ${countsText(tally(after))}`,
    details: {
      healthz: healthz.timeline(t0),
      readyz: readyz.timeline(t0),
      statuses: all,
      statusesAfterKill: tally(after),
      unexpectedAnswers: evidenceOf(load),
      serverLog: logBetween(began, now()),
    },
  })

  // The file fixed: the server stopped as a supervisor would, and a fresh start on the folder.
  console.log('\n5b. Configuration fixed, server stopped, fresh start on the same folder')
  const began5b = now()
  const stopped = await stopServer(ctx.server)
  current = null
  const leftover = postmasterPid(ctx.dataDir)
  ctx.server = await startServer(ctx.dataDir)
  const ready = now()
  const sessions = await sessionsWork(ctx.server.url, ctx.tokens)
  if (!sessions.ok) ctx.tokens = await signInAll(ctx.server.url)
  const check = await checkItems(ctx.server.url, ctx.tokens.admin, allItems)
  const readyzNow = await send(ctx.server.url, 'GET', '/readyz', apiHeaders())
  const acknowledged = allItems.filter((item) => item.acked !== 'none').length
  const published = allItems.filter((item) => item.acked === 'published').length
  addRow({
    fault:
      '5b. … file fixed, server stopped (SIGTERM), fresh start on the folder; everything acknowledged in the run checked',
    measured: 'stop + start → ready',
    recoveryMs: round(ready - began5b),
    acknowledged,
    lost: check.lost,
    unexpected: check.bad,
    verdict:
      check.lost === 0 && check.bad === 0 && readyzNow.status === 200 && sessions.ok
        ? 'OK'
        : 'FAILED',
    note:
      `stop ${stopped.ms} ms (exit ${stopped.exit.signal ?? stopped.exit.code}${'forced' in stopped ? ', SIGKILL after 30 s' : ''}); start ${ctx.server.startMs} ms; /readyz ${readyzNow.status}; ` +
      `${acknowledged} item(s) (${published} published) of the whole run all present${check.lost ? ' — NOT ALL' : ''}; sessions ${sessions.ok ? 'still work' : 'LOST'}` +
      (leftover && isAlive(leftover)
        ? `; a PostgreSQL (${leftover}) was still running after the stop`
        : ''),
    details: {
      stop: stopped,
      startMs: ctx.server.startMs,
      readyz: readyzNow.status,
      sessions,
      itemChecks: check.checks.filter((c) => c.verdict !== 'ok'),
      serverLog: logBetween(began5b, now()),
    },
  })
}

// ---------------------------------------------------------------------------------------------
// The machine.

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

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

const tableLines = () => [
  '| fault | measured | recovery (ms) | acknowledged | lost | unexpected statuses | verdict | note |',
  '| --- | --- | --: | --: | --: | --: | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${cell(row.fault)} | ${row.measured} | ${row.recoveryMs ?? '–'} | ${row.acknowledged} | ${row.lost} | ${row.unexpected} | ${row.verdict === 'FAILED' ? '**FAILED**' : 'OK'} | ${cell(row.note)} |`,
  ),
]

// ---------------------------------------------------------------------------------------------

let dataDir: string | null = null

/** Whatever happened: the server stopped, frozen processes continued, the folder removed. */
const cleanUp = async () => {
  for (const pid of frozen) signal(pid, 'SIGCONT')
  if (current) {
    const server = current
    current = null
    await stopServer(server).catch(() => {})
  }
  if (dataDir) {
    // A PostgreSQL of this folder still running (its server was killed): stopped, fast.
    const pid = postmasterPid(dataDir)
    if (pid && isAlive(pid) && commandOf(pid).includes(dataDir)) {
      signal(pid, 'SIGINT')
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100)
      if (isAlive(pid)) signal(pid, 'SIGKILL')
    }
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 }).catch(() => {})
    dataDir = null
  }
  agent.destroy()
}

const main = async () => {
  const uptimeAtStart = uptimeText()
  const loadAtStart = os.loadavg()
  console.log(`machine: ${os.cpus().length} cores, ${uptimeAtStart}`)
  console.log(
    `server settings for the run: ${Object.entries(RECOVERY_ENV)
      .map(([name, value]) => `${name}=${value}`)
      .join(
        ', ',
      )} (recovery observable in seconds); DB_RESTART_ATTEMPTS=${SCENARIO_5_RESTART_ATTEMPTS} from scenario 5's server on`,
  )
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-bench-faults-'))
  console.log(
    `data folder ${dataDir}; starting the demo handbook (the first start may build the admin)…`,
  )
  const server = await startServer(dataDir)
  console.log(`server ready at ${server.url} in ${server.startMs} ms`)
  const ctx: Context = {
    dataDir,
    server,
    tokens: await signInAll(server.url),
    paths: await readPaths(server.url),
  }

  await databaseKilled(ctx)
  await databaseFrozen(ctx, false)
  await databaseFrozen(ctx, true)
  await serverKilledMidPublish(ctx)
  await serverKilledWithJobs(ctx)
  await databaseBeyondRecovery(ctx)
  const finalStop = await stopServer(ctx.server)
  current = null

  // What the servers logged over the whole run that no row measures (worth a look).
  const logSummary = Object.fromEntries(
    Object.entries({
      uncaughtExceptions: /uncaughtException/,
      unhandledRejections: /unhandledRejection/,
      failedAuditCheckpoints: /Could not checkpoint the audit log/,
      failedJobRunnerPasses: /Job runner: .* pass failed/,
      databaseRestartAttemptsFailed: /Restarting the embedded database failed/,
      jobsHandedBack: /left processing by a stopped process handed back/,
      startUpSearchRepairs: /Start-up search check: .*repaired/,
    }).map(([name, pattern]) => [name, serverLog.filter((e) => pattern.test(e.line)).length]),
  )
  const failed = rows.filter((row) => row.verdict === 'FAILED')
  const lines = tableLines()
  console.log(`\n${lines.join('\n')}\n`)
  if (failed.length) {
    console.log(`*** ${failed.length} FAILED figure(s): ***`)
    for (const row of failed) console.log(`  FAILED — ${row.fault}: ${row.note}`)
  } else console.log('Every figure OK: no acknowledged write lost, no unexpected status.')
  console.log(`Server log over the run: ${JSON.stringify(logSummary)}`)

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    uptime: { atStart: uptimeAtStart, atEnd: uptimeText() },
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
  }
  const measuredAt = new Date().toISOString()
  const settings = {
    serverEnv: {
      ...RECOVERY_ENV,
      DB_RESTART_ATTEMPTS: `default (10) in scenarios 1–4, ${SCENARIO_5_RESTART_ATTEMPTS} in scenario 5`,
    },
    readers: READERS,
    memberReaders: MEMBER_READERS,
    writers: WRITERS,
    baselineMs: BASELINE_MS,
    afterRecoveryMs: AFTER_RECOVERY_MS,
    freezeMs: FREEZE_MS,
    killDelayAfterApprovalSentMs: KILL_DELAY_MS,
    batch: BATCH,
    searchableWithinMs: SEARCHABLE_WITHIN_MS,
    runTag: RUN_TAG,
    runSeconds: Math.round((now() - runStart) / 1000),
    finalStop,
  }
  const results = path.join(projectRoot, 'results')
  await mkdir(results, { recursive: true })
  await writeFile(
    path.join(results, 'faults.json'),
    `${JSON.stringify({ measuredAt, machine, settings, logSummary, rows }, null, 2)}\n`,
  )
  const details = rows.flatMap((row) => [
    `### ${row.fault}`,
    '',
    '```json',
    JSON.stringify(
      Object.fromEntries(
        Object.entries(row.details).filter(
          ([name]) => name !== 'itemChecks' || row.verdict === 'FAILED',
        ),
      ),
      null,
      1,
    ),
    '```',
    '',
  ])
  await writeFile(
    path.join(results, 'faults.md'),
    [
      '# Fault table',
      '',
      `Measured ${measuredAt} by \`npm run bench:faults\` in ${settings.runSeconds} s: the demo handbook on an embedded PostgreSQL, real processes and real signals. ` +
        `Load during scenarios 1–2: ${READERS} readers in a closed loop (${MEMBER_READERS} signed in as the demo member, the others anonymous: home, lists, items, search, \`/api/users/me\`) and ${WRITERS} editors creating drafts. ` +
        `Every server ran with ${Object.entries(RECOVERY_ENV)
          .map(([name, value]) => `${name}=${value}`)
          .join(
            ', ',
          )} so that recovery is observable in seconds; scenario 5's server with DB_RESTART_ATTEMPTS=${SCENARIO_5_RESTART_ATTEMPTS}. ` +
        '"Acknowledged": items whose create (201) or workflow step (200) was answered; "lost": of those, missing or back in an earlier state afterwards (must be 0). ' +
        '"Unexpected statuses": any answer other than 200/201/503 while the server was up (a 401, a 500, a dropped connection, a member\'s `/api/users/me` without the session), and items found half-published.',
      '',
      `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; \`uptime\` before: ${uptimeAtStart}; after: ${machine.uptime.atEnd}.`,
      '',
      failed.length ? `**${failed.length} FAILED figure(s).**` : '**Every figure OK.**',
      '',
      ...lines,
      '',
      `Server log over the run (lines counted): ${Object.entries(logSummary)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')}.`,
      '',
      '## Details',
      '',
      ...details,
    ].join('\n'),
  )
  console.log('\nWritten to results/faults.json and results/faults.md')
}

for (const name of ['SIGINT', 'SIGTERM'] as const)
  process.on(name, () => {
    console.error(`\n${name}: stopping the server…`)
    void cleanUp().finally(() => process.exit(130))
  })

try {
  await main()
  await cleanUp()
  process.exit(0)
} catch (err) {
  console.error('bench:faults could not complete:', err)
  await cleanUp()
  process.exit(1)
}
