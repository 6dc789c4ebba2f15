import { randomUUID } from 'node:crypto'
import path from 'node:path'

import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'

import { CLIENT_ADDRESS_HEADER } from '../lib/clientAddress'
import { MAX_UPLOAD_BYTES } from '../lib/limits'
import { logger } from './logger'

export type AppOptions = {
  /** Next's request handler: admin, REST, GraphQL and Payload's custom endpoints. */
  handle: (req: Request, res: Response) => unknown
  /** Resolves when the database answers; rejects or times out otherwise. */
  checkDatabase: () => Promise<void>
  portalDir: string
}

/** Strict policy for the static portal; the admin (Next) sets its own headers. */
const portalCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    styleSrc: ["'self'"],
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
  if (/^\/api\/[^/]+\/file\//.test(req.path)) {
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox")
    res.setHeader('X-Content-Type-Options', 'nosniff')
  }
  next()
}

/** Paths Next answers; everything else is the host's own (portal, health, later feeds). */
const NEXT_PATHS = /^\/(admin|api|_next)(\/|$)/

/** Room for the multipart envelope and the `_payload` JSON beside the file. */
const MULTIPART_OVERHEAD = 1024 * 1024

/**
 * Refuses an oversized upload from its Content-Length without parsing it. The body is drained
 * before the answer, so the client reads the 413 instead of a connection reset.
 */
const limitUploadSize = (req: Request, res: Response, next: NextFunction) => {
  const length = Number(req.headers['content-length'] ?? 0)
  if (length <= MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) return next()
  const megabytes = Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)
  const refuse = () =>
    res.status(413).json({
      errors: [
        {
          message: `Tệp quá lớn: tối đa ${megabytes} MB (file too large: the limit is ${megabytes} MB).`,
        },
      ],
    })
  req.once('end', refuse)
  req.once('error', () => res.destroy())
  req.resume()
}

export const createApp = ({ handle, checkDatabase, portalDir }: AppOptions) => {
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

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptime: Math.round(process.uptime()) })
  })
  app.get('/readyz', async (_req, res) => {
    try {
      await checkDatabase()
      res.json({ status: 'ready', database: 'up' })
    } catch (err) {
      logger.warn({ msg: 'Readiness check failed: database unreachable', error: String(err) })
      res.status(503).json({ status: 'unready', database: 'down' })
    }
  })

  app.use((req, res, next) => (NEXT_PATHS.test(req.path) ? next() : portalCsp(req, res, next)))
  app.use(
    express.static(portalDir, {
      index: 'index.html',
      maxAge: '5m',
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=300'),
    }),
  )
  app.use(['/admin', '/api'], preferVietnamese)
  app.use('/api', sandboxFiles, limitUploadSize)
  app.use((req, res) => handle(req, res))
  return app
}

export const defaultPortalDir = (root: string) => path.join(root, 'src', 'portal')
