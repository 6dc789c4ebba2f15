import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../../src/access'

/**
 * Readers never get the draft (latest) version, whatever `?draft=true` says: drafts and versions
 * are staff-only. Access already filters by `_status`, this closes the door one step earlier.
 */
export const hideDraftsFromReaders: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  // The system itself (Local API with no user: scheduler, seed) reads drafts as it needs.
  const isSystem = req.payloadAPI === 'local' && !req.user
  if (operation === 'read' && !isSystem && !isStaff(req.user) && args && typeof args === 'object') {
    ;(args as { draft?: boolean }).draft = false
  }
  return args
}
