import { execFile } from 'node:child_process'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { projectRoot } from '../../src/server/environment'
import { createDatabase } from '../helpers/server'

const run = promisify(execFile)
const payloadBin = path.join(projectRoot, 'node_modules', '.bin', 'payload')

/** Regenerates a committed file, restores it, and returns whether it had changed. */
const regenerate = async (file: string, args: string[]) => {
  const before = await readFile(file, 'utf8')
  await run(payloadBin, args, { cwd: projectRoot, env: { ...process.env }, timeout: 120_000 })
  const after = await readFile(file, 'utf8')
  if (after !== before) await writeFile(file, before)
  return { before, after }
}

/** Generated files are committed; a change to the config without regenerating them fails here. */
// Each test runs a Payload CLI (a config load each): generous, for a loaded CI machine.
describe('generated files', { timeout: 300_000 }, () => {
  it('should have payload-types.ts up to date (npm run generate:types)', async () => {
    const { before, after } = await regenerate(path.join(projectRoot, 'payload-types.ts'), [
      'generate:types',
    ])
    expect(after).toBe(before)
  })

  it('should have the admin import map up to date (npm run generate:importmap)', async () => {
    const { before, after } = await regenerate(
      path.join(projectRoot, 'src', 'app', '(payload)', 'admin', 'importMap.js'),
      ['generate:importmap'],
    )
    expect(after).toBe(before)
  })

  it('should have a committed migration for every schema change (npm run migrate:create)', async () => {
    const dir = path.join(projectRoot, 'src', 'migrations')
    const existing = new Set(await readdir(dir))
    const indexFile = path.join(dir, 'index.ts')
    const index = await readFile(indexFile, 'utf8')
    const { stdout, stderr } = await run(
      payloadBin,
      ['migrate:create', 'stale-check', '--skip-empty'],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: await createDatabase() },
        timeout: 120_000,
      },
    )
    const created = (await readdir(dir)).filter((file) => !existing.has(file))
    for (const file of created) await rm(path.join(dir, file))
    await writeFile(indexFile, index)
    expect(created, `${stdout}\n${stderr}`).toEqual([])
  })
})
