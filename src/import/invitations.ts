/**
 * Invitations of imported accounts, sent by the job queue: the import queues them in its own
 * transaction (they exist exactly when the accounts do), and the server's runner mails them,
 * again after a restart and with retries when the mail server fails. A chunk that is tried again
 * may mail some of its accounts twice; an account never misses its invitation.
 *
 * Only accounts still waiting are mailed: no password set yet and an invitation link still valid.
 */
import type { PayloadRequest, TaskConfig } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { invitationEmail } from '../auth/resetEmail'
import { transactionDb } from '../lib/transactionDb'

export const INVITATION_TASK = 'sendInvitations'
const CHUNK = 200

/** Days an invitation link stays valid (INVITATION_DAYS, default 14). */
export const invitationDays = () => {
  const days = Number(process.env.INVITATION_DAYS)
  return Number.isFinite(days) && days > 0 ? days : 14
}

/** Queues the invitations of `ids` in `req`'s transaction, in chunks. */
export const queueInvitations = async (req: PayloadRequest, ids: number[]) => {
  for (let at = 0; at < ids.length; at += CHUNK) {
    await req.payload.jobs.queue({
      task: INVITATION_TASK as never,
      input: { ids: ids.slice(at, at + CHUNK) } as never,
      req,
    })
  }
}

export const invitationTask = {
  slug: INVITATION_TASK,
  label: 'Gửi thư mời đặt mật khẩu',
  inputSchema: [{ name: 'ids', type: 'json', required: true }],
  outputSchema: [{ name: 'sent', type: 'number' }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, req }: { input: { ids: unknown }; req: PayloadRequest }) => {
    const ids = (Array.isArray(input.ids) ? input.ids : []).map(Number).filter(Number.isSafeInteger)
    const db = await transactionDb(req)
    const { rows } = (await db.execute(sql`
      select email, full_name, reset_password_token as token from users
       where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)
         and hash is null and not coalesce(deactivated, false)
         and reset_password_token is not null and reset_password_expiration > now()
       order by id`)) as unknown as { rows: { email: string; full_name: string; token: string }[] }
    const days = invitationDays()
    for (const row of rows) {
      await req.payload.sendEmail({
        to: row.email,
        ...invitationEmail(row.full_name, row.token, days),
      })
    }
    return { output: { sent: rows.length } }
  },
} as unknown as TaskConfig
