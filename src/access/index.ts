import type { Access, FieldAccess } from 'payload'

import { audienceWhere } from './audience'
import { isAdmin, isStaff } from './roles'

export { audienceWhere } from './audience'
export { getUnitAncestry } from './unitAncestry'
export * from './roles'

export const anyone: Access = () => true
export const nobody: Access = () => false
export const authenticated: Access = ({ req }) => Boolean(req.user)
export const adminsOnly: Access = ({ req }) => isAdmin(req.user)
export const staffOnly: Access = ({ req }) => isStaff(req.user)

export const adminsOnlyField: FieldAccess = ({ req }) => isAdmin(req.user)
export const staffOnlyField: FieldAccess = ({ req }) => isStaff(req.user)

/** Published items the caller's audience allows; staff see everything, drafts included. */
export const publishedForAudience: Access = async ({ req }) => {
  if (isStaff(req.user)) return true
  return { and: [{ _status: { equals: 'published' } }, await audienceWhere(req)] }
}
