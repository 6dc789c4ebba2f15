/**
 * Merging one unit into another (provinces, districts and wards are being merged): everything
 * that refers to the merged unit — its members, the units below it, the content addressed to it
 * and the versions in that content's history — is pointed at the unit it is merged into, and the
 * merged unit is removed. One transaction; the audit log keeps the merged unit's code and name,
 * what moved, and who did it.
 *
 * The references are found in PostgreSQL's own catalogue (every foreign key to `units.id`), so a
 * table added later (meetings, unit-scoped roles) follows without a change here.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { contentSlugs, slugs } from '../../collections/slugs'
import { queueSearchSync } from '../../plugins/typesense-sync/hooks'
import { isAdmin } from '../access'
import { unitPath } from '../access/unitAncestry'
import { recordAudit } from '../audit/recordAudit'
import { errorResponse } from '../lib/errorResponse'
import { isRowId } from '../lib/ids'
import { transactionDb } from '../lib/transactionDb'

export class MergeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export type MergeReport = {
  merged: { id: number; code: string | null; name: string }
  into: { id: number; code: string | null; name: string }
  /** Units that were below the merged unit and are now below the target. */
  children: number
  /** Accounts whose unit was the merged one. */
  members: number
  /** Items (of all sections) addressed to the merged unit, and rows of their history. */
  items: number
  versions: number
  /** Other references (locks and the like), by table. */
  other: Record<string, number>
}

type Reference = { table: string; column: string; isRels: boolean }

