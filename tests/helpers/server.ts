import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { inject } from 'vitest'

import { NODE_FLAGS, serverBundle } from '../../scripts/build-server.mjs'
import { projectRoot } from '../../src/server/environment'
import { STALLED_EXIT_CODE } from '../../src/server/keepAlive'

// The password policy refuses one that contains the email's name ("admin").
export const ADMIN = { email: 'admin@test.local', password: 'quan-tri-thu-nghiem-2026' }

export type TestServer = {
  url: string
  databaseUrl: string
  dataDir: string
  child: ChildProcess
  output: () => string
  stop: () => Promise<void>
}

/** A fresh, empty database in the run's PostgreSQL server. */
export const createDatabase = async () => {
  const clusterUrl = inject('clusterUrl')
  const name = `test_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: clusterUrl })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const url = new URL(clusterUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * Starts the real server (`src/server/index.ts` compiled by the run's set-up, what `npm start`
 * runs) as a child process on a free port and waits until it says it is ready.
 */
export const startServer = async ({
  env = {},
  databaseUrl,
  dataDir,
}: {
  env?: Record<string, string>
  /** Omit to get a fresh database; pass `null` to use the embedded database under dataDir. */
  databaseUrl?: string | null
  dataDir?: string
} = {}): Promise<TestServer> => {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'sotay-test-data-')))
  const dbUrl = databaseUrl === null ? '' : (databaseUrl ?? (await createDatabase()))
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    MEDIA_DIR: path.join(dir, 'media'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: '0',
    // Every test comes from 127.0.0.1; the rate-limit tests turn the limits back on.
    RATE_LIMIT_DISABLED: '1',
    // A stalled start is noticed sooner than in production (Payload loads in well under 45 s
    // here), so that two stalls and a good start still fit in a file's set-up time.
    STARTUP_STALL_MS: '45000',
    ...env,
  }
  if (dbUrl) childEnv.DATABASE_URL = dbUrl
  else delete childEnv.DATABASE_URL
  delete childEnv.PAYLOAD_SECRET

  const launch = () => {
    const child = spawn(process.execPath, [...NODE_FLAGS, serverBundle], {
      cwd: projectRoot,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(Object.assign(new Error(`server did not start:\n${output}`), { code: null }))
      }, 180_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const match = output.match(/ready on (http:\/\/localhost:\d+)/)
        if (match) {
          clearTimeout(timer)
          resolve(match[1].replace('localhost', '127.0.0.1'))
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.on('exit', (code) => {
        clearTimeout(timer)
        reject(
          Object.assign(new Error(`server exited with ${code} before it was ready:\n${output}`), {
            code,
          }),
        )
      })
    })
    return { child, ready, output: () => output }
  }

  // A start that stalled in Node's module loader (exit 75 from the server's own guard, or 13, an
  // import that never settled) is tried again, at most twice, saying so; any other failure is final.
  let attempt = launch()
  let url = ''
  for (let tries = 1; ; tries++) {
    try {
      url = await attempt.ready
      break
    } catch (err) {
      const code = (err as { code?: number | null }).code
      if (tries >= 3 || (code !== STALLED_EXIT_CODE && code !== 13)) throw err
      console.warn(
        `[tests] server start stalled while loading modules (exit ${code}); starting it again`,
      )
      attempt = launch()
    }
  }
  const { child } = attempt
  const output = attempt.output
  child.removeAllListeners('exit')
  return {
    url,
    databaseUrl: dbUrl,
    dataDir: dir,
    child,
    output,
    stop: async () => {
      if (child.exitCode == null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      if (!dataDir && !process.env.KEEP_TEST_DATA) await rm(dir, { recursive: true, force: true })
    },
  }
}
