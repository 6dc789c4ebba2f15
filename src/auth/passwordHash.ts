import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Payload's password hashes (payload/dist/auth/strategies/local/generatePasswordSaltHash.js):
 * `pbkdf2-sha256-v1:` + 600,000 iterations and a 32-byte key today; no prefix for the legacy
 * 25,000 iterations and 512-byte key, rehashed on the account's next sign-in.
 */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

const derive = (password: string, salt: string, { iterations, keyLength }: typeof CURRENT) =>
  new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, iterations, keyLength, 'sha256', (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )

/** Whether `password` matches a stored Payload hash and salt, in constant time. */
export const verifyPassword = async ({
  password,
  hash,
  salt,
}: {
  password: string
  hash: unknown
  salt: unknown
}) => {
  if (typeof hash !== 'string' || typeof salt !== 'string') return false
  const isCurrent = hash.startsWith(CURRENT_PREFIX)
  const stored = Buffer.from(isCurrent ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const derived = await derive(password, salt, isCurrent ? CURRENT : LEGACY)
  return derived.length === stored.length && timingSafeEqual(derived, stored)
}

const DUMMY_SALT = randomBytes(32).toString('hex')

/** The hash work a real account costs at sign-in, spent when there is no account to check. */
export const spendPasswordWork = async (password: string) => {
  await derive(password, DUMMY_SALT, CURRENT)
}
