import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

/**
 * `/api/<slug>/abc` would reach Postgres as an integer comparison and fail with a 500; ids of
 * these collections are positive integers, anything else is the caller's mistake.
 */
export const rejectMalformedId: CollectionBeforeOperationHook = ({ args }) => {
  const id = (args as { id?: unknown } | undefined)?.id
  if (id == null) return args
  // Payload's REST handlers have already turned the path segment into a number: NaN for "abc".
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return args
  if (typeof id === 'string' && /^[1-9]\d{0,15}$/.test(id)) return args
  throw new APIError(
    `Mã không hợp lệ: "${String(id).slice(0, 40)}" (id must be a positive integer).`,
    400,
    undefined,
    true,
  )
}
