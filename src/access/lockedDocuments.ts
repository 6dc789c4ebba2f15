import type { Access, SanitizedConfig } from 'payload'

import { isAdmin, isStaff } from './roles'

const LOCKS = 'payload-locked-documents'

/**
 * Payload's edit locks (who is editing which draft) are created by the admin itself, below access
 * control; over the API they were open to any signed-in user. Staff read them (the admin shows
 * "being edited by"), nobody creates or rewrites one, and only one lock at a time can be removed
 * (taking over editing), all at once only by an admin.
 */
const lockAccess: Record<
  'create' | 'read' | 'update' | 'delete' | 'readVersions' | 'unlock',
  Access
> = {
  create: () => false,
  update: () => false,
  read: ({ req }) => isStaff(req.user),
  delete: ({ req, id }) => isAdmin(req.user) || (isStaff(req.user) && id != null),
  readVersions: () => false,
  unlock: () => false,
}

export const restrictLockedDocuments = (config: SanitizedConfig): SanitizedConfig => {
  const locks = config.collections.find((collection) => collection.slug === LOCKS)
  if (locks) locks.access = { ...locks.access, ...lockAccess }
  return config
}
