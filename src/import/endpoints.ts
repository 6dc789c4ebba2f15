import type { Endpoint, PayloadRequest } from 'payload'

import { addDataAndFileToRequest } from 'payload'

import { isAdmin } from '../access'
import { errorResponse } from '../lib/errorResponse'
import { importMembers } from './members'
import { TableError } from './table'
import { importUnits } from './units'

/** `?dryRun=1` (or `true`): check and report only. Anything else applies the file. */
const isDryRun = (req: PayloadRequest) => {
  const value = req.searchParams.get('dryRun')
  return value === '1' || value === 'true'
}

/** The uploaded table of a multipart request, or an answer saying what is missing. */
const uploadedTable = async (req: PayloadRequest) => {
  await addDataAndFileToRequest(req)
  const file = req.file
  if (!file?.data?.length) {
    return errorResponse(
      'Gửi tệp CSV hoặc Excel (.xlsx) trong trường "file" (multipart/form-data).',
      400,
    )
  }
  return { data: Buffer.from(file.data), name: file.name }
}

/** Runs an import, answering 422 when a row has a problem and 400 for a file that is no table. */
const answer = async (run: () => Promise<{ problems: unknown[] }>) => {
  try {
    const report = await run()
    return Response.json(report, { status: report.problems.length ? 422 : 200 })
  } catch (err) {
    if (err instanceof TableError) return errorResponse(err.message, 400)
    throw err
  }
}

type Importer = (
  req: PayloadRequest,
  data: Buffer,
  options: { dryRun: boolean; fileName?: string },
) => Promise<{ problems: unknown[] }>

/**
 * `POST /api/<collection>/import[?dryRun=1]`, multipart with the table in `file` (CSV or XLSX):
 * the report of every row. Admins only. 200 with `applied: true` when it was written; 422 with
 * the problems when any row has one (nothing written); 400 when the file is not such a table.
 */
const importEndpoint = (what: string, run: Importer): Endpoint => ({
  path: '/import',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse('Cần đăng nhập.', 401)
    if (!isAdmin(req.user))
      return errorResponse(`Chỉ quản trị viên được nhập danh sách ${what}.`, 403)
    const file = await uploadedTable(req)
    if (file instanceof Response) return file
    return answer(() => run(req, file.data, { dryRun: isDryRun(req), fileName: file.name }))
  },
})

/** The unit tree (src/import/units.ts). */
export const importUnitsEndpoint = importEndpoint('đơn vị', importUnits)

/** Accounts (src/import/members.ts): each new account's invitation is queued with it. */
export const importMembersEndpoint = importEndpoint('tài khoản', importMembers)
