import { randomBytes, randomUUID } from 'node:crypto'
import path from 'node:path'

import compression from 'compression'
import cors from 'cors'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import type { Payload } from 'payload'

import { CLIENT_ADDRESS_HEADER } from '../lib/clientAddress'
import {
  type DatabaseHealth,
  RETRY_AFTER_SECONDS,
  unavailableWhileDatabaseDown,
} from './databaseHealth'
import { embedsRouter } from './embeds'
import { feedsRouter } from './feeds'
import type { PublicCache } from './publicCache'
import { logger } from './logger'
import { publicDoorRule, rateLimits, searchRule } from './rateLimits'
import {
  guardRequestBody,
  limitConcurrentUploads,
  pathOf,
  refuse,
  rejectMalformedUrl,
  requestForNext,
} from './requestGuard'
import { refuseForeignOrigin } from './sameOrigin'
import { isStaff } from '../access/roles'
import { portalAssets } from './portalAssets'
import { sharePagesRouter } from './sharePages'

export type AppOptions = {
  /** Next's request handler: admin, REST, GraphQL and Payload's custom endpoints. */
  handle: (req: Request, res: Response) => unknown
  /** Resolves when the database answers; rejects or times out otherwise. */
  checkDatabase: () => Promise<void>
  portalDir: string
  /** The running Payload, for the host's own read-only doors (feeds, embeds, oEmbed). */
  payload?: Payload
  /** Answers anonymous reads of the public read path from memory (see publicCache.ts). */
  publicCache?: PublicCache
  /** The database as the host sees it: requests wait with a 503 while it comes back. */
  databaseHealth?: DatabaseHealth
}

/** The only responses meant to be read or framed by other origins. */
export const PUBLIC_DOORS = /^\/(feeds\/|embed\.js$|embed\/|oembed$)/

/**
 * Feeds, the embed script, embed pages and oEmbed are read from any origin (CORS for GET, no
 * credentials) and their resources may be loaded cross-origin; embed pages may be framed by any
 * site. Everything else keeps helmet's same-origin defaults.
 */
const openPublicDoors = () => {
  const allowAnyOrigin = cors({ origin: '*', methods: ['GET', 'HEAD'], maxAge: 86_400 })
  return (req: Request, res: Response, next: NextFunction) => {
    if (!PUBLIC_DOORS.test(req.path)) return next()
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin')
    if (req.path.startsWith('/embed/')) res.removeHeader('X-Frame-Options')
    allowAnyOrigin(req, res, next)
  }
}

/**
 * Strict policy for the portal; the admin (Next) sets its own headers. The portal's style sheet is
 * inlined in its shell (one render-blocking request less): that one `<style>`, by its hash, and no
 * other inline style or script.
 */
const portalCspFor = (styleHashes: string[]) =>
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'", ...styleHashes.map((hash) => `'${hash}'`)],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
  })

/**
 * The admin speaks Vietnamese unless the user picked another language (Payload keeps that choice
 * in the `payload-lng` cookie); otherwise Payload would follow the browser's Accept-Language.
 */
const preferVietnamese = (req: Request, _res: Response, next: NextFunction) => {
  if (!/(?:^|;\s*)payload-lng=/.test(req.headers.cookie ?? ''))
    req.headers['accept-language'] = 'vi'
  next()
}

/** Uploaded files are never rendered as documents of our origin (no script can run in them). */
const sandboxFiles = (req: Request, res: Response, next: NextFunction) => {
  if (/^\/api\/[^/]+\/file\//.test(pathOf(req))) {
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox")
    res.setHeader('X-Content-Type-Options', 'nosniff')
  }
  next()
}

/** Paths Next answers; everything else is the host's own (portal, health, later feeds). */
const NEXT_PATHS = /^\/(admin|api|_next)(\/|$)/

/**
 * The admin is Next's: its inline scripts get a per-request nonce (Next reads it from the request's
 * own Content-Security-Policy header and stamps it on every script it renders), so no injected
 * script runs. Payload's styles are inline, hence 'unsafe-inline' for styles only.
 */
const adminCsp = (req: Request, res: Response, next: NextFunction) => {
  if (!/^\/admin(\/|$)/.test(req.path)) return next()
  const nonce = randomBytes(16).toString('base64')
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
  req.headers['content-security-policy'] = policy
  res.setHeader('Content-Security-Policy', policy)
  next()
}

/**
 * Payload's internal collections have no business on the public API: the migrations table
 * answered 501 naming the server's address.
 */
const hideInternalCollections = (req: Request, res: Response, next: NextFunction) => {
  if (/^\/api\/payload-migrations(\/|$)/.test(pathOf(req)))
    return refuse(res, 404, 'Không tìm thấy.', 'not_found')
  next()
}

/**
 * A member who opens `/admin` (a bookmark, the old header link) lands back in the portal with a
 * word on why, instead of Payload's bare "no permission" page with only a sign-out button.
 * Only page loads with a session cookie pay for the look-up.
 */
