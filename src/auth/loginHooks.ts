import type {
  CollectionAfterLoginHook,
  CollectionAfterOperationHook,
  CollectionBeforeChangeHook,
  CollectionBeforeLoginHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import { APIError } from 'payload'

import { slugs } from '../../collections/slugs'
import { clientAddress } from '../lib/clientAddress'
import { TooManyLoginAttempts } from './errors'
import { clearLoginAttempts, countLoginAttempt, normaliseLoginEmail } from './loginThrottle'
import { spendPasswordWork } from './passwordHash'

type LoginKey = { email: string; address: string }
const LOGIN_KEY = 'loginAttemptKey'

const setRetryAfter = (req: PayloadRequest, seconds: number) => {
  req.responseHeaders = req.responseHeaders ?? new Headers()
  req.responseHeaders.set('Retry-After', String(seconds))
}

/**
 * Before every sign-in (REST, GraphQL, the admin's form, the first-user form): counts the attempt
 * per (email, client address) and refuses a locked pair with a 429, then makes an unknown email
 * cost the same time as a known one, so neither the answer nor its timing says which accounts
 * exist.
 */
export const guardLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const data = (args as { data?: { email?: unknown; password?: unknown } }).data
  const email = normaliseLoginEmail(data?.email)
  const password = data?.password
  // Payload answers a missing email or password itself, before any lookup.
  if (!email || typeof password !== 'string' || !password.trim()) return args

  const key: LoginKey = { email, address: clientAddress(req) }
  const { retryAfterSeconds } = await countLoginAttempt({ req, ...key })
  if (retryAfterSeconds != null) {
    setRetryAfter(req, retryAfterSeconds)
    throw new TooManyLoginAttempts({ retryAfterSeconds })
  }
  req.context[LOGIN_KEY] = key

  const account = await req.payload.db.findOne({
    collection: slugs.users,
    where: { email: { equals: email } },
  })
  if (!account) await spendPasswordWork(password)
  return args
}

/** A successful sign-in clears the failures of its (email, address) pair. */
export const clearLoginFailures: CollectionAfterLoginHook = async ({ req, user }) => {
  const key = req.context[LOGIN_KEY] as LoginKey | undefined
  if (key) await clearLoginAttempts({ req, ...key })
  return user
}

/**
 * An admin's unlock (`POST /api/users/unlock`, the admin's Unlock button) lifts the per-address
 * locks of that email everywhere; Payload's own account lock is off.
 */
export const unlockLoginAttempts: CollectionAfterOperationHook = async ({
  args,
  operation,
  req,
  result,
}) => {
  if (operation !== 'unlock') return result
  const email = normaliseLoginEmail((args as { data?: { email?: unknown } }).data?.email)
  if (email) await clearLoginAttempts({ req, email })
  return result
}

/**
 * A deactivated account cannot sign in. Checked after the password (someone without it learns
 * nothing about the account), so the holder is told why instead of "wrong password".
 */
export const refuseDeactivated: CollectionBeforeLoginHook = ({ user }) => {
  if ((user as { deactivated?: boolean }).deactivated) {
    throw new APIError(
      'Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên của đơn vị.',
      403,
      undefined,
      true,
    )
  }
  return user
}

/** Deactivating an account ends every session it has open, on every instance. */
export const endSessionsOfDeactivated: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation === 'update' && data.deactivated === true && !originalDoc?.deactivated) {
    data.sessions = []
  }
  return data
}
