import pg from 'pg'

import { PUBLIC_CHANGE_CHANNEL } from '../lib/publicChange'
import { logger } from './logger'

export { PUBLIC_CHANGE_CHANNEL }

/**
 * Listens for `sotay_public_cache` notifications (sent at commit by the triggers of migration
 * `public_cache_notify`, whichever instance or tool made the change) and reports each one.
 * Reconnects with backoff; `onLive(false)` while disconnected, so the cache stops answering
 * rather than risk serving what changed meanwhile. Returns `ready` (settles once the first attempt
 * to listen succeeded or failed) and `stop`.
 */
export const listenForChanges = (
  connectionString: string,
  { onChange, onLive }: { onChange: (table: string) => void; onLive: (live: boolean) => void },
) => {
  let client: pg.Client | null = null
  let isStopped = false
  let retryMs = 250
  let timer: NodeJS.Timeout | null = null
  let settleFirst: () => void = () => {}
  // Start-up never waits long for it: until it listens, the cache is simply not used.
  const ready = new Promise<void>((resolve) => {
    settleFirst = resolve
    setTimeout(resolve, 5000).unref()
  })

  const connect = async () => {
    if (isStopped) return
    const next = new pg.Client({
      connectionString,
      application_name: 'sotay-cache-listener',
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    })
    client = next
    const lost = (err?: unknown) => {
      if (client !== next) return
      client = null
      onLive(false)
      next.removeAllListeners()
      next.end().catch(() => {})
      if (isStopped) return
      logger.warn({ msg: `Public cache: change feed lost, reconnecting in ${retryMs} ms`, err })
      timer = setTimeout(() => void connect(), retryMs)
      timer.unref()
      retryMs = Math.min(retryMs * 2, 10_000)
    }
    next.on('error', lost)
    next.on('end', () => lost())
    next.on('notification', (message) => onChange(message.payload ?? ''))
    try {
      await next.connect()
      await next.query(`listen ${PUBLIC_CHANGE_CHANNEL}`)
      retryMs = 250
      // Whatever changed while disconnected is covered: going live empties the cache.
      onLive(true)
    } catch (err) {
      lost(err)
    } finally {
      settleFirst()
    }
  }
  void connect()

  const stop = async () => {
    isStopped = true
    if (timer) clearTimeout(timer)
    const current = client
    client = null
    onLive(false)
    await current?.end().catch(() => {})
  }
  return { ready, stop }
}
