/** Accepts absolute http(s) URLs; empty values pass unless the field is required. */
export const validateHttpUrl =
  (field: string) =>
  (value: unknown): true | string => {
    if (value == null || value === '') return true
    try {
      const url = new URL(String(value))
      if (url.protocol === 'https:' || url.protocol === 'http:') return true
    } catch {
      // fall through to the message
    }
    return `Địa chỉ không hợp lệ: cần dạng https://… (${field} must be an absolute http(s) URL).`
  }
