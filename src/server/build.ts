import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { logger } from './logger'

/** What the admin build is made from: a change to any of these makes `npm start` rebuild. */
const BUILD_INPUTS = [
  'src',
  'collections',
  'plugins',
  'payload.config.ts',
  'next.config.mjs',
  'package-lock.json',
  'tsconfig.json',
]
// (Folders the admin never imports: the host, the portal, the seed, migrations, backup tools.)
const SKIP = new Set(['node_modules', 'portal', 'server', 'seed', 'migrations', 'backup'])

const listFiles = async (entry: string): Promise<string[]> => {
  if (!existsSync(entry)) return []
  const stat = await readdir(entry, { withFileTypes: true }).catch(() => null)
  if (!stat) return [entry]
  const nested = await Promise.all(
    stat
      .filter((dirent) => !SKIP.has(dirent.name))
      .map((dirent) => listFiles(path.join(entry, dirent.name))),
  )
  return nested.flat()
}

export const buildInputsHash = async (root: string) => {
  const hash = createHash('sha256')
  const files = (await Promise.all(BUILD_INPUTS.map((entry) => listFiles(path.join(root, entry)))))
    .flat()
    // Unit specs beside the sources are not part of the admin.
    .filter((file) => !file.endsWith('.spec.ts'))
    .sort()
  for (const file of files) {
    hash.update(path.relative(root, file))
    hash.update(await readFile(file))
  }
  return hash.digest('hex')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A build older than this holding the lock was left by a killed process. */
const STALE_LOCK_MS = 15 * 60_000

/**
 * One build at a time per checkout: two servers started together (two instances, parallel test
 * files) after a change would run `next build` into the same `.next` folder and both fail. The
 * second waits for the first and then finds the build current.
 */
const withBuildLock = async <T>(root: string, work: () => Promise<T>): Promise<T> => {
  // Not inside .next, which `next build` empties when it starts (the lock went with it).
  const lockDir = path.join(root, 'node_modules', '.cache', 'sotay')
  await mkdir(lockDir, { recursive: true })
  const lockFile = path.join(lockDir, 'build.lock')
  let announced = false
  for (;;) {
    // Written whole, then linked into place: the lock never exists without its holder's pid.
    const mine = `${lockFile}.${process.pid}`
    await writeFile(mine, String(process.pid))
    try {
      await link(mine, lockFile)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const info = await stat(lockFile).catch(() => null)
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''))
      let holderAlive = false
      try {
        if (holder > 0) process.kill(holder, 0)
        holderAlive = holder > 0
      } catch {
        holderAlive = false
      }
      if (info && (!holderAlive || Date.now() - info.mtimeMs > STALE_LOCK_MS)) {
        await rm(lockFile, { force: true })
        continue
      }
      if (!announced) logger.info(`Waiting for the admin build of process ${holder} to finish…`)
      announced = true
      await sleep(500)
    } finally {
      await rm(mine, { force: true })
    }
  }
  try {
    return await work()
  } finally {
    await rm(lockFile, { force: true })
  }
}

const isBuildCurrent = async (root: string, wanted: string) => {
  const stampFile = path.join(root, '.next', 'sotay-build-inputs')
  const current = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : null
  return current === wanted && existsSync(path.join(root, '.next', 'BUILD_ID'))
}

/**
 * `npm start` on a fresh clone builds the admin once; later starts reuse the build unless its
 * inputs changed. `npm run build` forces a rebuild.
 */
export const ensureBuild = async (root: string, { force = false } = {}) => {
  const wanted = await buildInputsHash(root)
  if (!force && (await isBuildCurrent(root, wanted))) return
  await withBuildLock(root, async () => {
    // Another process may have built it while this one waited.
    if (!force && (await isBuildCurrent(root, wanted))) return
    logger.info('Building the admin interface (first start or changed sources; about a minute)…')
    const started = Date.now()
    const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [nextBin, 'build'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      })
      child.on('exit', (exitCode) => resolve(exitCode ?? 1))
    })
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`)
    await writeFile(path.join(root, '.next', 'sotay-build-inputs'), wanted)
    logger.info(`Admin built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })
}
