import type { Payload, Where } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { contentSlugs, slugs, type ContentSlug } from '../../collections/slugs'
import { getSearchBackend } from '../../plugins/typesense-sync'
import { reconcile } from '../../plugins/typesense-sync/maintenance'
import { checkpointAuditHead, recordAudit } from '../audit/recordAudit'
import { logger } from '../server/logger'
import { LOCKS, withClusterLock } from './clusterLock'
import { applyWorkflowAction, type SystemAction } from './service'
import { onQueueWake, wakeQueue } from './wake'

type Due = { collection: ContentSlug; id: number; action: SystemAction; dueAt: string }

const BATCH = 50

/** Approved items whose publish time has come, and live items whose unpublish time has come. */
export const findDue = async (payload: Payload, now = new Date()): Promise<Due[]> => {
  const due: Due[] = []
  const iso = now.toISOString()
  for (const collection of contentSlugs) {
    const toPublish: Where = {
      and: [{ reviewState: { equals: 'approved' } }, { publishAt: { less_than_equal: iso } }],
    }
    const approved = await payload.find({
      collection,
      draft: true,
      where: toPublish,
      depth: 0,
      limit: BATCH,
      overrideAccess: true,
      select: { publishAt: true },
    })
    for (const doc of approved.docs) {
      due.push({
        collection,
        id: doc.id,
        action: 'publish_scheduled',
        dueAt: String(doc.publishAt),
      })
    }
    const live = await payload.find({
      collection,
      where: {
        and: [{ _status: { equals: 'published' } }, { unpublishAt: { less_than_equal: iso } }],
      },
      depth: 0,
      limit: BATCH,
      overrideAccess: true,
      select: { unpublishAt: true },
    })
    for (const doc of live.docs) {
      due.push({
        collection,
        id: doc.id,
        action: 'unpublish_scheduled',
        dueAt: String(doc.unpublishAt),
      })
    }
  }
  return due
}

