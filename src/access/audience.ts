import type { PayloadRequest, Where } from 'payload'

import { getUnitAncestry } from './unitAncestry'

type AudienceFields = {
  /** Field holding 'public' | 'members' | 'units' (media also have 'staff'). */
  audienceField?: string
  /** hasMany relationship to units, used when the audience is 'units'. */
  unitsField?: string
}

/**
 * The rows a non-staff caller may see by audience: anonymous callers see public rows; signed-in
 * members see public and members rows, and unit rows addressed to their unit or an ancestor.
 */
export const audienceWhere = async (
  req: PayloadRequest,
  { audienceField = 'audience', unitsField = 'audienceUnits' }: AudienceFields = {},
): Promise<Where> => {
  if (!req.user) return { [audienceField]: { equals: 'public' } }
  const or: Where[] = [{ [audienceField]: { in: ['public', 'members'] } }]
  const units = await getUnitAncestry(req)
  if (units.length > 0) {
    or.push({
      and: [{ [audienceField]: { equals: 'units' } }, { [unitsField]: { in: units } }],
    })
  }
  return { or }
}