/** The advisory lock that serializes merges (beside the audit's 72_017 and the runner's 72_10x). */
const MERGE_LOCK_KEY = 72_103

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Every column with a foreign key to units(id), except the tree's own parent link. */
const referencesToUnits = async (req: PayloadRequest): Promise<Reference[]> => {
  const db = await transactionDb(req)
  const { rows } = (await db.execute(sql`
    select c.conrelid::regclass::text as "table", a.attname as "column",
      exists (select 1 from pg_attribute p where p.attrelid = c.conrelid and p.attname = 'path'
                and not p.attisdropped)
      and exists (select 1 from pg_attribute p where p.attrelid = c.conrelid
                and p.attname = 'parent_id' and not p.attisdropped) as "isRels"
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
     where c.contype = 'f' and c.confrelid = 'units'::regclass
       and cardinality(c.conkey) = 1`)) as unknown as { rows: Reference[] }
  return rows
    .map((row) => ({ ...row, table: row.table.replace(/^public\./, '').replace(/"/g, '') }))
    .filter((row) => !(row.table === 'units' && row.column === 'parent_id'))
}

/** Read and written as the request's user, so the collection's own access rules apply too. */
const asCaller = (req: PayloadRequest) =>
  ({ req, user: req.user, overrideAccess: false, depth: 0 }) as const

const findUnit = async (req: PayloadRequest, id: number) =>
  req.payload.findByID({ collection: slugs.units, id, disableErrors: true, ...asCaller(req) })

const sectionTables = new Map<string, string>(
  contentSlugs.map((slug) => [`${slug.replace(/-/g, '_')}_rels`, slug]),
)

/** Merges unit `sourceId` into `targetId` as `req`'s user (the caller checks the right to). */
export const mergeUnits = async (
  req: PayloadRequest,
  sourceId: number,
  targetId: number,
): Promise<MergeReport> => {
  if (sourceId === targetId) throw new MergeError(400, 'Không thể gộp một đơn vị vào chính nó.')
  const isOwnTransaction = await initTransaction(req)
  try {
    // One merge at a time: two merges crossing each other (A into B, B into A) would each pass
    // the checks below and then fail half-way on the other's changes.
    await (await transactionDb(req)).execute(sql`select pg_advisory_xact_lock(${MERGE_LOCK_KEY})`)
    const [source, target] = await Promise.all([findUnit(req, sourceId), findUnit(req, targetId)])
    if (!source) throw new MergeError(404, `Không có đơn vị số ${sourceId}.`)
    if (!target) throw new MergeError(404, `Không có đơn vị đích số ${targetId}.`)
    if ((await unitPath(req, targetId)).includes(sourceId)) {
      throw new MergeError(
        400,
        `Đơn vị đích "${target.name}" nằm dưới "${source.name}": hãy chuyển nó ra ngoài trước khi gộp.`,
      )
    }
    const report: MergeReport = {
      merged: { id: sourceId, code: source.code ?? null, name: source.name },
      into: { id: targetId, code: target.code ?? null, name: target.name },
      children: 0,
      members: 0,
      items: 0,
      versions: 0,
      other: {},
    }

    // The units below: moved one by one, so each move is in the audit log.
    const { docs: children } = await req.payload.find({
      collection: slugs.units,
      where: { parent: { equals: sourceId } },
      limit: 0,
      pagination: false,
      ...asCaller(req),
    })
    for (const child of children) {
      await req.payload.update({
        collection: slugs.units,
        id: child.id,
        data: { parent: targetId },
        ...asCaller(req),
      })
    }
    report.children = children.length

    const db = await transactionDb(req)
    const touched = new Map<string, Set<number>>()
    for (const { table, column, isRels } of await referencesToUnits(req)) {
      const t = sql.raw(quote(table))
      const c = sql.raw(quote(column))
      // A relationship list that already names the target keeps one entry.
      const deduplicated = isRels
        ? (
            (await db.execute(sql`
            delete from ${t} r where r.${c} = ${sourceId} and exists (
              select 1 from ${t} o where o.parent_id = r.parent_id and o.path = r.path
                 and o.${c} = ${targetId})
            returning r.parent_id as id`)) as unknown as { rows: { id: number }[] }
          ).rows
        : []
      const { rows: updated } = (await db.execute(
        isRels
          ? sql`update ${t} set ${c} = ${targetId} where ${c} = ${sourceId} returning parent_id as id`
          : sql`update ${t} set ${c} = ${targetId} where ${c} = ${sourceId} returning 1 as id`,
      )) as unknown as { rows: { id: number }[] }
      const rows = [...deduplicated, ...updated]
      if (rows.length === 0) continue
      // Rels tables: rows of one item (or version) count once.
      const count = isRels ? new Set(rows.map((row) => Number(row.id))).size : rows.length
      const section = sectionTables.get(table)
      if (table === 'users') report.members += count
      else if (section) {
        report.items += count
        touched.set(section, new Set(rows.map((row) => Number(row.id))))
      } else if (table.startsWith('_') && table.endsWith('_v_rels')) report.versions += count
      else report.other[table] = (report.other[table] ?? 0) + count
    }

    // The search index keeps each item's units: the items addressed to the merged unit are
    // indexed again (the jobs commit with the merge).
    for (const [section, ids] of touched) await queueSearchSync(req, section, [...ids])

    await req.payload.delete({ collection: slugs.units, id: sourceId, ...asCaller(req) })
    await recordAudit({
      req,
      action: 'unit_merge',
      collection: slugs.units,
      itemId: sourceId,
      toState: String(targetId),
      details: report,
    })
    if (isOwnTransaction) await commitTransaction(req)
    return report
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
}

/**
 * `POST /api/units/:id/merge` with `{ "into": <unit id> }`: merges the unit into the other one and
 * answers the {@link MergeReport}. Admins only.
 */
export const mergeUnitsEndpoint: Endpoint = {
  path: '/:id/merge',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return errorResponse('Cần đăng nhập.', 401)
    if (!isAdmin(req.user)) return errorResponse('Chỉ quản trị viên được gộp đơn vị.', 403)
    const sourceId = Number(req.routeParams?.id)
    let body: unknown = null
    try {
      body = req.json ? await req.json() : null
    } catch {
      return errorResponse('Nội dung phải là JSON: { "into": <mã số đơn vị đích> }.', 400)
    }
    const targetId = Number((body as { into?: unknown } | null)?.into)
    if (!isRowId(sourceId) || !isRowId(targetId)) {
      return errorResponse(
        'Cần mã số đơn vị bị gộp (trong đường dẫn) và đơn vị đích ("into").',
        400,
      )
    }
    try {
      return Response.json(await mergeUnits(req, sourceId, targetId))
    } catch (err) {
      if (err instanceof MergeError) return errorResponse(err.message, err.status)
      throw err
    }
  },
}
