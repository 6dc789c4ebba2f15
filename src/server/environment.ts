import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import {
  type Database,
  runningEmbeddedDatabaseUrl,
  startEmbeddedDatabase,
} from './embeddedDatabase'
import { logger } from './logger'

export const projectRoot = path.resolve(import.meta.dirname, '../..')

export const dataDirectory = () => path.resolve(projectRoot, process.env.DATA_DIR || '.data')

/**
 * PAYLOAD_SECRET signs sessions. Unset, one is generated once and kept in the data folder so
 * sessions survive restarts; production sets its own.
 */
const ensureSecret = async (dataDir: string) => {
  if (process.env.PAYLOAD_SECRET) return
  const file = path.join(dataDir, 'payload-secret')
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true })
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600 })
    logger.info(`Generated a session secret in ${file} (set PAYLOAD_SECRET to choose your own)`)
  }
  process.env.PAYLOAD_SECRET = (await readFile(file, 'utf8')).trim()
}

/**
 * Everything the Payload config reads from the environment, settled before it is loaded:
 * the secret and the database (DATABASE_URL, or an embedded server under DATA_DIR).
 */
export const prepareEnvironment = async (): Promise<Database> => {
  const dataDir = dataDirectory()
  await ensureSecret(dataDir)
  // Read by code that cannot import this module (the audit checkpoint, inside the admin build).
  process.env.SOTAY_DATA_DIR = dataDir
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, stop: async () => {} }
  }
  const database = await startEmbeddedDatabase({ dataDir })
  process.env.DATABASE_URL = database.url
  return database
}

/**
 * For command-line tools: DATABASE_URL, else the embedded database of a running server, else the
 * embedded database started just for the tool.
 */
export const databaseForTools = async (): Promise<Database> => {
  // The secret too: the audit chain's key is derived from it.
  await ensureSecret(dataDirectory())
  process.env.SOTAY_DATA_DIR = dataDirectory()
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} }
  const running = await runningEmbeddedDatabaseUrl(dataDirectory())
  if (running) {
    process.env.DATABASE_URL = running
    return { url: running, stop: async () => {} }
  }
  return prepareEnvironment()
}
