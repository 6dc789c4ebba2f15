export type UnsafeValue = { code: 'too_deep' | 'nul_character' | 'forbidden_key'; message: string }

const pathText = (path: (string | number)[]) =>
  path.length === 0
    ? 'nội dung'
    : path
        .map((part, index) =>
          typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
        )
        .join('')
        .slice(0, 120)

/**
 * The first thing in a parsed value that no part of the handbook can store or should walk: nesting
 * deeper than `maxDepth` (recursive code further on would overflow the stack), a NUL character
 * (PostgreSQL text cannot hold one) or a `__proto__` key (prototype pollution). Iterative, so a
 * hostile value cannot overflow this check's own stack.
 */
export const findUnsafeValue = (
  root: unknown,
  { maxDepth }: { maxDepth: number },
): UnsafeValue | null => {
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [
    { value: root, depth: 0, path: [] },
  ]
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return {
          code: 'nul_character',
          message: `Giá trị tại "${pathText(path)}" chứa ký tự NUL (\\u0000), không lưu được.`,
        }
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= maxDepth)
      return {
        code: 'too_deep',
        message: `Dữ liệu lồng nhau quá sâu tại "${pathText(path)}": tối đa ${maxDepth} cấp.`,
      }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value)
    for (const [key, item] of entries) {
      if (typeof key === 'string') {
        if (key === '__proto__')
          return { code: 'forbidden_key', message: `Tên trường "__proto__" không được phép.` }
        if (key.includes('\u0000'))
          return {
            code: 'nul_character',
            message: `Tên trường tại "${pathText(path)}" chứa ký tự NUL (\\u0000).`,
          }
      }
      stack.push({ value: item, depth: depth + 1, path: [...path, key] })
    }
  }
  return null
}
