import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
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
const SKIP = new Set(['node_modules', 'portal', 'server', 'seed', 'migrations'])

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

/**
 * `npm start` on a fresh clone builds the admin once; later starts reuse the build unless its
 * inputs changed. `npm run build` forces a rebuild.
 */
export const ensureBuild = async (root: string, { force = false } = {}) => {
  const stampFile = path.join(root, '.next', 'sotay-build-inputs')
  const wanted = await buildInputsHash(root)
  const current = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : null
  if (!force && current === wanted && existsSync(path.join(root, '.next', 'BUILD_ID'))) return
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
  await writeFile(stampFile, wanted)
  logger.info(`Admin built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
