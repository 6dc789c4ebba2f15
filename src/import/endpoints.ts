import type { Endpoint } from 'payload'

import { addDataAndFileToRequest } from 'payload'

import { isAdmin } from '../access'
import { TableError } from './table'
import { importUnits } from './units'

const problem = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status })

/** `?dryRun=1` (or `true`): check and report only. Anything else applies the file. */
const isDryRun = (url: string | undefined) => {
  const value = new URL(url ?? '/', 'http://x').searchParams.get('dryRun')
  return value === '1' || value === 'true'
}

/**
 * `POST /api/units/import[?dryRun=1]`, multipart with the table in `file` (CSV or XLSX): the
 * report of every row (see src/import/units.ts). Admins only. 200 with `applied: true` when it was
 * written; 422 with the problems when any row has one (nothing written); 400 when the file is not
 * a table of units.
 */
export const importUnitsEndpoint: Endpoint = {
  path: '/import',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return problem(401, 'Cần đăng nhập.')
    if (!isAdmin(req.user)) return problem(403, 'Chỉ quản trị viên được nhập danh sách đơn vị.')
    await addDataAndFileToRequest(req)
    const file = req.file
    if (!file?.data?.length) {
      return problem(
        400,
        'Gửi tệp CSV hoặc Excel (.xlsx) trong trường "file" (multipart/form-data).',
      )
    }
    try {
      const report = await importUnits(req, Buffer.from(file.data), {
        dryRun: isDryRun(req.url),
        fileName: file.name,
      })
      return Response.json(report, { status: report.problems.length ? 422 : 200 })
    } catch (err) {
      if (err instanceof TableError) return problem(400, err.message)
      throw err
    }
  },
}
