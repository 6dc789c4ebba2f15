/**
 * Runs a command with DATABASE_URL pointing at the development database (the embedded server
 * under DATA_DIR unless DATABASE_URL is set), e.g. `npm run migrate:create -- name`.
 */
import { spawn } from 'node:child_process'

import { prepareEnvironment } from '../src/server/environment'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-db.ts <command> [args…]')
  process.exit(2)
}
const database = await prepareEnvironment()
const child = spawn(command, args, { stdio: 'inherit', shell: false, env: process.env })
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await database.stop()
process.exit(code)
