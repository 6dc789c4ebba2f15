import type {
  CollectionBeforeOperationHook,
  CollectionConfig,
  Config,
  Endpoint,
  PayloadRequest,
} from 'payload'

import { slugs } from '../../collections/slugs'
import { PasswordChangeRequired } from './errors'

const mustChangePassword = (req: PayloadRequest) =>
  Boolean((req.user as { mustChangePassword?: boolean | null } | null)?.mustChangePassword)

/** Operations that do not act on the user's behalf (or are how they get out of this state). */
const openOperations = new Set(['login', 'refresh', 'forgotPassword', 'resetPassword'])

/**
 * While a user still has the password an admin typed, they may sign in, read their own account
 * (`/api/users/me`, the admin's account page) and change their password; logout is no operation.
 * Units stay readable because reading one's own account populates one's unit.
 */
export const requirePasswordChange: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  // System work done inside an allowed operation (the audit entry of a sign-in) overrides access;
  // everything on the user's behalf (REST, GraphQL, the admin) does not.
  if (overrideAccess || !mustChangePassword(req) || openOperations.has(operation)) return args
  if (collection.slug === slugs.units && operation === 'read') return args
  if (collection.slug === slugs.users) {
    const { id, data } = args as { id?: number | string; data?: { password?: unknown } }
    const isOwn = id != null && String(id) === String(req.user!.id)
    if (isOwn && operation === 'read') return args
    if (isOwn && operation === 'update' && typeof data?.password === 'string') return args
  }
  throw new PasswordChangeRequired()
}

/** Custom endpoints (search, workflow steps) answer the same 403 before doing anything. */
const guardEndpoint = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: async (req) => {
    if (mustChangePassword(req)) throw new PasswordChangeRequired()
    return endpoint.handler(req)
  },
})

const guardCollection = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: Array.isArray(collection.endpoints)
    ? collection.endpoints.map(guardEndpoint)
    : collection.endpoints,
  hooks: {
    ...collection.hooks,
    beforeOperation: [requirePasswordChange, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/**
 * Puts the forced password change in front of every collection operation (REST, GraphQL, the
 * admin, nested Local API calls made with the request) and every custom endpoint. Listed last
 * among the plugins so it sees the collections and endpoints the others add; Payload's own
 * collections (preferences, locks, jobs) are added after plugins and stay usable.
 */
export const passwordChangeGate =
  () =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map(guardCollection),
    endpoints: (config.endpoints ?? []).map(guardEndpoint),
  })
