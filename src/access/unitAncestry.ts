import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { transactionDb } from '../lib/transactionDb'
import { unitIdOf } from './roles'

const MAX_DEPTH = 16

/**
 * The signed-in user's unit and all its ancestors. An item addressed to a unit is visible to the
 * members of that unit and of every unit below it, so a member matches an item when the item's
 * units contain any unit on the member's path to the root. Cached per request.
 */
export const getUnitAncestry = async (req: PayloadRequest): Promise<number[]> => {
  const cached = req.context?.unitAncestry as number[] | undefined
  if (cached) return cached
  const unit = unitIdOf(req.user)
  let path: number[] = []
  if (unit != null) {
    // One query for the whole path (this runs on every signed-in read of every section).
    const db = await transactionDb(req)
    const result = (await db.execute(sql`
      with recursive up(id, parent_id, depth) as (
        select id, parent_id, 1 from units where id = ${unit}
        union all
        select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id
         where up.depth < ${MAX_DEPTH})
      select id from up order by depth`)) as { rows: { id: number }[] }
    // A cycle (refused on save, but never trusted here) repeats ids: keep the first of each.
    path = [...new Set(result.rows.map((row) => Number(row.id)))]
  }
  if (req.context) req.context.unitAncestry = path
  return path
}
