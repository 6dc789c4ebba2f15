/** Account-security knobs, read once from the environment (documented in the README). */

const positiveInt = (value: string | undefined, fallback: number) => {
  const parsed = Number(value)
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback
}

/** Failed sign-ins one (email, client address) pair may make before it is locked out. */
export const loginMaxAttempts = () => positiveInt(process.env.LOGIN_MAX_ATTEMPTS, 5)

/** How long a locked (email, client address) pair waits, in minutes. */
export const loginLockMinutes = () => positiveInt(process.env.LOGIN_LOCK_MINUTES, 10)

/** Shortest password accepted anywhere a password is set. */
export const passwordMinLength = () => positiveInt(process.env.PASSWORD_MIN_LENGTH, 10)

/** Session cookies only travel over TLS when the public URL is https (a proxy terminates it). */
export const isHttpsServer = () => Boolean(process.env.SERVER_URL?.startsWith('https://'))
