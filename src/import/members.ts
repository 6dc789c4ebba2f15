/**
 * Importing accounts from a table (CSV or XLSX): full name, email, phone, unit code, role,
 * position.
 *
 * - Every row is checked first and every problem reported with its line (no name, a malformed or
 *   duplicate email, an unknown unit or role, a malformed phone, a row that would change an
 *   admin). A file with any problem changes nothing; a dry run changes nothing.
 * - Accounts are matched by email: importing the same file again changes nothing; a changed row
 *   updates the account (its unit, which is how a member moves, keeping their history). A column
 *   the file does not have (phone, position, role) keeps the account's value. An import
 *   never deletes, deactivates or reactivates an account, and never grants or changes `admin`.
 * - New accounts have no password. Each gets an invitation: a one-time link to set it (Payload's
 *   reset token, valid INVITATION_DAYS days, refused once used or expired), queued with the import
 *   and mailed by the job runner (src/import/invitations.ts). Until then it cannot sign in.
 * - Written with a few set-based statements in one transaction (tens of thousands of rows in
 *   seconds, not one Payload operation per row), with one audit entry naming every account created
 *   or changed.
 */
import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { fold } from '../../plugins/typesense-sync/fold'
import { recordAudit } from '../audit/recordAudit'
import { transactionDb } from '../lib/transactionDb'
import { invitationDays, queueInvitations } from './invitations'
import { type ColumnSpec, type ImportReport, readTable } from './table'

export const memberColumns = {
  fullName: { headers: ['Họ và tên', 'Họ tên', 'full name', 'name'], required: true },
  email: { headers: ['Email', 'Thư điện tử', 'e-mail'], required: true },
  phone: { headers: ['Số điện thoại', 'Điện thoại', 'SĐT', 'phone'] },
  unit: { headers: ['Mã đơn vị', 'Đơn vị', 'unit code', 'unit'], required: true },
  role: { headers: ['Vai trò', 'role'] },
  position: { headers: ['Chức vụ', 'position'] },
} satisfies ColumnSpec<string>

type ImportableRole = 'member' | 'editor' | 'reviewer' | 'secretary'

const ROLES: Record<string, ImportableRole> = {
  member: 'member',
  'dang vien': 'member',
  editor: 'editor',
  'bien tap': 'editor',
  'bien tap vien': 'editor',
  reviewer: 'reviewer',
  'nguoi duyet': 'reviewer',
  secretary: 'secretary',
  'cell secretary': 'secretary',
  'bi thu': 'secretary',
  'bi thu chi bo': 'secretary',
}

// The address shapes mail servers accept; anything stranger is a typing mistake in a roster.
const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/
const PHONE = /^\+?[0-9]{9,15}$/
const MAX_NAME = 200
const MAX_POSITION = 100

export type MemberProblem = { line: number; email?: string; column?: string; message: string }

export type MemberImportReport = ImportReport<MemberProblem> & {
  /** Invitations queued (mailed by the job runner once the import commits), one per account created. */
  invited: number
}

type Row = {
  line: number
  fullName: string
  email: string
  phone: string | null
  unitId: number
  role: ImportableRole
  position: string | null
}