const membersBackToPortal =
  (payload: Payload) => async (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      !/^\/admin(\/|$)/.test(req.path) ||
      /^\/admin\/(logout|reset|forgot|login)(\/|$)/.test(req.path) ||
      !/(?:^|;\s*)payload-token=/.test(req.headers.cookie ?? '') ||
      !(req.headers.accept ?? '').includes('text/html')
    )
      return next()
    try {
      // All of the request's headers: Payload reads the cookie only with the browser's
      // Sec-Fetch-Site or Origin (its CSRF rule).
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value)
      const { user } = await payload.auth({ headers })
      if (user && !isStaff(user)) return res.redirect(303, '/?tu=quan-tri')
    } catch {
      // Payload's own page decides.
    }
    next()
  }

export const createApp = ({
  handle,
  checkDatabase,
  portalDir,
  payload,
  publicCache,
  databaseHealth,
}: AppOptions) => {
  const app = express()
  app.disable('x-powered-by')
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id']
    const id =
      typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID()
    req.headers['x-request-id'] = id
    res.setHeader('X-Request-Id', id)
    // Payload's hooks read the caller's address from here (rate limits, lockout); whatever the
    // client sent under this name is replaced.
    req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    next()
  })
  app.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      // HSTS only makes sense behind TLS, which a reverse proxy terminates.
      strictTransportSecurity: process.env.SERVER_URL?.startsWith('https://') ? undefined : false,
    }),
  )
  app.use(compression())
  // Before anything reads the URL or the body: malformed requests and foreign pages stop here.
  app.use(rejectMalformedUrl)
  app.use(refuseForeignOrigin())

  // Liveness: fails only when this process cannot recover by itself (its embedded database could
  // not be started again), so that a supervisor restarts it. A database that is merely away (being
  // restarted, an external one unreachable) is readiness, not liveness.
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    if (databaseHealth?.isBeyondRecovery()) {
      res.status(503).json({ status: 'failed', database: 'failed' })
      return
    }
    res.json({ status: 'ok', uptime: Math.round(process.uptime()) })
  })
  app.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    const state = databaseHealth?.describe()
    if (state === 'restarting' || state === 'failed') {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      res.status(503).json({ status: 'unready', database: state })
      return
    }
    try {
      await checkDatabase()
      res.json({ status: 'ready', database: 'up' })
    } catch (err) {
      logger.warn({ msg: 'Readiness check failed: database unreachable', error: String(err) })
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      res.status(503).json({ status: 'unready', database: 'down' })
    }
  })
  if (databaseHealth) app.use(unavailableWhileDatabaseDown(databaseHealth))

  app.use(rateLimits(process.env, [publicDoorRule, searchRule]))
  app.use(openPublicDoors())
  if (publicCache) app.use(publicCache.middleware)
  if (payload) {
    app.use('/feeds', feedsRouter(payload))
    app.use(embedsRouter(payload))
  }

  // The shell and the bundled assets first: a new build's names, never a stale file.
  const portal = portalAssets(portalDir)
  // (A development rebuild may bring a new sheet, hence a new policy.)
  let csp = { key: '', handler: portalCspFor([]) }
  const portalCsp = (req: Request, res: Response, next: NextFunction) => {
    const hashes = portal.styleHashes
    if (hashes.join() !== csp.key) csp = { key: hashes.join(), handler: portalCspFor(hashes) }
    return csp.handler(req, res, next)
  }
  app.use((req, res, next) => (NEXT_PATHS.test(req.path) ? next() : portalCsp(req, res, next)))
  app.use(portal.router)
  const portalFiles = express.static(portalDir, {
    index: 'index.html',
    maxAge: '5m',
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=300'),
  })
  // Next's paths are never portal files: no file-system look-up for each API request.
  // Browsers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'))
  app.use((req, res, next) => (NEXT_PATHS.test(req.path) ? next() : portalFiles(req, res, next)))
  if (payload) app.use(sharePagesRouter(payload, portal.shell))
  // Any other page address outside Next's: the portal's shell with a 404, which names the problem
  // in Vietnamese and leads home (instead of the admin's English 404 page).
  app.use((req, res, next) => {
    if (req.method !== 'GET' || NEXT_PATHS.test(req.path) || !req.accepts('html')) return next()
    if (/\.[a-z0-9]{1,8}$/i.test(req.path)) return next()
    res.status(404).type('html').setHeader('Cache-Control', 'no-cache')
    res.send(portal.shell('page'))
  })
  if (payload) app.use(membersBackToPortal(payload))
  app.use(['/admin', '/api'], preferVietnamese)
  app.use(adminCsp)
  app.use('/api', sandboxFiles, hideInternalCollections)
  app.use(rateLimits())
  app.use('/api', guardRequestBody, limitConcurrentUploads())
  app.use((req, res) => handle(requestForNext(req) as Request, res))
  return app
}

export const defaultPortalDir = (root: string) => path.join(root, 'src', 'portal')
