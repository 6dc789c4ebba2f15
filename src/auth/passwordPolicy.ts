import { commonPasswords } from './commonPasswords'
import { passwordMinLength } from './settings'

/** Long enough for a passphrase; bounded because every check hashes it 600,000 times. */
export const PASSWORD_MAX_LENGTH = 256

/** The leading and trailing digits and symbols people add to a word to pass a rule. */
const decorations = /^[\d\W_]+|[\d\W_]+$/gu

const isCommon = (password: string) => {
  const lower = password.toLowerCase()
  const core = lower.replace(decorations, '')
  return (
    commonPasswords.has(lower) ||
    // Only digits and symbols: dates, phone numbers, keyboard runs.
    core === '' ||
    commonPasswords.has(core) ||
    // A character or two repeated ("aaaaaaaaaa", "abababab").
    new Set(lower).size < 4
  )
}

/**
 * Why a password is refused, as a message for the user, or `null` when it is acceptable: long
 * enough (PASSWORD_MIN_LENGTH, 10 by default), not one of the most common passwords, and not
 * built on the account's own email name.
 */
export const passwordProblem = ({
  password,
  email,
  minLength = passwordMinLength(),
}: {
  password: string
  email?: string | null
  minLength?: number
}): string | null => {
  const length = [...password].length
  if (length < minLength) return `Mật khẩu phải có ít nhất ${minLength} ký tự.`
  if (length > PASSWORD_MAX_LENGTH)
    return `Mật khẩu chỉ được dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`
  if (isCommon(password))
    return 'Mật khẩu này quá phổ biến nên rất dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một cụm vài từ dễ nhớ.'
  const localPart = email?.split('@')[0]?.toLowerCase().trim() ?? ''
  // Very short names (e.g. "an") would refuse half of all passwords; from three letters on they
  // are what an attacker tries first.
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart))
    return 'Mật khẩu không được chứa tên tài khoản (phần trước dấu @ của email).'
  return null
}
