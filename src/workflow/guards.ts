import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

/** Set by the workflow service around its own saves; every other save is an author's edit. */
export const WORKFLOW_CONTEXT_KEY = 'workflowAction'

const forbidden = (message: string) => new APIError(message, 403, undefined, true)

/**
 * Every door (REST, GraphQL, bulk edits from the list view, the admin form) goes through here.
 * A direct save is always a draft: the live copy changes only through the review workflow, and
 * asking for `_status: 'published'` is refused before anything is written.
 */
export const keepDirectSavesDraft: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  // The workflow service, and the system acting without a user (seed, scheduler).
  if (req.context?.[WORKFLOW_CONTEXT_KEY] || !req.user) return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (data?._status === 'published') {
    throw forbidden(
      'Chỉ xuất bản được qua quy trình duyệt: gửi duyệt, người khác duyệt (publishing goes through review: use the workflow actions).',
    )
  }
  const isBulk = operation === 'update' && !('id' in args && args.id != null)
  if (
    data &&
    'reviewState' in data &&
    (operation === 'create' || isBulk) &&
    data.reviewState !== 'draft'
  ) {
    throw forbidden(
      'Trạng thái duyệt chỉ đổi qua quy trình duyệt (reviewState changes only through the workflow).',
    )
  }
  ;(args as { draft?: boolean }).draft = true
  if (data) data._status = 'draft'
  return args
}

/**
 * Records who wrote each version (for four-eyes) and sends an edited item back to draft; the
 * review state and the reviewer's comment cannot be set by an edit.
 */
export const trackAuthorship: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (req.context?.[WORKFLOW_CONTEXT_KEY] || !req.user) return data
  if (
    operation === 'update' &&
    data.reviewState !== undefined &&
    data.reviewState !== (originalDoc?.reviewState ?? 'draft')
  ) {
    throw forbidden(
      'Trạng thái duyệt chỉ đổi qua quy trình duyệt (reviewState changes only through the workflow).',
    )
  }
  data.createdBy = operation === 'create' ? req.user.id : (originalDoc?.createdBy ?? req.user.id)
  data.lastEditedBy = req.user.id
  data.reviewComment = originalDoc?.reviewComment ?? null
  data.reviewState = 'draft'
  return data
}
