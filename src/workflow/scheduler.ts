import type { Payload, Where } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { contentSlugs, slugs, type ContentSlug } from '../../collections/slugs'
import { recordAudit } from '../audit/recordAudit'
import { logger } from '../server/logger'
import { applyWorkflowAction, type SystemAction } from './service'

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
  return { due: due.length, done }
}

/**
 * The server's own job runner: the scheduler and Payload's job queue every `intervalMs`, one pass
 * at a time. Returns a stop function.
 */
export const startRunner = (payload: Payload, intervalMs: number) => {
  let isRunning = false
  const tick = async () => {
    if (isRunning) return
    isRunning = true
    try {
      await runDueSchedules(payload)
      // Payload's job queue (search sync and other tasks) shares the same runner.
      if (payload.config.jobs?.tasks?.length)
        await payload.jobs.run({ allQueues: true, silent: true })
    } catch (err) {
      logger.error({ msg: 'Job runner pass failed', err })
    } finally {
      isRunning = false
    }
  }
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  void tick()
  logger.info(`Job runner started (every ${Math.round(intervalMs / 100) / 10} s)`)
  return () => clearInterval(timer)
}
