import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { projectRoot } from '../../src/server/environment'
import { buildServer } from '../build-server.mjs'

/**
 * Starts the real server (`src/server/index.ts` compiled, as `npm start` does) for a benchmark, on a free
 * port of 127.0.0.1, with the given environment on top of this process's; resolves once it says
 * it is ready. `DATABASE_URL: undefined` means the embedded database under DATA_DIR.
 */
export const startBenchServer = async (
  env: Record<string, string | undefined>,
): Promise<{ url: string; stop: () => Promise<void> }> => {
  // A start that stalled while loading its modules (exit 75, an intermittent Node 20 fault, see
  // src/server/keepAlive.ts) is started again, as `npm start` does, at most three times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBenchServerOnce(env)
    } catch (err) {
      if (!(err instanceof StalledStart) || attempt >= 4) throw err
      console.error(`server start stalled; starting again (attempt ${attempt + 1} of 4)`)
    }
  }
}

class StalledStart extends Error {}

const startBenchServerOnce = async (env: Record<string, string | undefined>) => {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
  }
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name]
    else childEnv[name] = value
  }
  const child: ChildProcess = spawn(process.execPath, await buildServer(), {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/ready on (http:\/\/localhost:\d+)/)
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) =>
      reject(new (code === 75 ? StalledStart : Error)(`server exited (${code}):\n${output}`)),
    )
  })
  return {
    url,
    stop: async () => {
      child.removeAllListeners('exit')
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * The demo handbook (demo content and accounts) on an embedded database in `dataDir`, as the
 * benchmarks measure it. One client address sends everything, so the per-address rate limits
 * are off: they would measure themselves.
 */
export const startDemoServer = (dataDir: string) =>
  startBenchServer({
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    MEDIA_DIR: path.join(dataDir, 'media'),
    DEMO_USERS: '1',
    ADMIN_EMAIL: 'bench-admin@sotay.local',
    ADMIN_PASSWORD: 'bench-password-123-xyz',
    RATE_LIMIT_DISABLED: '1',
    LOG_LEVEL: 'warn',
  })
