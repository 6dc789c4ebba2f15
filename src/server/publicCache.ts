import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

import type { NextFunction, Request, Response } from 'express'
import { LRUCache } from 'lru-cache'

import { contentSlugs } from '../../collections/slugs'
import { logger } from './logger'
import { checkedBodyOf } from './requestGuard'

/**
 * The public read cache: anonymous GETs of the public read path (REST lists and items of the five
 * sections, feeds, embeds, oEmbed) are answered from memory, with `ETag`/`Last-Modified` and 304s,
 * and a `Cache-Control` that lets a reverse proxy hold them briefly.
 *
 * Correctness rules:
 * - Only requests with no credentials at all (no `payload-token` cookie, no `Authorization`) get
 *   the shared answers; any response to a signed-in or token-bearing request on these paths is
 *   marked `private, no-store`. Every answer says `Vary: Cookie, Authorization`.
 * - Only complete 200 answers are stored, and only if nothing they are made of changed while
 *   they were produced (see `isCurrent`).
 * - What a change may alter is emptied on every committed change to what readers may see
 *   (PostgreSQL NOTIFY from triggers, see `changeListener.ts`; drafts do not count), after each
 *   workflow step, deletion and file or unit write through this instance, and when the clock
 *   passes the next time at which content changes by itself (a document's expiry or effective
 *   date): a change in one section empties the answers made of it (see `dependsOn`), anything
 *   else empties everything. The search index notifies after each write to it (see
 *   `src/lib/publicChange.ts`), which empties search answers only. While the change feed is down,
 *   nothing is served from or stored in it.
 * - Signed-in portal readers (a session cookie) share answers by audience; see `audienceKey.ts`.
 */

/**
 * Paths this cache may answer: the sections' REST lists and items, search (emptied when the index
 * changes, see `notifyPublicChange`), the anonymous `users/me` the portal asks on every page, and
 * the public doors.
 */
const CONTENT = contentSlugs.map((slug) => slug.replace(/[-]/g, '\\-')).join('|')
export const CACHEABLE_PATH = new RegExp(
  `^/(api/home|api/search|api/users/me|api/(${CONTENT})(/\\d{1,12})?|feeds/[^/]+|embed\\.js|embed/[^/]+(/\\d{1,12})?|oembed|` +
    `(van-ban|dinh-huong|nhan-dien|tham-khao|hoi-dap)/\\d{1,12}(-[a-z0-9-]{0,120})?)$`,
)

/**
 * Paths whose answers to a signed-in reader depend only on their audience (see `audienceKey.ts`):
 * the sections' REST lists and items, the home lists and search. Not `users/me`, the public doors
 * (feeds, embeds, share pages) nor anything else.
 */
export const AUDIENCE_PATH = new RegExp(`^/api/(home|search|(${CONTENT})(/\\d{1,12})?)$`)

/** The section a write to the sections' REST path changes (media and units: none, so all). */
const sectionOfWrite = (pathname: string) =>
  contentSlugs.find((slug) => pathname.startsWith(`/api/${slug}/`) || pathname === `/api/${slug}`)

/** Writes that may end or change sessions: accounts over REST, and GraphQL (its logout). */
const ACCOUNT_WRITES = /^\/api\/(users|graphql)(\/|$)/

/** The path of search answers, in anonymous keys (the URL) and audience keys (`<audience>|URL`). */
const SEARCH_PREFIX = '/api/search'
const isSearchKey = (key: string) => key.startsWith(SEARCH_PREFIX, key.indexOf('/'))

type Section = (typeof contentSlugs)[number]
/**
 * What an answer is made of, so a change empties only the answers it may alter: 'search' (the
 * search index, nothing else), 'nothing' (the anonymous users/me), one section (its REST list or
 * item at `depth=0`: no relationship populated, and a document's validity reads documents only),
 * or 'all' (anything else: an item at depth 1 or more shows items of other sections and files;
 * the home lists, feeds, embeds, oEmbed and share pages).
 */
type Dependency = 'search' | 'nothing' | 'all' | Section
const SECTION_PATH = new RegExp(`^/api/(${CONTENT})(/\\d{1,12})?$`)
export const dependsOn = (key: string): Dependency => {
  const url = new URL(key.slice(key.indexOf('/')), 'http://cache.invalid')
  if (url.pathname === SEARCH_PREFIX) return 'search'
  if (url.pathname === '/api/users/me') return 'nothing'
  const section = url.pathname.match(SECTION_PATH)?.[1]
  if (section && url.searchParams.getAll('depth').join(',') === '0') return section as Section
  return 'all'
}

