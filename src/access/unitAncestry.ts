import type { PayloadRequest } from 'payload'

import { slugs } from '../../collections/slugs'
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
  const path: number[] = []
  let current = unitIdOf(req.user)
  while (current != null && path.length < MAX_DEPTH && !path.includes(current)) {
    path.push(current)
    const unit = await req.payload.findByID({
      collection: slugs.units,
      id: current,
      depth: 0,
      req,
      // Internal look-up to evaluate access; nothing of it is returned to the caller.
      overrideAccess: true,
      disableErrors: true,
    })
    const parent = unit?.parent
    current = parent == null ? null : typeof parent === 'object' ? parent.id : parent
  }
  if (req.context) req.context.unitAncestry = path
  return path
}
