import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ContentSlug } from '../../collections/slugs'
import { errorResponse } from '../lib/errorResponse'
import { sendNotice } from './notify'
import { applyWorkflowAction } from './service'
import { WorkflowError } from './states'
import { wakeQueue } from './wake'

/**
 * One workflow step in its own transaction (or the caller's), notification sent after commit.
 * Shared by the REST endpoint and the GraphQL mutation.
 */
export const runWorkflowStep = async ({
  req,
  collection,
  id,
  action,
  comment,
  reason,
}: {
  req: PayloadRequest
  collection: ContentSlug
  id: number
  action: string
  comment: string | null
  reason: string | null
}) => {
  // The GraphQL door brings strings the request guard never saw; PostgreSQL cannot store NUL.
  for (const [name, text] of [
    ['comment', comment],
    ['reason', reason],
  ] as const)
    if (text?.includes('\u0000'))
      throw new WorkflowError(`"${name}" chứa ký tự NUL (\\u0000), không lưu được.`, 400)
  const isOwnTransaction = await initTransaction(req)
  try {
    const result = await applyWorkflowAction({ req, collection, id, action, comment, reason })
    if (isOwnTransaction) {
      await commitTransaction(req)
      wakeQueue()
    }
    await sendNotice(req.payload, result.notice)
    return result
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
}

/**
 * `POST /api/<slug>/:id/workflow` with `{ action, comment?, reason? }`: the one way an item moves
 * through review and onto (or off) the live site.
 */
const handler: PayloadHandler = async (req) => {
  if (!req.user) return errorResponse('Cần đăng nhập (sign in first).', 401)
  let body: Record<string, unknown>
  try {
    body = req.json ? ((await req.json()) as Record<string, unknown>) : {}
  } catch {
    return errorResponse('Nội dung yêu cầu không phải JSON hợp lệ (invalid JSON).', 400)
  }
  if (!body || typeof body !== 'object' || typeof body.action !== 'string') {
    return errorResponse('Thiếu "action" (the body needs an "action").', 400)
  }
  const id = String(req.routeParams?.id ?? '')
  if (!/^[1-9]\d{0,15}$/.test(id)) {
    return errorResponse(`Mã không hợp lệ: "${id}" (id must be a positive integer).`, 400)
  }
  const optionalText = (key: string) =>
    typeof body[key] === 'string' ? (body[key] as string).slice(0, 4000) : null

  try {
    const result = await runWorkflowStep({
      req,
      collection: req.routeParams?.collection as ContentSlug,
      id: Number(id),
      action: body.action,
      comment: optionalText('comment'),
      reason: optionalText('reason'),
    })
    return Response.json({ doc: result.doc, fromState: result.fromState, toState: result.toState })
  } catch (err) {
    if (err instanceof WorkflowError) return errorResponse(err.message, err.status)
    throw err
  }
}

export const workflowEndpoint = (collection: ContentSlug): Endpoint => ({
  path: '/:id/workflow',
  method: 'post',
  handler: (req) => {
    req.routeParams = { ...req.routeParams, collection }
    return handler(req)
  },
})
