/**
 * The forgotten-password mail: a one-time link to the portal's "Đặt mật khẩu mới" page
 * (`/dat-lai-mat-khau?token=…`), valid for an hour (Payload's default).
 */
export const resetPasswordEmail = (token: string) => {
  const base = (process.env.SERVER_URL || 'http://localhost:3000').replace(/\/+$/, '')
  const link = `${base}/dat-lai-mat-khau?token=${encodeURIComponent(token)}`
  return [
    '<p>Đồng chí (hoặc ai đó) vừa yêu cầu đặt lại mật khẩu tài khoản Sổ tay.</p>',
    `<p><a href="${link}">Đặt mật khẩu mới</a></p>`,
    `<p>Hoặc mở địa chỉ: ${link}</p>`,
    '<p>Đường dẫn dùng được một lần và hết hạn sau 1 giờ. Nếu đồng chí không yêu cầu, hãy bỏ qua thư này; mật khẩu cũ vẫn dùng được.</p>',
  ].join('\n')
}

/**
 * The invitation of an imported account: a one-time link to the same page, to choose the
 * password (the account has none until then), valid `days` days.
 */
export const invitationEmail = (fullName: string, token: string, days: number) => {
  const base = (process.env.SERVER_URL || 'http://localhost:3000').replace(/\/+$/, '')
  const link = `${base}/dat-lai-mat-khau?token=${encodeURIComponent(token)}`
  return {
    subject: 'Sổ tay: mời đồng chí đặt mật khẩu',
    text: [
      `Kính gửi đồng chí ${fullName},`,
      '',
      'Đồng chí đã được cấp tài khoản Sổ tay điện tử. Mở đường dẫn dưới đây để đặt mật khẩu:',
      link,
      '',
      `Đường dẫn dùng được một lần và hết hạn sau ${days} ngày. Khi hết hạn, chọn "Quên mật khẩu" ở trang đăng nhập để nhận đường dẫn mới.`,
    ].join('\n'),
  }
}
