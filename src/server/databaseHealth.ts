import type { NextFunction, Request, Response } from 'express'

import type { Database, DatabaseState } from './embeddedDatabase'
import { logger } from './logger'

export type DatabaseHealth = {
  /** False while the database cannot answer (restarting, unreachable). */
  isAvailable: () => boolean
  /** True once the process can no longer recover by itself: /healthz fails. */
  isBeyondRecovery: () => boolean
  /** Whether the database can be answering right now, asked synchronously (see isRunning). */
  isAvailableNow: () => boolean
  /** A short word for /readyz. */
  describe: () => 'up' | 'down' | 'restarting' | 'failed'
  stop: () => void
}

/**
 * What the host knows about its database: the embedded server's supervisor (its process exiting
 * is seen at once), and a probe (`select 1` every second, timing out after 2 s) for an external
 * DATABASE_URL or a server that stopped answering without exiting.
 */
export const watchDatabase = (
  database: Pick<Database, 'state' | 'onStateChange' | 'isRunning'>,
  probe: () => Promise<void>,
  { intervalMs = 1000 }: { intervalMs?: number } = {},
): DatabaseHealth => {
  let probeOk = true
  let supervised: DatabaseState = database.state?.() ?? 'up'
  database.onStateChange?.((state) => {
    supervised = state
    // Whatever the probe last saw is stale now; it is asked again at once.
    if (state === 'up') void check()
    else probeOk = false
  })
  let checking = false
  let failures = 0
  const check = async () => {
    if (checking) return
    checking = true
    try {
      await probe()
      if (!probeOk) logger.warn('The database answers again')
      probeOk = true
      failures = 0
    } catch (err) {
      failures++
      // Refused or cut connections say the database is gone; a slow answer alone may only be a
      // busy machine, and turns requests away only when it happens twice in a row.
      const code = (err as { code?: string }).code ?? ''
      const isGone = /^(ECONNREFUSED|ECONNRESET|EPIPE|57P0[123])$/.test(code)
      if (probeOk && (isGone || failures >= 2)) {
        logger.error({ msg: 'The database does not answer', error: String(err) })
        probeOk = false
      }
    } finally {
      checking = false
    }
  }
  const timer = setInterval(() => void check(), intervalMs)
  timer.unref()
  return {
    isAvailable: () => supervised === 'up' && probeOk,
    isAvailableNow: () => supervised === 'up' && probeOk && (database.isRunning?.() ?? true),
    isBeyondRecovery: () => supervised === 'failed',
    describe: () =>
      supervised === 'failed'
        ? 'failed'
        : supervised === 'restarting'
          ? 'restarting'
          : probeOk
            ? 'up'
            : 'down',
    stop: () => clearInterval(timer),
  }
}

/** How long a client should wait before trying again while the database comes back. */
export const RETRY_AFTER_SECONDS = 5

const UNAVAILABLE_MESSAGE =
  'Hệ thống đang khôi phục kết nối cơ sở dữ liệu. Vui lòng thử lại sau ít giây; phiên đăng nhập của bạn vẫn được giữ.'

/** Paths that never touch the database: the health checks and the build's static files. */
const WITHOUT_DATABASE = /^\/(healthz|readyz|sw\.js|assets\/|_next\/static\/|favicon)/

const answerUnavailable = (req: Request, res: Response) => {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
  res.setHeader('Cache-Control', 'no-store')
  res.status(503)
  if (
    req.method === 'GET' &&
    !req.path.startsWith('/api/') &&
    req.accepts(['json', 'html']) === 'html'
  ) {
    res
      .type('html')
      .send(
        `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Sổ tay tạm gián đoạn</title><p style="font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">${UNAVAILABLE_MESSAGE} Trang sẽ tự tải lại.</p></html>`,
      )
    return
  }
  res.json({ errors: [{ message: UNAVAILABLE_MESSAGE, code: 'database_unavailable' }] })
}

/**
 * While the database is away, requests that need it are answered 503 with Retry-After instead of
 * failing on their way: a signed-in user is never told to sign in again (Payload reads the
 * session from the database, and would answer 401) and nothing is half-done. A request already in
 * flight when the database went away, and about to answer 401 or 5xx, answers 503 too.
 */
export const unavailableWhileDatabaseDown =
  (health: DatabaseHealth) => (req: Request, res: Response, next: NextFunction) => {
    if (WITHOUT_DATABASE.test(req.path)) return next()
    if (!health.isAvailable()) return answerUnavailable(req, res)
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, statusCode: number, ...rest: unknown[]) {
      if (
        (statusCode === 401 || statusCode >= 500) &&
        !res.headersSent &&
        !health.isAvailableNow()
      ) {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        res.setHeader('Cache-Control', 'no-store')
        statusCode = 503
      }
      return (writeHead as (...args: unknown[]) => Response).call(this, statusCode, ...rest)
    } as Response['writeHead']
    next()
  }
