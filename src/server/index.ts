import path from 'node:path'

import type { Migration } from 'payload'

import pg from 'pg'

import { listenForChanges } from './changeListener'
import { ensureBuild } from './build'
import { dataDirectory, prepareEnvironment, projectRoot } from './environment'
import { failIfStalled, keepAliveWhile } from './keepAlive'
import { logger } from './logger'

const isDev = process.env.NODE_ENV === 'development'
// `npm start` is production unless asked otherwise: Next serves the prebuilt admin.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: 'production' })
process.env.NEXT_TELEMETRY_DISABLED = '1'

/**
 * The next instant at which what readers see changes without any write: a document reaching its
 * effective date or its expiry (its validity, and whether feeds list it, change then).
 */
const nextContentBoundary = async (pool: pg.Pool) => {
  const { rows } = await pool.query(
    `select extract(epoch from min(t)) * 1000 as at from (
       select expiry_date as t from documents where expiry_date > now()
       union all select effective_date from documents where effective_date > now()) as upcoming`,
  )
  const at = rows[0]?.at
  return at == null ? null : Number(at)
}

const main = async () => {
  const started = Date.now()
  const database = await prepareEnvironment()
  if (!process.env.MEDIA_DIR) process.env.MEDIA_DIR = path.join(projectRoot, 'media')
  if (!process.env.MAIL_DIR) process.env.MAIL_DIR = path.join(dataDirectory(), 'mail')
  if (!isDev) await ensureBuild(projectRoot)

  const { payload, migrations } = await failIfStalled('loading Payload', async () => {
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../payload.config')
    const { migrations } = await import('../migrations')
    return { payload: await getPayload({ config }), migrations }
  })
  // An idle connection broken by the database going away (restarted, a network cut) is an 'error'
  // on its pool: Payload's pool has no listener, and an unheard 'error' ends the process. The pool
  // drops the connection and opens a new one when next asked.
  // A connection checked out (a transaction between statements, the job runner's lock) has no
  // pool listener while it is out: every connection gets one of its own, for its whole life.
  const payloadPool = (payload.db as unknown as { pool?: pg.Pool }).pool
  const lost = (err: unknown) =>
    logger.warn({
      msg: 'A database connection was lost; it is replaced on next use',
      error: String(err),
    })
  payloadPool?.on('error', lost)
  payloadPool?.on('connect', (client) => client.on('error', lost))
  // The generated migrations type their arguments more precisely than Payload's Migration.
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })

  const { ensureFirstAdmin, seedDemoContent } = await failIfStalled(
    'loading the seed',
    () => import('../seed'),
  )
  await ensureFirstAdmin(payload)
  if (process.env.SEED_DEMO !== '0') await seedDemoContent(payload)
  // The audit log against the checkpoint outside the database: a log that lost its newest entries
  // or was rewritten while the server was down is reported now (as an error, every pass after).
  const { checkpointAuditHead } = await import('../audit/recordAudit')
  await checkpointAuditHead(payload)

  const { startRunner } = await failIfStalled(
    'loading the job runner',
    () => import('../workflow/scheduler'),
  )
  const stopRunner =
    process.env.JOBS_RUNNER === '0'
      ? () => {}
      : startRunner(payload, {
          intervalMs: Number(process.env.JOBS_INTERVAL_MS || 30_000),
          queueIntervalMs: Number(process.env.QUEUE_INTERVAL_MS || 1000),
          reconcileHour: Number(process.env.RECONCILE_HOUR ?? 3),
        })

  const nextApp = await failIfStalled('loading Next', async () => {
    const { default: next } = await import('next')
    const app = next({ dev: isDev, dir: projectRoot })
    await app.prepare()
    return app
  })
  const handle = nextApp.getRequestHandler()

  const probe = new pg.Pool({
    connectionString: database.url,
    max: 1,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 5000,
    query_timeout: 2000,
  })
  probe.on('error', (err) => logger.debug({ msg: 'readiness pool error', err }))
  // Loaded only now, after Payload: the host's routers read collections and plugins, and loading
  // those modules before payload.config (statically, at start) left the dynamic import of the
  // config unsettled in most starts (Node 20 ESM loader).
  const { createApp, defaultPortalDir } = await failIfStalled(
    'loading the host',
    () => import('./app'),
  )
  const { createPublicCache } = await import('./publicCache')
  const { audienceKeys } = await import('./audienceKey')
  const audience = audienceKeys(payload)
  const publicCache = createPublicCache({
    maxBytes: Number(process.env.PUBLIC_CACHE_MB || 64) * 1024 * 1024,
    sharedMaxAgeSeconds: Number(process.env.PUBLIC_CACHE_SHARED_SECONDS ?? 30),
    nextBoundary: () => nextContentBoundary(probe),
    audience,
  })
  // PUBLIC_CACHE=0: the cache never goes live, every read is produced afresh.
  const changeFeed =
    process.env.PUBLIC_CACHE === '0'
      ? { ready: Promise.resolve(), stop: async () => {} }
      : listenForChanges(database.url, {
          // (The search index notifies 'search' after each write: only search answers go.)
          // Accounts (a sign-in or sign-out, roles, unit, deactivation) and units: the sessions
          // and unit paths checked for signed-in readers go. No cached answer shows an account,
          // so a change to accounts empties nothing else.
          onChange: (table) => {
            if (table === 'search') return publicCache.invalidateSearch('search index changed')
            const isAccount = table.startsWith('users')
            if (isAccount || table === 'units') audience.forget()
            if (!isAccount) publicCache.invalidateTable(table)
          },
          onLive: publicCache.setLive,
        })
  await changeFeed.ready
  const { watchDatabase } = await import('./databaseHealth')
  const checkDatabase = async () => {
    await probe.query('select 1')
  }
  const databaseHealth = watchDatabase(database, checkDatabase)
  const app = createApp({
    handle: (req, res) => handle(req, res),
    checkDatabase,
    databaseHealth,
    portalDir: defaultPortalDir(projectRoot),
    payload,
    publicCache,
  })

  const port = Number(process.env.PORT ?? 3000)
  const server = app.listen(port, process.env.HOST ?? '0.0.0.0', () => {
    const address = server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    logger.info(
      `Sổ tay is ready on http://localhost:${actualPort} (admin: /admin) in ${Date.now() - started} ms`,
    )
  })

  // Requests Node's parser refuses before Express sees them (headers or an address over 16 KB,
  // bytes that are not HTTP) get an answer that names the problem, like every other refusal.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
    const body = JSON.stringify({
      errors: [
        {
          message: tooLarge
            ? 'Địa chỉ hoặc tiêu đề của yêu cầu quá dài (tối đa 16 KB).'
            : 'Yêu cầu không đúng giao thức HTTP.',
        },
      ],
    })
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })

  let isStopping = false
  const stop = async (signal: string) => {
    if (isStopping) return
    isStopping = true
    logger.info(`${signal} received, shutting down`)
    const force = setTimeout(() => process.exit(1), 15_000)
    stopRunner()
    databaseHealth.stop()
    force.unref()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    await closed
    await changeFeed.stop()
    await probe.end().catch(() => {})
    const { closeSearchBackend } = await import('../../plugins/typesense-sync')
    await closeSearchBackend().catch(() => {})
    await payload
      .destroy()
      .catch((err: unknown) => logger.warn({ msg: 'payload.destroy failed', err }))
    await database.stop()
    logger.info('Stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

keepAliveWhile(main).catch((err) => {
  logger.error({ msg: 'Sổ tay failed to start', err })
  process.exit(1)
})
