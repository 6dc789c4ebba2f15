import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterErrorHook,
  CollectionAfterLoginHook,
} from 'payload'

import { logger } from '../server/logger'
import { recordAudit } from './recordAudit'

export const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await recordAudit({
    req,
    action: 'delete',
    collection: collection.slug,
    itemId: doc.id,
    fromState: (doc.reviewState as string | undefined) ?? null,
    details: { title: doc.title ?? doc.name ?? doc.email ?? doc.filename ?? null },
  })
  return doc
}

export const auditLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  req.user = req.user ?? ({ ...user, collection: 'users' } as typeof req.user)
  await recordAudit({ req, action: 'login', collection: 'users', itemId: user.id })
  return user
}

const failedLoginReasons: Record<string, string> = {
  AuthenticationError: 'wrong email or password',
  LockedAuth: 'account locked',
  TooManyLoginAttempts: 'too many failed sign-ins from this address',
}

/** Failed sign-ins (wrong password, locked-out address) surface as errors of the login endpoint. */
export const auditFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  const name = (error as { name?: string })?.name
  const isLogin = req.pathname?.endsWith('/login') || req.url?.includes('/login')
  const reason = name ? failedLoginReasons[name] : undefined
  if (!isLogin || !reason) return
  const email = typeof req.data?.email === 'string' ? req.data.email.slice(0, 320) : null
  await recordAudit({
    req,
    action: 'login_failed',
    collection: 'users',
    actorEmail: email,
    reason,
  }).catch((err) => logger.error({ msg: 'Could not record a failed login', err }))
}

export const auditRoleChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const before = [...((previousDoc?.roles as string[] | undefined) ?? [])].sort()
  const after = [...((doc.roles as string[] | undefined) ?? [])].sort()
  if (operation === 'update' && before.join() !== after.join()) {
    await recordAudit({
      req,
      action: 'role_change',
      collection: 'users',
      itemId: doc.id,
      fromState: before.join(','),
      toState: after.join(','),
    })
  }
  return doc
}