type Account = {
  id: number
  email: string
  fullName: string
  phone: string | null
  position: string | null
  unitId: number | null
  roles: string[]
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows

/**
 * Reads and checks `data`; unless `dryRun` or a problem was found, writes it as `req`'s user with
 * the invitations queued in the same transaction. Throws TableError for a file that is not a table
 * of accounts.
 */
export const importMembers = async (
  req: PayloadRequest,
  data: Buffer,
  { dryRun, fileName }: { dryRun: boolean; fileName?: string },
): Promise<MemberImportReport> => {
  const { rows: table, present } = await readTable(data, memberColumns)
  const db = await transactionDb(req)
  const units = new Map(
    rowsOf<{ id: number; code: string }>(
      await db.execute(sql`select id, code from units where code is not null`),
    ).map((unit) => [unit.code, Number(unit.id)]),
  )

  const problems: MemberProblem[] = []
  const rows: Row[] = []
  const lineOf = new Map<string, number>()
  for (const { line, cells } of table) {
    const email = cells.email.toLowerCase()
    const problem = (column: string, message: string) =>
      problems.push({ line, email: email || undefined, column, message })
    const before = problems.length
    if (!cells.fullName) problem('fullName', 'Thiếu họ và tên.')
    else if (cells.fullName.length > MAX_NAME)
      problem('fullName', `Họ và tên dài quá ${MAX_NAME} ký tự.`)
    if (!email) problem('email', 'Thiếu email.')
    else if (!EMAIL.test(email) || email.length > 254)
      problem('email', `Email "${cells.email}" không hợp lệ.`)
    else if (lineOf.has(email)) problem('email', `Email trùng với dòng ${lineOf.get(email)}.`)
    else lineOf.set(email, line)
    const phone = cells.phone.replace(/[\s.()-]/g, '')
    if (phone && !PHONE.test(phone))
      problem('phone', `Số điện thoại "${cells.phone}" không hợp lệ.`)
    const unitId = units.get(cells.unit)
    if (!cells.unit) problem('unit', 'Thiếu mã đơn vị.')
    else if (unitId === undefined) problem('unit', `Không có đơn vị mã "${cells.unit}".`)
    const role = cells.role ? ROLES[fold(cells.role).replace(/\s+/g, ' ').trim()] : 'member'
    if (!role) {
      problem(
        'role',
        /quan tri|admin/.test(fold(cells.role))
          ? 'Không cấp quyền quản trị qua tệp: hãy cấp trong trang tài khoản.'
          : `Vai trò "${cells.role}" không rõ: ghi Đảng viên, Bí thư chi bộ, Biên tập viên hoặc Người duyệt.`,
      )
    }
    if (cells.position.length > MAX_POSITION)
      problem('position', `Chức vụ dài quá ${MAX_POSITION} ký tự.`)
    if (problems.length === before) {
      rows.push({
        line,
        fullName: cells.fullName,
        email,
        phone: phone || null,
        unitId: unitId!,
        role: role!,
        position: cells.position || null,
      })
    }
  }

  // The accounts the file names that already exist, with their roles.
  const emails = rows.map((row) => row.email)
  const existing = new Map(
    rowsOf<Account & { unit_id: number | null; full_name: string }>(
      await db.execute(sql`
        select u.id, u.email, u.full_name, u.phone, u.position, u.unit_id,
               coalesce(array_agg(r.value::text order by r.order)
                 filter (where r.value is not null), '{}') as roles
          from users u left join users_roles r on r.parent_id = u.id
         where u.email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
         group by u.id`),
    ).map((account) => [
      account.email,
      {
        id: Number(account.id),
        email: account.email,
        fullName: account.full_name,
        phone: account.phone,
        position: account.position,
        unitId: account.unit_id == null ? null : Number(account.unit_id),
        roles: account.roles,
      },
    ]),
  )
  const created: Row[] = []
  const updated: (Row & { id: number; rolesChanged: boolean })[] = []
  let unchanged = 0
  for (const row of rows) {
    const account = existing.get(row.email)
    if (!account) {
      created.push(row)
      continue
    }
    if (account.roles.includes('admin')) {
      problems.push({
        line: row.line,
        email: row.email,
        column: 'role',
        message: 'Tài khoản quản trị không sửa qua tệp: hãy sửa trong trang tài khoản.',
      })
      continue
    }
    // A column the file does not have keeps what the account has; an empty cell empties it.
    const next = {
      ...row,
      phone: present.has('phone') ? row.phone : account.phone,
      position: present.has('position') ? row.position : account.position,
    }
    const rolesChanged =
      present.has('role') && (account.roles.length !== 1 || account.roles[0] !== row.role)
    const changed =
      rolesChanged ||
      account.fullName !== next.fullName ||
      account.unitId !== next.unitId ||
      (account.phone ?? null) !== next.phone ||
      (account.position ?? null) !== next.position
    if (changed) updated.push({ ...next, id: account.id, rolesChanged })
    else unchanged++
  }
  problems.sort((a, b) => a.line - b.line)
  const report: MemberImportReport = {
    dryRun,
    applied: false,
    rows: table.length,
    created: created.length,
    updated: updated.length,
    unchanged,
    invited: 0,
    problems,
  }
  if (dryRun || problems.length > 0 || (created.length === 0 && updated.length === 0)) return report

  const expires = new Date(Date.now() + invitationDays() * 24 * 3600 * 1000).toISOString()
  const invitations = created.map((row) => ({ ...row, token: randomBytes(20).toString('hex') }))
  const isOwnTransaction = await initTransaction(req)
  let createdIds: number[] = []
  const roles: { id: number; role: ImportableRole | undefined }[] = []
  try {
    const tx = await transactionDb(req)
    if (invitations.length) {
      const records = JSON.stringify(
        invitations.map((row) => ({
          full_name: row.fullName,
          email: row.email,
          phone: row.phone,
          position: row.position,
          unit_id: row.unitId,
          token: row.token,
        })),
      )
      const inserted = rowsOf<{ id: number; email: string }>(
        await tx.execute(sql`
          insert into users (full_name, email, phone, position, unit_id,
                             reset_password_token, reset_password_expiration)
          select r.full_name, r.email, r.phone, r.position, r.unit_id, r.token,
                 ${expires}::timestamptz
            from jsonb_to_recordset(${records}::jsonb)
              as r(full_name text, email text, phone text, position text, unit_id int, token text)
          returning id, email`),
      )
      const roleOf = new Map(invitations.map((row) => [row.email, row.role]))
      createdIds = inserted.map((account) => Number(account.id))
      roles.push(
        ...inserted.map((account) => ({ id: account.id, role: roleOf.get(account.email) })),
      )
    }
    if (updated.length) {
      await tx.execute(sql`
        update users u
           set full_name = r.full_name, phone = r.phone, position = r.position,
               unit_id = r.unit_id, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(
            updated.map((row) => ({
              id: row.id,
              full_name: row.fullName,
              phone: row.phone,
              position: row.position,
              unit_id: row.unitId,
            })),
          )}::jsonb) as r(id int, full_name text, phone text, position text, unit_id int)
         where u.id = r.id`)
      const roleChanges = updated.filter((row) => row.rolesChanged)
      if (roleChanges.length) {
        await tx.execute(sql`
          delete from users_roles
           where parent_id in (select jsonb_array_elements_text(${JSON.stringify(
             roleChanges.map((row) => row.id),
           )}::jsonb)::int)`)
        roles.push(...roleChanges.map((row) => ({ id: row.id, role: row.role })))
      }
    }
    // The one role of each new account and of each account whose role changed.
    if (roles.length) {
      await tx.execute(sql`
        insert into users_roles ("order", parent_id, value)
        select 1, r.id, r.role::enum_users_roles
          from jsonb_to_recordset(${JSON.stringify(roles)}::jsonb) as r(id int, role text)`)
    }
    await queueInvitations(req, createdIds)
    await recordAudit({
      req,
      action: 'import',
      collection: 'users',
      details: {
        file: fileName ?? null,
        rows: report.rows,
        created: createdIds,
        updated: updated.map((row) => row.id),
        roleChanges: updated.filter((row) => row.rolesChanged).map((row) => [row.id, row.role]),
        unchanged,
      },
    })
    if (isOwnTransaction) await commitTransaction(req)
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
  report.applied = true

  report.invited = createdIds.length
  return report
}