/** A failure is logged every time, and recorded in the audit log once per item and message. */
const recordFailure = async (payload: Payload, item: Due, err: unknown) => {
  const message = err instanceof Error ? err.message : String(err)
  logger.error({
    msg: `Scheduled ${item.action} of ${item.collection} #${item.id} failed: ${message}`,
  })
  const req = await createLocalReq({}, payload)
  const last = await payload.find({
    collection: slugs.auditLog,
    where: {
      and: [
        { collectionSlug: { equals: item.collection } },
        { itemId: { equals: String(item.id) } },
      ],
    },
    sort: '-id',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const previous = last.docs[0]
  if (previous?.action === 'schedule_failed' && previous.reason === message) return
  await recordAudit({
    req,
    action: 'schedule_failed',
    collection: item.collection,
    itemId: item.id,
    reason: message,
    details: { scheduledAction: item.action, dueAt: item.dueAt },
  })
}

/** One pass of the scheduler: each due item in its own transaction, failures recorded. */
export const runDueSchedules = async (payload: Payload, now = new Date()) => {
  const due = await findDue(payload, now)
  let done = 0
  for (const item of due) {
    const req = await createLocalReq({}, payload)
    const isOwnTransaction = await initTransaction(req)
    try {
      await applyWorkflowAction({
        req,
        collection: item.collection,
        id: item.id,
        action: item.action,
      })
      if (isOwnTransaction) await commitTransaction(req)
      done++
    } catch (err) {
      if (isOwnTransaction) await killTransaction(req)
      await recordFailure(payload, item, err).catch((auditErr) =>
        logger.error({ msg: 'Could not record a failed schedule', err: auditErr }),
      )
    }
  }
  if (done > 0) wakeQueue()
  return { due: due.length, done }
}

/** How long a job may stay `processing` before it counts as abandoned (`JOB_LEASE_SECONDS`). */
export const jobLeaseMs = () => {
  const seconds = Number(process.env.JOB_LEASE_SECONDS)
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1000
}

/**
 * Jobs a dead process left `processing` (killed mid-publish, a crash) are handed back to the
 * queue once their lease has run out: Payload's runner skips a job marked processing for ever, so
 * without this the item stayed unsearchable until the nightly reconcile. A search sync is
 * idempotent: running one twice does no harm. Returns how many were released.
 */
export const releaseAbandonedJobs = async (payload: Payload, now = Date.now()) => {
  const { docs } = await payload.update({
    collection: 'payload-jobs',
    where: {
      and: [
        { processing: { equals: true } },
        { completedAt: { exists: false } },
        { updatedAt: { less_than: new Date(now - jobLeaseMs()).toISOString() } },
      ],
    },
    data: { processing: false },
    depth: 0,
    overrideAccess: true,
  })
  if (docs.length)
    logger.warn({
      msg: `Job runner: ${docs.length} job(s) left processing by a stopped process handed back to the queue`,
      jobs: docs.map((doc) => doc.id),
    })
  return docs.length
}

/**
 * The server's own job runner, one pass of each loop at a time:
 * - every `queueIntervalMs`, Payload's job queue (search sync jobs: the publish-to-searchable lag);
 * - every `intervalMs`, jobs abandoned by a stopped process back to the queue (after their
 *   lease), scheduled publish/unpublish and expired items out of the search index;
 * - once a day after `reconcileHour` (local time), a search reconcile that repairs any drift.
 * Returns a stop function.
 */
export const startRunner = (
  payload: Payload,
  {
    intervalMs,
    queueIntervalMs,
    reconcileHour = 3,
  }: { intervalMs: number; queueIntervalMs: number; reconcileHour?: number },
) => {
  const loop = (name: string, everyMs: number, pass: () => Promise<void>) => {
    let isRunning = false
    let again = false
    const tick = async () => {
      if (isRunning) {
        // Woken during a pass: run once more right after it, for what was committed meanwhile.
        again = true
        return
      }
      isRunning = true
      try {
        do {
          again = false
          await pass()
        } while (again)
      } catch (err) {
        logger.error({ msg: `Job runner: ${name} pass failed`, err })
      } finally {
        isRunning = false
      }
    }
    const timer = setInterval(() => void tick(), everyMs)
    timer.unref()
    void tick()
    return { stop: () => clearInterval(timer), wake: () => void tick() }
  }
  // The nightly pass: not at boot, the first one is tomorrow's.
  let lastReconcileDay = new Date().toDateString()
  // After a start, once: the index compared with the database by content hash and repaired, so
  // what a crash left undone (a publish whose sync never ran) is searchable within minutes. Later
  // than the start itself, which it would otherwise slow; SEARCH_CHECK_DELAY_MS=-1 turns it off.
  const checkDelayMs = Number(process.env.SEARCH_CHECK_DELAY_MS ?? 60_000)
  let checkAt = checkDelayMs >= 0 ? Date.now() + checkDelayMs : Infinity
  // Several instances on one database: one runs the queue at a time (each job runs once); the
  // others look again shortly, for what they committed meanwhile.
  let retry: NodeJS.Timeout | null = null
  const queue = loop('queue', queueIntervalMs, async () => {
    if (!payload.config.jobs?.tasks?.length) return
    const ran = await withClusterLock(payload, LOCKS.queue, async () => {
      const result = await payload.jobs.run({ allQueues: true, limit: 100, silent: { info: true } })
      const ids = Object.keys(result?.jobStatus ?? {})
      if (ids.length) logger.debug(`Job runner: ran job(s) ${ids.join(', ')}`)
    })
    if (!ran && !retry) {
      retry = setTimeout(() => {
        retry = null
        queue.wake()
      }, 250)
      retry.unref()
    }
  })
  // A committed workflow step runs the queue at once instead of waiting for the next interval.
  const unsubscribe = onQueueWake(queue.wake)
  const schedulePass = async () => {
    if (await releaseAbandonedJobs(payload)) queue.wake()
    await runDueSchedules(payload)
    await getSearchBackend().removeExpired(Date.now())
    if (Date.now() >= checkAt) {
      checkAt = Infinity
      const started = Date.now()
      const report = await reconcile(payload, contentSlugs)
      const drift = report.missing.length + report.stale.length + report.extra.length
      const message = `Start-up search check: ${report.missing.length} missing, ${report.stale.length} stale, ${report.extra.length} extra${drift ? ', repaired' : ''} (${Date.now() - started} ms)`
      if (drift) logger.warn({ msg: message, ...report })
      else logger.info(message)
    }
    const now = new Date()
    const day = now.toDateString()
    if (now.getHours() >= reconcileHour && lastReconcileDay !== day) {
      lastReconcileDay = day
      await payload.delete({
        collection: 'payload-jobs',
        where: {
          completedAt: { less_than: new Date(Date.now() - 7 * 86_400_000).toISOString() },
        },
        overrideAccess: true,
      })
      const report = await reconcile(payload, contentSlugs)
      logger.info(
        `Nightly search reconcile: ${report.missing.length} missing, ${report.stale.length} stale, ${report.extra.length} extra, repaired`,
      )
    }
  }
  const loops = [
    queue,
    loop('schedule', intervalMs, async () => {
      // (Each instance keeps its own checkpoint, in its own data folder. A failure to write it
      // must not cost the pass.)
      await checkpointAuditHead(payload).catch((err: unknown) =>
        logger.warn({ msg: 'Could not checkpoint the audit log', err }),
      )
      // One instance at a time publishes what is due: each scheduled step runs once.
      await withClusterLock(payload, LOCKS.schedule, () => schedulePass())
    }),
  ]
  logger.info(
    `Job runner started (queue every ${queueIntervalMs} ms, schedules every ${intervalMs} ms)`,
  )
  return () => {
    unsubscribe()
    if (retry) clearTimeout(retry)
    loops.forEach((l) => l.stop())
  }
}
