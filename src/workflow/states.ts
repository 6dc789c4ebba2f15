import type { Role } from '../access/roles'

export const reviewStates = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'unpublished',
  'archived',
] as const
export type ReviewState = (typeof reviewStates)[number]

export const workflowActions = [
  'submit',
  'request_changes',
  'approve',
  'unpublish',
  'archive',
] as const
export type WorkflowAction = (typeof workflowActions)[number]

type Rule = {
  from: ReviewState[]
  roles: Role[]
  /** A comment (request changes) the author will read. */
  needsComment?: boolean
  /** The four-eyes rule applies: the actor must not have written or last edited the version. */
  isFourEyes?: boolean
}

/** Who may take which step from which state. Anything not listed here is refused. */
export const rules: Record<WorkflowAction, Rule> = {
  submit: {
    from: ['draft', 'changes_requested', 'unpublished'],
    roles: ['editor', 'reviewer', 'admin'],
  },
  request_changes: { from: ['in_review'], roles: ['reviewer', 'admin'], needsComment: true },
  approve: { from: ['in_review'], roles: ['reviewer', 'admin'], isFourEyes: true },
  unpublish: { from: ['published'], roles: ['reviewer', 'admin'] },
  archive: {
    from: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'],
    roles: ['reviewer', 'admin'],
  },
}

export class WorkflowError extends Error {
  constructor(
    message: string,
    public status: 400 | 403 | 404 | 409,
  ) {
    super(message)
  }
}

export type Plan = {
  toState: ReviewState
  /** What happens to the live (published) copy. */
  live: 'publish' | 'unpublish' | 'keep'
  /** The four-eyes rule was broken and an admin's reason lets it through. */
  isOverride: boolean
}

/**
 * Decides a workflow step, or throws a WorkflowError that says why not. Pure: the caller loads the
 * state and the version's authors, and applies the plan.
 */
export const planTransition = ({
  action,
  state,
  roles,
  actorId,
  authors,
  comment,
  reason,
  publishAt,
  now = new Date(),
}: {
  action: string
  state: ReviewState
  roles: Role[]
  actorId: number | string
  /** createdBy and lastEditedBy of the version under review */
  authors: (number | string | null | undefined)[]
  comment?: string | null
  reason?: string | null
  publishAt?: string | Date | null
  now?: Date
}): Plan => {
  if (!(workflowActions as readonly string[]).includes(action)) {
    throw new WorkflowError(
      `Thao tác không hợp lệ "${action}" (unknown action; expected one of ${workflowActions.join(', ')}).`,
      400,
    )
  }
  const rule = rules[action as WorkflowAction]
  if (!roles.some((role) => rule.roles.includes(role))) {
    throw new WorkflowError(
      `Vai trò của bạn không được thực hiện "${action}" (your role may not ${action}).`,
      403,
    )
  }
  if (!rule.from.includes(state)) {
    throw new WorkflowError(
      `Không thể "${action}" khi mục đang ở trạng thái "${state}" (cannot ${action} from state ${state}).`,
      409,
    )
  }
  if (rule.needsComment && !comment?.trim()) {
    throw new WorkflowError(
      'Cần ghi nhận xét cho tác giả (a comment for the author is required).',
      400,
    )
  }
  let isOverride = false
  if (
    rule.isFourEyes &&
    authors.some((author) => author != null && String(author) === String(actorId))
  ) {
    if (!roles.includes('admin')) {
      throw new WorkflowError(
        'Nguyên tắc bốn mắt: không được duyệt phiên bản do chính mình soạn hoặc sửa sau cùng (four-eyes: you authored or last edited this version).',
        403,
      )
    }
    if (!reason?.trim()) {
      throw new WorkflowError(
        'Quản trị viên duyệt phiên bản của chính mình phải ghi lý do (an admin override needs a written reason).',
        403,
      )
    }
    isOverride = true
  }
  switch (action as WorkflowAction) {
    case 'submit':
      return { toState: 'in_review', live: 'keep', isOverride }
    case 'request_changes':
      return { toState: 'changes_requested', live: 'keep', isOverride }
    case 'approve': {
      const at = publishAt ? new Date(publishAt) : null
      return at && at > now
        ? { toState: 'approved', live: 'keep', isOverride }
        : { toState: 'published', live: 'publish', isOverride }
    }
    case 'unpublish':
      return { toState: 'unpublished', live: 'unpublish', isOverride }
    case 'archive':
      return { toState: 'archived', live: 'unpublish', isOverride }
  }
}
