import type { PayloadRequest } from 'payload'

import type { Role } from '../access/roles'
import type { ContentSlug } from '../../collections/slugs'
import { recordAudit } from '../audit/recordAudit'
import { WORKFLOW_CONTEXT_KEY } from './guards'
import { buildNotice } from './notify'
import {
  type Plan,
  type ReviewState,
  type WorkflowAction,
  WorkflowError,
  planTransition,
  rules,
} from './states'

/** Steps the scheduler takes on its own, with no user. */
export type SystemAction = 'publish_scheduled' | 'unpublish_scheduled'

const systemPlans: Record<SystemAction, { from: ReviewState[]; plan: Plan }> = {
  publish_scheduled: {
    from: ['approved'],
    plan: { toState: 'published', live: 'publish', isOverride: false },
  },
  unpublish_scheduled: {
    from: ['published'],
    plan: { toState: 'unpublished', live: 'unpublish', isOverride: false },
  },
}

type Doc = Record<string, unknown> & { id: number }

const titleOf = (doc: Doc) => String(doc.title ?? doc.name ?? `#${doc.id}`)

const auditActionFor = (action: string, plan: Plan) => {
  if (plan.live === 'publish') return 'publish' as const
  if (action === 'unpublish' || action === 'unpublish_scheduled') return 'unpublish' as const
  if (action === 'approve') return 'approve' as const
  return action as 'submit' | 'request_changes' | 'archive'
}

/**
 * Applies one workflow step to the latest version of an item, inside the caller's transaction:
 * checks it (role, state, four-eyes), saves, and appends the audit entries. Returns the saved
 * document and the notification to send once the transaction has committed.
 */
export const applyWorkflowAction = async ({
  req,
  collection,
  id,
  action,
  comment,
  reason,
}: {
  req: PayloadRequest
  collection: ContentSlug
  id: number | string
  action: string
  comment?: string | null
  reason?: string | null
}) => {
  // Scheduled steps belong to the job runner, which acts without a user; a request may never
  // name one (it would publish ahead of schedule or take a live item down without review). `in`
  // would also accept inherited keys such as "__proto__".
  const isSystem = !req.user && Object.hasOwn(systemPlans, action)
  const roles = ((req.user as { roles?: Role[] } | null)?.roles ?? []) as Role[]
  // A role that may never take this step learns nothing about the item, not even that it exists.
  const rule = Object.hasOwn(rules, action) ? rules[action as WorkflowAction] : undefined
  if (!isSystem && rule && !roles.some((role) => rule.roles.includes(role))) {
    throw new WorkflowError(
      `Vai trò của bạn không được thực hiện "${action}" (your role may not ${action}).`,
      403,
    )
  }
  const access = isSystem ? { overrideAccess: true } : { overrideAccess: false, user: req.user }
  const latest = (await req.payload.findByID({
    collection,
    id,
    draft: true,
    depth: 0,
    req,
    disableErrors: true,
    ...access,
  })) as Doc | null
  if (!latest) throw new WorkflowError(`Không tìm thấy mục #${id} (item not found).`, 404)
  const state = ((latest.reviewState as ReviewState | undefined) ?? 'draft') as ReviewState
  const authors = [latest.createdBy, latest.lastEditedBy] as (number | null)[]

  let plan: Plan
  if (isSystem) {
    const system = systemPlans[action as SystemAction]
    if (!system.from.includes(state)) {
      throw new WorkflowError(`Cannot ${action} from state ${state}.`, 409)
    }
    plan = system.plan
  } else {
    plan = planTransition({
      action,
      state,
      roles,
      actorId: req.user!.id,
      authors,
      comment,
      reason,
      publishAt: latest.publishAt as string | null,
    })
  }

  // liveChange tells the search sync (and anything else that follows the live copy) to act.
  req.context = { ...req.context, [WORKFLOW_CONTEXT_KEY]: action, liveChange: plan.live !== 'keep' }
  const common = { collection, id, depth: 0, req, ...access } as const
  let saved: Doc
  if (plan.live === 'publish') {
    saved = (await req.payload.update({
      ...common,
      draft: false,
      data: { _status: 'published', reviewState: 'published', reviewComment: null },
    })) as unknown as Doc
  } else if (plan.live === 'unpublish') {
    saved = (await req.payload.update({
      ...common,
      draft: false,
      data: { _status: 'draft', reviewState: plan.toState },
    })) as unknown as Doc
  } else {
    saved = (await req.payload.update({
      ...common,
      draft: true,
      data: {
        reviewState: plan.toState,
        ...(action === 'request_changes' ? { reviewComment: comment } : {}),
      },
    })) as unknown as Doc
  }
  delete req.context[WORKFLOW_CONTEXT_KEY]
  delete req.context.liveChange

  const { docs: versions } = await req.payload.findVersions({
    collection,
    where: { parent: { equals: id } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const version = versions[0]?.id ?? null
  const entry = { req, collection, itemId: id, version, fromState: state, toState: plan.toState }
  if (plan.isOverride) {
    await recordAudit({
      ...entry,
      action: 'override',
      reason,
      details: { rule: 'four-eyes', action },
    })
  }
  await recordAudit({
    ...entry,
    action: auditActionFor(action, plan),
    reason: comment ?? reason ?? null,
    details: isSystem ? { scheduled: true } : null,
  })

  const notice = isSystem
    ? null
    : await buildNotice({
        payload: req.payload,
        action,
        toState: plan.toState,
        collection,
        id,
        title: titleOf(latest),
        authors,
        comment,
        actorEmail: (req.user as { email?: string } | null)?.email,
      })
  return { doc: saved, fromState: state, toState: plan.toState, notice }
}
