import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { transactionDb } from '../lib/transactionDb'
import { unitIdOf } from './roles'

/** How many levels the unit tree may have: paths are walked this far up, never further. */
export const MAX_UNIT_DEPTH = 16

/**
 * A unit and its ancestors, nearest first, in one query (at most {@link MAX_UNIT_DEPTH} units;
 * a cycle, refused on save but never trusted here, repeats no id).
 */
export const unitPath = async (req: PayloadRequest, unit: number): Promise<number[]> => {
  const db = await transactionDb(req)
  const result = (await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 1 from units where id = ${unit}
      union all
      select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id
       where up.depth < ${MAX_UNIT_DEPTH})
    select id from up order by depth`)) as { rows: { id: number }[] }
  return [...new Set(result.rows.map((row) => Number(row.id)))]
}

/**
 * The signed-in user's unit and all its ancestors. An item addressed to a unit is visible to the
 * members of that unit and of every unit below it, so a member matches an item when the item's
 * units contain any unit on the member's path to the root. Cached per request (this runs on
 * every signed-in read of every section).
 */
export const getUnitAncestry = async (req: PayloadRequest): Promise<number[]> => {
  const cached = req.context?.unitAncestry as number[] | undefined
  if (cached) return cached
  const unit = unitIdOf(req.user)
  const path = unit == null ? [] : await unitPath(req, unit)
  if (req.context) req.context.unitAncestry = path
  return path
}
