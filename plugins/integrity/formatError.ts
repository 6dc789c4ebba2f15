import type { AfterErrorHook } from 'payload'

type FieldError = { path?: string; message?: string; label?: unknown }
type ErrorLike = {
  name?: string
  message?: string
  status?: number
  data?: { errors?: FieldError[] }
  cause?: { code?: string; detail?: string }
}

/** Postgres error codes that can only come from what the client sent. */
const CLIENT_DB_ERRORS: Record<string, string> = {
  '23503': 'Mục được liên kết không tồn tại (a referenced item does not exist).',
  '22P02': 'Giá trị không đúng kiểu dữ liệu (a value has the wrong type).',
  '22007': 'Ngày giờ không hợp lệ (invalid date or time).',
  '22008': 'Ngày giờ nằm ngoài phạm vi (date or time out of range).',
  '22001': 'Giá trị quá dài (a value is too long).',
  '22003': 'Số nằm ngoài phạm vi (a number is out of range).',
  // A negative page or limit reaching the database (OFFSET/LIMIT must not be negative).
  '2201X': 'Số trang không hợp lệ: page phải từ 1 trở lên.',
  '2201W': 'Số mục mỗi trang không hợp lệ: limit không được âm.',
}

/**
 * Keeps the field-level details of validation errors in REST responses (`errors[0].data.errors`
 * with each field's path), and answers 400 instead of 500 for database errors that only bad input
 * can cause, over REST and (as the error's `extensions.statusCode`) over GraphQL.
 */
export const formatError: AfterErrorHook = ({ error, graphqlResult, result }) => {
  // Over GraphQL the database error is wrapped: Payload's handler passes the GraphQLError.
  const err = ((error as { originalError?: ErrorLike })?.originalError ?? error) as ErrorLike
  if (err?.name === 'ValidationError' && Array.isArray(err.data?.errors)) {
    return {
      status: 400,
      response: {
        errors: [
          {
            name: 'ValidationError',
            message: err.message,
            data: {
              errors: err.data.errors.map(({ path, message }) => ({ path, message })),
            },
          },
        ],
      },
    }
  }
  const code = err?.cause?.code
  if (code && CLIENT_DB_ERRORS[code]) {
    if (graphqlResult) {
      return {
        graphqlResult: {
          ...graphqlResult,
          message: CLIENT_DB_ERRORS[code],
          extensions: { ...graphqlResult.extensions, name: 'ValidationError', statusCode: 400 },
        },
      }
    }
    return { status: 400, response: { errors: [{ message: CLIENT_DB_ERRORS[code] }] } }
  }
  return { response: result }
}
