import type {
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionBeforeValidateHook,
  PayloadRequest,
} from 'payload'

import { APIError, ValidationError } from 'payload'

import { slugs } from '../../collections/slugs'
import { PASSWORD_SET_BY } from '../audit/hooks'
import { verifyPassword } from './passwordHash'
import { passwordProblem } from './passwordPolicy'

const IS_PASSWORD_RESET = 'isPasswordReset'

type PasswordData = { password?: unknown; currentPassword?: unknown; email?: unknown }

const refuse = (req: PayloadRequest, path: string, message: string): never => {
  throw new ValidationError({ collection: slugs.users, errors: [{ path, message }], req }, req.t)
}

const checkPolicy = (req: PayloadRequest, password: string, email: unknown) => {
  const problem = passwordProblem({ password, email: typeof email === 'string' ? email : null })
  if (problem) refuse(req, 'password', problem)
}

const isSelf = (req: PayloadRequest, id: unknown) =>
  req.user?.collection === slugs.users && id != null && String(req.user.id) === String(id)

/**
 * Every door that sets a password (create, the first-user form, update over REST, GraphQL and the
 * admin, the reset-password link) runs through here before Payload hashes it: the password
 * policy, and the current password when someone changes their own.
 */
export const enforcePasswordRules: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  const { data, id } = args as { data?: PasswordData; id?: number | string }
  const password = data?.password
  if (typeof password !== 'string' || password === '') return args

  if (operation === 'create') checkPolicy(req, password, data?.email)

  if (operation === 'resetPassword') {
    const token = (data as { token?: unknown }).token
    const account =
      typeof token === 'string'
        ? await req.payload.db.findOne<{ id: number; email?: string; deactivated?: boolean }>({
            collection: slugs.users,
            where: { resetPasswordToken: { equals: token } },
            req,
          })
        : null
    // A reset signs its holder in: a deactivated account must not get a session this way.
    if (account?.deactivated) {
      throw new APIError(
        'Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên của đơn vị.',
        403,
        undefined,
        true,
      )
    }
    checkPolicy(req, password, account?.email)
    // The holder of the reset link chose this password: no forced change after it.
    req.context[IS_PASSWORD_RESET] = true
  }

  if (operation === 'update') {
    // A bulk update would set one password on many accounts, and skip the checks below.
    if (id == null) refuse(req, 'password', 'Chỉ đổi được mật khẩu của từng tài khoản một.')
    const account = await req.payload.db.findOne<{
      id: number
      email?: string
      hash?: string
      salt?: string
    }>({ collection: slugs.users, where: { id: { equals: id } }, req })
    checkPolicy(req, password, data?.email ?? account?.email)
    // Someone holding a stolen session must not be able to take the account over: changing
    // one's own password needs the current one. An admin setting another user's does not.
    if (isSelf(req, id)) {
      const current = data?.currentPassword
      const isCurrentRight =
        typeof current === 'string' &&
        current !== '' &&
        (await verifyPassword({ password: current, hash: account?.hash, salt: account?.salt }))
      if (!isCurrentRight)
        refuse(
          req,
          'currentPassword',
          'Mật khẩu hiện tại không đúng. Hãy nhập lại để đổi mật khẩu.',
        )
      if (current === password) refuse(req, 'password', 'Mật khẩu mới phải khác mật khẩu hiện tại.')
    }
  }
  return args
}

/**
 * A password someone else typed (an admin creating an account or resetting a user's password) is
 * known to two people: its holder must replace it at first sign-in. Their own change clears that.
 * Accounts made without a signed-in user (the first admin, demo accounts, the first-user form)
 * keep the password their creator chose.
 */
export const markPasswordChange: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (typeof data.password !== 'string' || data.password === '') return data
  if (operation === 'update') {
    req.context[PASSWORD_SET_BY] = isSelf(req, originalDoc?.id)
      ? 'self'
      : req.user
        ? 'admin'
        : 'system'
  }
  if (!req.user) return data
  if (operation === 'create') data.mustChangePassword = true
  if (operation === 'update') data.mustChangePassword = !isSelf(req, originalDoc?.id)
  return data
}

/** Payload's reset-password operation saves through beforeValidate only. */
export const clearPasswordChangeAfterReset: CollectionBeforeValidateHook = ({ data, req }) => {
  if (req.context[IS_PASSWORD_RESET] && data) data.mustChangePassword = false
  return data
}
