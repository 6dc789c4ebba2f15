/**
 * In-process signal from code that has just committed queued jobs (a workflow step) to the job
 * runner, so the publish-to-searchable lag is the job's own time rather than the poll interval.
 * The runner's interval stays the fallback for everything else (and for other processes).
 *
 * The listeners live on `globalThis`: the runner is loaded by the Express host and the workflow
 * endpoint by Next's server bundle, which are two copies of this module in one process.
 */
const KEY = Symbol.for('sotay.queueWake')
const listeners = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Set()) as Set<() => void>

export const onQueueWake = (listener: () => void) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export const wakeQueue = () => {
  for (const listener of listeners) listener()
}
