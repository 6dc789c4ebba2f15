import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../../src/access'

/**
 * Readers never get the draft (latest) version, whatever `?draft=true` says: drafts and versions
 * are staff-only. Access already filters by `_status`, this closes the door one step earlier.
 */
export const hideDraftsFromReaders: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !isStaff(req.user) && args && typeof args === 'object') {
    ;(args as { draft?: boolean }).draft = false
  }
  return args
}
