type ErrorLike = {
  name?: string
  message?: string
  code?: unknown
  cause?: unknown
}

/** PostgreSQL error codes that only what the client sent can cause, with what to tell them. */
const CLIENT_DB_ERRORS: Record<string, { status: number; message: string }> = {
  '23503': { status: 400, message: 'Mục được liên kết không tồn tại.' },
  '23505': { status: 409, message: 'Giá trị này đã được dùng cho một mục khác.' },
  '22P02': { status: 400, message: 'Giá trị không đúng kiểu dữ liệu.' },
  '22007': { status: 400, message: 'Ngày giờ không hợp lệ.' },
  '22008': { status: 400, message: 'Ngày giờ nằm ngoài phạm vi.' },
  '22001': { status: 400, message: 'Giá trị quá dài.' },
  '22003': { status: 400, message: 'Số nằm ngoài phạm vi cho phép.' },
  '22021': { status: 400, message: 'Văn bản chứa ký tự không hợp lệ (NUL hoặc không phải UTF-8).' },
  '22P05': { status: 400, message: 'Văn bản chứa ký tự không lưu được (NUL).' },
  '2201W': { status: 400, message: 'Số mục mỗi trang (limit) không hợp lệ.' },
  '2201X': { status: 400, message: 'Số trang (page) không hợp lệ.' },
  '2201B': { status: 400, message: 'Biểu thức tìm kiếm không hợp lệ.' },
  '22025': { status: 400, message: 'Chuỗi tìm kiếm có ký tự thoát không hợp lệ.' },
  '22019': { status: 400, message: 'Chuỗi tìm kiếm có ký tự thoát không hợp lệ.' },
  '22023': { status: 400, message: 'Giá trị tham số không hợp lệ.' },
  '42804': { status: 400, message: 'Giá trị lọc không đúng kiểu của trường.' },
  '42883': { status: 400, message: 'Toán tử lọc không dùng được với kiểu của trường này.' },
  '54000': { status: 413, message: 'Giá trị quá lớn để lưu hoặc đánh chỉ mục.' },
  '54001': { status: 400, message: 'Truy vấn quá phức tạp.' },
  '08P01': { status: 400, message: 'Truy vấn có quá nhiều giá trị.' },
}

/** What busboy (Payload's multipart parser) says of a body that is not well-formed multipart. */
const MALFORMED_MULTIPART =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Request is not eligible for file upload)/

/** The PostgreSQL error code carried by an error or one of its causes (drizzle wraps them). */
const databaseCodeOf = (err: unknown): string | null => {
  let current = err as ErrorLike | undefined
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code
    current = current.cause as ErrorLike | undefined
  }
  return null
}

/**
 * What to answer when an error that reached the API was caused by the request rather than by a
 * fault of ours: invalid values that got as far as PostgreSQL, JSON that does not parse (e.g. a
 * multipart `_payload`), or input nested deep enough to exhaust the stack. Null for real faults,
 * which stay 500s.
 */
export const clientErrorOf = (err: unknown): { status: number; message: string } | null => {
  const code = databaseCodeOf(err)
  if (code && CLIENT_DB_ERRORS[code]) return CLIENT_DB_ERRORS[code]
  const error = err as ErrorLike | undefined
  if (error?.name === 'SyntaxError' && /JSON/i.test(error.message ?? ''))
    return { status: 400, message: 'Nội dung không phải JSON hợp lệ.' }
  if (MALFORMED_MULTIPART.test(error?.message ?? ''))
    return { status: 400, message: 'Nội dung multipart không hợp lệ.' }
  if (error?.name === 'RangeError' && /call stack/i.test(error.message ?? ''))
    return { status: 400, message: 'Dữ liệu lồng nhau quá sâu.' }
  return null
}
