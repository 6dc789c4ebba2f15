import type { Config } from 'payload'

import { LoginAttempts } from '../../collections/LoginAttempts'
import { passwordChangeGate } from './passwordChangeGate'

/**
 * Account security that spans collections: the sign-in attempts table behind the per-address
 * lockout, and the forced password change in front of every collection and endpoint. The rules
 * of the users collection itself (throttled sign-in, password policy) live in collections/Users.ts.
 * Listed last in `plugins`.
 */
export const accountSecurity =
  () =>
  (config: Config): Config =>
    passwordChangeGate()({ ...config, collections: [...(config.collections ?? []), LoginAttempts] })