/** The database tables of the sections (NOTIFY names the table), by section. */
const SECTION_OF_TABLE = new Map<string, Section>(
  contentSlugs.map((slug) => [slug.replace(/-/g, '_'), slug]),
)

/** Smaller answers are sent as they are (the compression middleware's own threshold). */
const GZIP_MIN_BYTES = 1024

/** How long a browser may reuse an anonymous answer without asking again. */
export const BROWSER_MAX_AGE_SECONDS = 10

/**
 * Writes through this instance that may change what anonymous readers see, after which the cache
 * is emptied at once (before their NOTIFY arrives): workflow steps, deletions, files and units.
 * Creating or editing an item over REST only ever writes a draft (src/workflow/guards.ts), which
 * no anonymous reader sees: emptying the cache for each of those made it useless while editors
 * worked. Everything else is covered by the NOTIFY of what was committed.
 */
const WRITES_TO_CACHED = new RegExp(`^/api/((${CONTENT})/\\d{1,12}/workflow|media|units)(/|$)`)
const DELETES_OF_CACHED = new RegExp(`^/api/(${CONTENT})(/|$)`)
/** Workflow steps that never change the live copy: no reason to empty the cache at once. */
const STEPS_WITHIN_REVIEW = new Set(['submit', 'request_changes'])
const isStepWithinReview = (req: Request) => {
  if (!req.path.endsWith('/workflow')) return false
  try {
    const action = JSON.parse(checkedBodyOf(req)?.toString('utf8') ?? 'null')?.action
    return typeof action === 'string' && STEPS_WITHIN_REVIEW.has(action)
  } catch {
    return false
  }
}

/** How long a request waits for the same answer already being produced for another. */
const COALESCE_WAIT_MS = 10_000

const VARY = 'Cookie, Authorization, Accept-Encoding'

/** Sets headers right before the head is sent, over whatever the handler set. */
const forceHeaders = (res: Response, headers: Record<string, string>) => {
  const writeHead = res.writeHead.bind(res)
  res.writeHead = ((...args: Parameters<Response['writeHead']>) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    return writeHead(...args)
  }) as Response['writeHead']
}

const hasCredentials = (req: Request) =>
  Boolean(req.headers.authorization) || /(?:^|;\s*)payload-token=/.test(req.headers.cookie ?? '')

/** Response headers kept with a cached answer (everything else is per request). */
const KEPT_HEADERS = ['content-type', 'content-language', 'content-security-policy', 'link']

type Entry = {
  /** 'public': an anonymous answer; 'audience': one shared by the signed-in readers of a key. */
  scope: 'public' | 'audience'
  /** What the answer was made of (see {@link dependsOn}). */
  dependsOn: Dependency
  body: Buffer
  /** The body gzipped, made at the first hit that accepts it and kept (not per hit). */
  gzipped?: Buffer
  headers: Record<string, string>
  etag: string
  lastModified: string
  storedAt: number
}

export type PublicCacheOptions = {
  /** Total bytes held (bodies); least recently used answers are dropped first. */
  maxBytes?: number
  /** Larger answers are never stored. */
  maxEntryBytes?: number
  /** Safety net: an answer is never older than this. */
  maxAgeMs?: number
  /** Seconds a shared cache (reverse proxy, CDN) may hold an answer. */
  sharedMaxAgeSeconds?: number
  /** The next instant (ms) at which content changes without a write, or null. */
  nextBoundary?: () => Promise<number | null>
  /**
   * Signed-in readers (see `audienceKey.ts`). `keyOf`: for a request with a session cookie on a
   * path of {@link AUDIENCE_PATH}, the audience its answer depends on (two callers with the same
   * one are given the same answer), or null to pass it through uncached (staff, an invalid
   * session). `forget`: drops the sessions already checked; called here once a write to accounts
   * through this instance is answered (a sign-out, a deactivation), before its notification
   * arrives.
   */
  audience?: { keyOf: (req: Request) => Promise<string | null>; forget: () => void }
}

export type PublicCache = ReturnType<typeof createPublicCache>

