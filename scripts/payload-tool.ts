import type pg from 'pg'
import { getPayload, type Payload } from 'payload'

import { databaseForTools } from '../src/server/environment'
import { failIfStalled, keepAliveWhile } from '../src/server/keepAlive'

/**
 * A Payload instance for a command-line tool, on the same database the server uses (DATABASE_URL,
 * or the running server's embedded database, or the embedded database started for the tool).
 */
export const withPayload = (run: (payload: Payload) => Promise<number | void>) =>
  keepAliveWhile(() => runWithPayload(run))

const runWithPayload = async (run: (payload: Payload) => Promise<number | void>) => {
  const database = await databaseForTools()
  process.env.PAYLOAD_SECRET ||= 'tool-has-no-sessions'
  const payload = await failIfStalled('loading Payload', async () => {
    const { default: config } = await import('../payload.config')
    return getPayload({ config })
  })
  // Payload's destroy() leaves its pool open; when the tool then stops the embedded database, the
  // connection still held hears "terminating connection", and an unheard pool error ends the
  // process before it reports its exit code.
  ;(payload.db as unknown as { pool?: pg.Pool }).pool?.on('error', () => {})
  // For the tests: tells a stalled module loader apart from a stalled tool.
  if (process.env.SOTAY_TOOL_TRACE === '1') process.stderr.write('[tool] Payload ready\n')
  let code = 0
  try {
    code = (await run(payload)) ?? 0
  } catch (err) {
    console.error(err)
    code = 1
  } finally {
    const { closeSearchBackend } = await import('../plugins/typesense-sync')
    await closeSearchBackend().catch(() => {})
    await payload.destroy().catch(() => {})
    await database.stop()
  }
  process.exit(code)
}
