import type { Payload } from 'payload'

import { slugs } from '../../collections/slugs'
import { logger } from '../server/logger'

type Notice = {
  to: string[]
  subject: string
  text: string
}

const itemUrl = (collection: string, id: number | string) =>
  `${process.env.SERVER_URL || 'http://localhost:3000'}/admin/collections/${collection}/${id}`

const emailsOf = async (payload: Payload, ids: (number | string | null | undefined)[]) => {
  const wanted = [...new Set(ids.filter((id) => id != null))]
  if (wanted.length === 0) return []
  const { docs } = await payload.find({
    collection: slugs.users,
    where: { id: { in: wanted } },
    depth: 0,
    limit: wanted.length,
    overrideAccess: true,
  })
  return docs.map((user) => user.email)
}

/** Who hears about a workflow step: reviewers on submit, the version's authors on a decision. */
export const buildNotice = async ({
  payload,
  action,
  toState,
  collection,
  id,
  title,
  authors,
  comment,
  actorEmail,
}: {
  payload: Payload
  action: string
  toState: string
  collection: string
  id: number | string
  title: string
  authors: (number | string | null | undefined)[]
  comment?: string | null
  actorEmail?: string | null
}): Promise<Notice | null> => {
  const link = itemUrl(collection, id)
  if (action === 'submit') {
    const { docs } = await payload.find({
      collection: slugs.users,
      where: { roles: { in: ['reviewer'] } },
      depth: 0,
      limit: 200,
      overrideAccess: true,
    })
    const to = docs.map((user) => user.email).filter((email) => email !== actorEmail)
    if (to.length === 0) return null
    return {
      to,
      subject: `[Sổ tay] Chờ duyệt: ${title}`,
      text: `${actorEmail ?? 'Một biên tập viên'} đã gửi duyệt "${title}".\n\nMở để duyệt: ${link}\n`,
    }
  }
  if (action === 'request_changes' || action === 'approve') {
    const to = (await emailsOf(payload, authors)).filter((email) => email !== actorEmail)
    if (to.length === 0) return null
    const decision =
      action === 'request_changes'
        ? `cần sửa. Nhận xét của người duyệt:\n\n${comment ?? ''}`
        : toState === 'published'
          ? 'đã được duyệt và xuất bản.'
          : 'đã được duyệt và sẽ xuất bản theo lịch hẹn.'
    return {
      to,
      subject: `[Sổ tay] ${action === 'request_changes' ? 'Cần sửa' : 'Đã duyệt'}: ${title}`,
      text: `"${title}" ${decision}\n\n${link}\n`,
    }
  }
  return null
}

/** Sends after the step has committed; a mail failure is logged, never undoes the step. */
export const sendNotice = async (payload: Payload, notice: Notice | null) => {
  if (!notice) return
  try {
    await payload.sendEmail({
      to: notice.to.join(', '),
      subject: notice.subject,
      text: notice.text,
    })
  } catch (err) {
    logger.error({ msg: 'Could not send a workflow notification', err, to: notice.to })
  }
}