export const createPublicCache = ({
  maxBytes = 64 * 1024 * 1024,
  maxEntryBytes = 2 * 1024 * 1024,
  maxAgeMs = 10 * 60_000,
  sharedMaxAgeSeconds = 30,
  nextBoundary = async () => null,
  audience,
}: PublicCacheOptions = {}) => {
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // (With room for the gzipped copy a hit may add, at most about 40 % of the body for JSON.)
    sizeCalculation: (entry) => Math.ceil(entry.body.length * 1.4) + 512,
    ttl: maxAgeMs,
  })
  let generation = 0
  /** Moves when the search answers alone are emptied (the whole cache moves `generation`). */
  let searchEpoch = 0
  /** Per section: moves when a change in it empties the answers made of it. */
  const sectionEpochs: Record<string, number> = Object.fromEntries(
    contentSlugs.map((slug) => [slug, 0]),
  )
  /** Moves whenever the next content boundary may have changed. */
  let boundaryEpoch = 0
  /** Whether a change feed is connected: without it, answers could outlive a change. */
  let isLive = false
  /** When content last changed, as far as this instance knows (HTTP date, second precision). */
  let lastChange = new Date().toUTCString()
  let boundaryAt = Number.POSITIVE_INFINITY
  const stats = { hits: 0, misses: 0, stored: 0, notModified: 0, invalidations: 0, coalesced: 0 }
  /**
   * Answers being produced, by key: a burst of anonymous readers missing the same address (right
   * after a change emptied the cache) waits for the first one's answer instead of each producing
   * it again. Settles with the stored entry, or null when it was not stored.
   */
  const inFlight = new Map<string, Promise<Entry | null>>()

  /**
   * When an answer starts being produced: it is stored, or handed to the requests that waited for
   * it, only if nothing emptied its part of the cache meanwhile ({@link isCurrent}).
   */
  type Stamp = { generation: number; search: number; sections: Record<string, number> }
  const stampNow = (): Stamp => ({
    generation,
    search: searchEpoch,
    sections: { ...sectionEpochs },
  })
  const isCurrent = (stamp: Stamp, key: string) => {
    if (stamp.generation !== generation) return false
    const dependency = dependsOn(key)
    if (dependency === 'search') return stamp.search === searchEpoch
    if (dependency === 'nothing') return true
    if (dependency !== 'all') return stamp.sections[dependency] === sectionEpochs[dependency]
    return contentSlugs.every((slug) => stamp.sections[slug] === sectionEpochs[slug])
  }

  const refreshBoundary = () => {
    const at = ++boundaryEpoch
    nextBoundary()
      .then((next) => {
        if (at === boundaryEpoch) boundaryAt = next ?? Number.POSITIVE_INFINITY
      })
      .catch((err: unknown) => {
        // Unknown: keep answers short-lived rather than possibly stale.
        boundaryAt = Date.now() + 60_000
        logger.warn({ msg: 'Public cache: could not read the next content boundary', err })
      })
  }

  /**
   * Empties the answers a change may alter: with a section, those made of it (its own lists and
   * items at depth 0, and every answer of 'all'); without, everything.
   */
  const invalidate = (reason: string, section?: Section) => {
    stats.invalidations++
    if (section) {
      sectionEpochs[section]++
      for (const [key, entry] of entries.entries())
        if (entry.dependsOn === 'all' || entry.dependsOn === section) entries.delete(key)
    } else {
      generation++
      entries.clear()
    }
    lastChange = new Date().toUTCString()
    if (!section || section === 'documents') {
      // (A document's expiry or effective date may have moved.)
      boundaryAt = Number.POSITIVE_INFINITY
      refreshBoundary()
    }
    logger.debug({ msg: 'Public cache emptied', reason, section })
  }

  /** A change notified by the database (the table's name): see {@link invalidate}. */
  const invalidateTable = (table: string) =>
    invalidate(`change in ${table}`, SECTION_OF_TABLE.get(table))

  /**
   * The search index changed (a sync job, a reindex): only search answers go, anonymous or an
   * audience's. Everything else is unaffected by the index.
   */
  const invalidateSearch = (reason: string) => {
    searchEpoch++
    stats.invalidations++
    for (const key of [...entries.keys()]) if (isSearchKey(key)) entries.delete(key)
    logger.debug({ msg: 'Public cache: search answers emptied', reason })
  }

  const setLive = (live: boolean) => {
    // (Sessions checked while the feed was down may have ended meanwhile.)
    audience?.forget()
    if (live !== isLive) invalidate(live ? 'change feed connected' : 'change feed lost')
    isLive = live
  }

  // Browsers may keep an anonymous answer a few seconds (the portal's preloaded calls are used as
  // they are, not revalidated); a reverse proxy or CDN a little longer.
  const sharedCacheControl = `public, max-age=${BROWSER_MAX_AGE_SECONDS}, s-maxage=${sharedMaxAgeSeconds}, stale-while-revalidate=${sharedMaxAgeSeconds * 2}`

  const isFresh = (req: Request, entry: Entry) => {
    const match = req.headers['if-none-match']
    if (match) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag)
    const since = req.headers['if-modified-since']
    if (!since) return false
    const sinceMs = Date.parse(since)
    return Number.isFinite(sinceMs) && Date.parse(entry.lastModified) <= sinceMs
  }

  const send = (req: Request, res: Response, entry: Entry, state: 'HIT' | 'MISS') => {
    const isShared = entry.scope === 'public'
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value)
    if (isShared) {
      res.setHeader('ETag', entry.etag)
      res.setHeader('Last-Modified', entry.lastModified)
    }
    // An audience's answer is the signed-in reader's own: never kept by a browser or a proxy.
    res.setHeader('Cache-Control', isShared ? sharedCacheControl : 'private, no-store')
    res.setHeader('X-Cache', state)
    res.setHeader('Vary', VARY)
    if (isShared && isFresh(req, entry)) {
      stats.notModified++
      res.removeHeader('Content-Type')
      res.statusCode = 304
      return res.end()
    }
    res.statusCode = 200
    res.removeHeader('Transfer-Encoding')
    // Compressed once per entry rather than by the compression middleware at every hit (it
    // leaves an answer that is already encoded alone).
    if (entry.body.length >= GZIP_MIN_BYTES && req.acceptsEncodings('gzip') === 'gzip') {
      entry.gzipped ??= gzipSync(entry.body)
      res.setHeader('Content-Encoding', 'gzip')
      res.setHeader('Content-Length', entry.gzipped.length)
      return res.end(req.method === 'HEAD' ? undefined : entry.gzipped)
    }
    res.setHeader('Content-Length', entry.body.length)
    return res.end(req.method === 'HEAD' ? undefined : entry.body)
  }

  /**
   * Holds an anonymous answer produced downstream (Next, the feed and embed routers) until it is
   * complete, then stores it when it may be, and sends it with its validators. An answer that
   * grows past `maxEntryBytes` is passed through as it comes.
   */
  const capture = (
    req: Request,
    res: Response,
    key: string,
    startedAt: Stamp,
    scope: Entry['scope'],
  ) => {
    let settle: (entry: Entry | null) => void = () => {}
    inFlight.set(
      key,
      new Promise<Entry | null>((resolve) => {
        settle = (entry) => {
          if (inFlight.get(key) === pending) inFlight.delete(key)
          resolve(entry)
        }
      }),
    )
    const pending = inFlight.get(key)
    // Whatever happens to this answer (sent, passed through, the client gone), waiters go on.
    res.once('close', () => settle(null))
    const original = {
      writeHead: res.writeHead.bind(res),
      write: res.write.bind(res),
      end: res.end.bind(res),
      flushHeaders: res.flushHeaders.bind(res),
    }
    const chunks: Buffer[] = []
    let size = 0
    let isPassingThrough = false
    let isFinishing = false
    const restore = () => Object.assign(res, original)
    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding)
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk)
            : Buffer.alloc(0)
    const passThrough = () => {
      settle(null)
      isPassingThrough = true
      restore()
      for (const chunk of chunks.splice(0)) original.write(chunk)
    }
    const callbackOf = (args: unknown[]) =>
      args.find((arg) => typeof arg === 'function') as (() => void) | undefined

    // Headers are applied to `res` and sent with the body at the end.
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      if (isFinishing || isPassingThrough) return original.writeHead(status, ...(rest as []))
      res.statusCode = status
      const headers = rest.find((arg) => arg && typeof arg === 'object')
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1])
      } else if (headers) {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string)
      }
      return res
    }) as Response['writeHead']
    res.flushHeaders = () => {}
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (isPassingThrough) return original.write(chunk as Buffer, ...(rest as []))
      const buffer = toBuffer(chunk, rest[0])
      chunks.push(buffer)
      size += buffer.length
      if (size > maxEntryBytes) passThrough()
      callbackOf(rest)?.()
      return true
    }) as Response['write']
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (isPassingThrough) return original.end(chunk as Buffer, ...(rest as []))
      if (chunk != null && typeof chunk !== 'function') {
        const buffer = toBuffer(chunk, rest[0])
        chunks.push(buffer)
        size += buffer.length
      }
      isFinishing = true
      restore()
      const body = Buffer.concat(chunks)
      const done = callbackOf([chunk, ...rest])
      if (res.statusCode !== 200 || body.length > maxEntryBytes) {
        settle(null)
        res.setHeader('Cache-Control', 'no-store')
        res.setHeader('Vary', VARY)
        res.setHeader('X-Cache', 'MISS')
        return original.end(body, done)
      }
      const headers: Record<string, string> = {}
      for (const name of KEPT_HEADERS) {
        const value = res.getHeader(name)
        if (value != null) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      }
      const entry: Entry = {
        scope,
        dependsOn: dependsOn(key),
        body,
        headers,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        lastModified: lastChange,
        storedAt: Date.now(),
      }
      // Something changed while this answer was produced: send it, but do not keep it.
      if (isCurrent(startedAt, key) && isLive) {
        entries.set(key, entry)
        stats.stored++
        settle(entry)
      } else settle(null)
      res.once('finish', () => done?.())
      return send(req, res, entry, 'MISS')
    }) as Response['end']
  }

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A write through this instance: once it is answered (committed), nothing cached before it
      // may be served, even before its NOTIFY arrives. Only a signed-in caller can write, and only
      // a successful write counts: an anonymous POST cannot empty the cache for everyone.
      if (
        (WRITES_TO_CACHED.test(req.path) ||
          (req.method === 'DELETE' && DELETES_OF_CACHED.test(req.path))) &&
        hasCredentials(req) &&
        !req.headers['x-payload-http-method-override']
      ) {
        res.once('finish', () => {
          if (res.statusCode < 400 && !isStepWithinReview(req))
            invalidate(`${req.method} ${req.path}`, sectionOfWrite(req.path))
        })
      }
      if (audience && ACCOUNT_WRITES.test(req.path)) res.once('finish', audience.forget)
      return next()
    }
    if (!CACHEABLE_PATH.test(req.path)) return next()
    if (Date.now() >= boundaryAt) invalidate('content boundary passed')
    const bypass = () => {
      forceHeaders(res, { 'Cache-Control': 'private, no-store', Vary: VARY, 'X-Cache': 'BYPASS' })
      return next()
    }
    if (req.headers['x-payload-http-method-override']) return bypass()
    if (!hasCredentials(req)) return serve(req, res, next, req.originalUrl, stampNow(), 'public')
    // A session cookie (as the portal sends it, never an API key or a bearer token): answers are
    // shared by the callers of one audience, on the paths whose answers depend on nothing else.
    if (!audience || !isLive || req.headers.authorization || !AUDIENCE_PATH.test(req.path))
      return bypass()
    // (Taken before the audience is read: a change meanwhile means nothing is stored.)
    const startedAt = stampNow()
    audience.keyOf(req).then(
      (audience) => {
        if (res.destroyed) return
        const key = `${audience}|${req.originalUrl}`
        if (!audience || !isCurrent(startedAt, key)) return bypass()
        serve(req, res, next, key, startedAt, 'audience')
      },
      (err: unknown) => {
        logger.warn({ msg: "Public cache: could not read the caller's audience", err })
        if (!res.destroyed) bypass()
      },
    )
  }

  /** Answers from the cache, from an answer being produced for another caller, or afresh. */
  const serve = (
    req: Request,
    res: Response,
    next: NextFunction,
    key: string,
    startedAt: Stamp,
    scope: Entry['scope'],
  ) => {
    const entry = isLive ? entries.get(key) : undefined
    if (entry) {
      stats.hits++
      return send(req, res, entry, 'HIT')
    }
    const producing = isLive ? inFlight.get(key) : undefined
    if (producing) {
      let timer: NodeJS.Timeout | undefined
      const waited = Promise.race([
        producing,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), COALESCE_WAIT_MS)
        }),
      ])
      void waited.then((ready) => {
        clearTimeout(timer)
        if (res.destroyed) return
        // (Stored before anything changed since this request came in.)
        if (ready && isCurrent(startedAt, key)) {
          stats.coalesced++
          return send(req, res, ready, 'HIT')
        }
        missed(req, res, next, key, startedAt, scope)
      })
      return
    }
    missed(req, res, next, key, startedAt, scope)
  }

  const missed = (
    req: Request,
    res: Response,
    next: NextFunction,
    key: string,
    startedAt: Stamp,
    scope: Entry['scope'],
  ) => {
    stats.misses++
    if (scope === 'audience')
      forceHeaders(res, { 'Cache-Control': 'private, no-store', Vary: VARY, 'X-Cache': 'MISS' })
    // A HEAD answer has no body to keep: only GETs fill the cache.
    if (req.method === 'GET') capture(req, res, key, startedAt, scope)
    return next()
  }

  return {
    middleware,
    invalidate,
    invalidateTable,
    invalidateSearch,
    setLive,
    stats,
    get size() {
      return entries.size
    },
  }
}
