/**
 * `npm start`: compiles the server (src/server/index.ts, see build-server.mjs) and runs it with
 * Node's flags from there. A start that stalled while loading its modules (exit 75, see
 * src/server/keepAlive.ts; a Node 20 fault that those flags avoid) is started again, at most
 * three times. Signals are passed on; any other exit ends `npm start` with the same code.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { buildServer } from './build-server.mjs'

const STALLED_EXIT_CODE = 75
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let child = null

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child?.kill(signal))
}

const run = () =>
  new Promise((resolve) => {
    child = spawn(process.execPath, [...serverArgs, ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    })
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })

const serverArgs = await buildServer()
for (let attempt = 1; ; attempt++) {
  const { code, signal } = await run()
  if (code === STALLED_EXIT_CODE && attempt < 4) {
    console.error(`[sotay] Start-up stalled; starting again (attempt ${attempt + 1} of 4)`)
    continue
  }
  process.exit(signal ? 1 : (code ?? 1))
}
