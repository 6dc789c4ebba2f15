import { APIError } from 'payload'

/**
 * The answer to a locked (email, client address) pair. It never depends on whether the account
 * exists, so it tells an attacker nothing about which emails are registered.
 */
export class TooManyLoginAttempts extends APIError {
  retryAfterSeconds: number

  constructor({ retryAfterSeconds }: { retryAfterSeconds: number }) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(
      `Đăng nhập không thành công quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      429,
      null,
      true,
    )
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** A user signed in with a password an admin typed must choose their own before anything else. */
export class PasswordChangeRequired extends APIError {
  constructor() {
    super(
      'Bạn cần đổi mật khẩu do quản trị viên cấp trước khi tiếp tục: vào mục Tài khoản, nhập ' +
        'mật khẩu hiện tại và đặt mật khẩu mới.',
      403,
      null,
      true,
    )
  }
}
