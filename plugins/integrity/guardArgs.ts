import type {
  CollectionBeforeOperationHook,
  FlattenedField,
  SanitizedCollectionConfig,
} from 'payload'

import { APIError } from 'payload'

import type { GuardLimits } from './types'
import {
  type SeesAllRelations,
  checkRelationSort,
  rewriteRelationFilters,
} from './relationVisibility'
import { findUnsafeValue } from './safeValue'

type Where = Record<string, unknown>

const badRequest = (message: string) => new APIError(message, 400, undefined, true)

const COMPARISONS = ['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const SETS = ['in', 'not_in', 'all']
const TEXT_OPS = ['equals', 'not_equals', 'in', 'not_in', 'like', 'not_like', 'contains', 'exists']

/** Which operators each kind of field can answer; anything else would fail in the database. */
const operatorsFor = (type: string): string[] => {
  switch (type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return [...TEXT_OPS, ...COMPARISONS]
    case 'select':
    case 'radio':
      // PostgreSQL enums: no pattern matching.
      return ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists']
    case 'number':
    case 'date':
      return ['equals', 'not_equals', 'in', 'not_in', 'exists', ...COMPARISONS]
    case 'checkbox':
      return ['equals', 'not_equals', 'exists']
    case 'relationship':
    case 'upload':
    case 'id':
      return ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', ...COMPARISONS]
    case 'point':
      return ['equals', 'not_equals', 'exists', 'near', 'within', 'intersects']
    case 'richText':
    case 'json':
      return ['exists']
    default:
      return ['exists']
  }
}

const INT4_MAX = 2_147_483_647

/** Fields of an auth collection that only Payload writes. */
const AUTH_SYSTEM_FIELDS = [
  'sessions',
  'hash',
  'salt',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'loginAttempts',
  'lockUntil',
  '_verified',
  '_verificationToken',
]

/** Ids are positive integers within PostgreSQL's `integer`; anything else matches nothing. */
const isIdLike = (value: unknown) =>
  value === null ||
  (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= INT4_MAX) ||
  (typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) <= INT4_MAX)

/** The fields of another collection, to follow a path through a relationship. */
type FieldsOf = (slug: string) => FlattenedField[] | undefined

const fieldAt = (
  fields: FlattenedField[],
  path: string,
  fieldsOf: FieldsOf,
  hops = 0,
): FlattenedField | 'id' | 'system' | null => {
  const [head, ...rest] = path.split('.')
  if (head === 'id' && rest.length === 0) return 'id'
  const field = fields.find((candidate) => candidate.name === head)
  if (!field) return null
  if (rest.length === 0) return field
  if (field.type === 'group' || field.type === 'tab') {
    const nested = (field as { flattenedFields: FlattenedField[] }).flattenedFields
    return fieldAt(nested, rest.join('.'), fieldsOf, hops)
  }
  const target = (field as { relationTo?: unknown }).relationTo
  if ((field.type === 'relationship' || field.type === 'upload') && typeof target === 'string') {
    const related = fieldsOf(target)
    if (related && hops < 3) return fieldAt(related, rest.join('.'), fieldsOf, hops + 1)
  }
  // Paths into arrays, blocks and polymorphic links are resolved by Payload itself.
  return 'system'
}

const GEOMETRIC_OPS = ['near', 'within', 'intersects']

/** Operators any path may use whatever it leads to; the geometric ones only reach points. */
const GENERIC_OPS = ['equals', 'not_equals', 'in', 'not_in', 'exists', ...COMPARISONS]

const valuesOf = (operator: string, value: unknown): unknown[] => {
  if (!SETS.includes(operator)) return [value]
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return value.split(',')
  return [value]
}

/**
 * Checks a `where` before it reaches the query builder: bounded size and nesting, operators that
 * fit the field, set filters of a bounded length, and ids within the database's range. Payload
 * itself checks that the paths exist and that the caller may read them.
 */
export const checkWhere = (
  where: unknown,
  collection: Pick<SanitizedCollectionConfig, 'flattenedFields'>,
  limits: GuardLimits,
  fieldsOf: FieldsOf = () => undefined,
  isVersions = false,
) => {
  let conditions = 0
  const visit = (node: unknown, depth: number) => {
    if (node == null) return
    if (typeof node !== 'object' || Array.isArray(node))
      throw badRequest('Điều kiện lọc (where) phải là một đối tượng.')
    if (depth > limits.maxWhereDepth)
      throw badRequest(`Điều kiện lọc lồng quá sâu: tối đa ${limits.maxWhereDepth} cấp and/or.`)
    for (const [key, value] of Object.entries(node as Where)) {
      // Payload reads `AND`, `Or`… as and/or too.
      if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
        if (!Array.isArray(value))
          throw badRequest(`"${key}" trong điều kiện lọc phải là một danh sách.`)
        for (const child of value) visit(child, depth + 1)
        continue
      }
      // Versions are filtered by `version.<field>`; the rest of their paths are Payload's own.
      const path = isVersions && key.startsWith('version.') ? key.slice('version.'.length) : key
      const field = fieldAt(collection.flattenedFields, path, fieldsOf)
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        if (!field) continue // Payload answers an unknown path with its own 400.
        throw badRequest(`Điều kiện lọc của "${key}" phải có dạng { toán_tử: giá_trị }.`)
      }
      for (const [operator, operand] of Object.entries(value as Where)) {
        conditions += 1
        if (conditions > limits.maxWhereConditions)
          throw badRequest(`Quá nhiều điều kiện lọc: tối đa ${limits.maxWhereConditions}.`)
        // The database adapter implements these for point fields only, whatever the path.
        if (
          GEOMETRIC_OPS.includes(operator) &&
          (typeof field !== 'object' || field?.type !== 'point')
        )
          throw badRequest(
            `Toán tử "${operator}" chỉ dùng được với trường toạ độ, không với "${key}".`,
          )
        if (!field) continue
        if (field === 'system') {
          if (
            !GENERIC_OPS.includes(operator) &&
            !['like', 'not_like', 'contains'].includes(operator)
          )
            throw badRequest(`Toán tử "${operator}" không dùng được với "${key}".`)
          continue
        }
        const type = field === 'id' ? 'id' : field.type
        const isVirtual = field !== 'id' && Boolean((field as { virtual?: unknown }).virtual)
        if (isVirtual)
          throw badRequest(`Không lọc được theo "${key}": trường này được tính khi đọc.`)
        const allowed = operatorsFor(type)
        if (!allowed.includes(operator))
          throw badRequest(
            `Toán tử "${operator}" không dùng được với trường "${key}"; dùng: ${allowed.join(', ')}.`,
          )
        if (
          !SETS.includes(operator) &&
          operator !== 'near' &&
          operand !== null &&
          typeof operand === 'object' &&
          // The admin's own queries compare dates as Date objects.
          !(operand instanceof Date)
        )
          throw badRequest(
            `Toán tử "${operator}" của "${key}" nhận một giá trị, không phải danh sách.`,
          )
        if (operator === 'exists' && !['true', 'false', true, false].includes(operand as never))
          throw badRequest(`"exists" của "${key}" nhận true hoặc false.`)
        const values = valuesOf(operator, operand)
        if (values.length > limits.maxWhereValues)
          throw badRequest(
            `Quá nhiều giá trị cho "${key}" (${values.length}): tối đa ${limits.maxWhereValues}.`,
          )
        if (operator === 'exists') continue
        if (
          (type === 'id' || type === 'relationship' || type === 'upload') &&
          !values.every(isIdLike)
        )
          throw badRequest(`Giá trị lọc của "${key}" phải là mã số nguyên dương.`)
      }
    }
  }
  visit(where, 0)
}

const isNumeric = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

/** What a scalar field accepts as a written value (null clears it). */
const acceptsValue: Record<string, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string',
  textarea: (value) => typeof value === 'string',
  email: (value) => typeof value === 'string',
  code: (value) => typeof value === 'string',
  date: (value) => typeof value === 'string',
  number: isNumeric,
  checkbox: (value) => typeof value === 'boolean',
}

/**
 * Top-level scalar fields get a value of their type before any hook runs: Payload validates
 * types only after its own hooks and upload processing, which tripped over a number given for
 * `mimeType` (a 500). Fields with `hasMany` take lists and are left to Payload.
 */
const checkScalarTypes = (data: Record<string, unknown>, fields: FlattenedField[]) => {
  for (const field of fields) {
    const value = data[field.name]
    if (value == null || (field as { hasMany?: boolean }).hasMany) continue
    const accepts = acceptsValue[field.type]
    if (accepts && !accepts(value))
      throw badRequest(`Giá trị của "${field.name}" không đúng kiểu (${field.type}).`)
    if ((field.type === 'select' || field.type === 'radio') && typeof value !== 'string')
      throw badRequest(`Giá trị của "${field.name}" phải là một lựa chọn (chuỗi).`)
  }
}

const integerArg = (name: string, value: unknown) => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw badRequest(`"${name}" phải là số nguyên, nhận được "${String(value).slice(0, 40)}".`)
  return number
}

type ReadArgs = {
  overrideAccess?: boolean
  where?: unknown
  limit?: unknown
  page?: unknown
  pagination?: boolean
  data?: unknown
  sort?: unknown
}

/**
 * Every request-driven operation passes here before Payload runs it (REST, GraphQL, the admin):
 * page size and page number within bounds (`limit=0` or a huge limit gets the largest page, not
 * every row), a `where` that the database can answer, and data with no NUL, no `__proto__` key
 * and no absurd nesting. Calls the server makes for itself (`overrideAccess: true`) are trusted.
 */
export const guardArgs =
  (limits: GuardLimits, seesAllRelations: SeesAllRelations): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    const input = args as ReadArgs
    if (input.overrideAccess === true) return args
    if ('where' in input && input.where != null) {
      const unsafe = findUnsafeValue(input.where, { maxDepth: limits.maxWhereDepth * 2 + 4 })
      if (unsafe) throw badRequest(`Điều kiện lọc: ${unsafe.message}`)
      checkWhere(
        input.where,
        collection,
        limits,
        (slug) =>
          (req.payload.collections as Record<string, { config: SanitizedCollectionConfig }>)[slug]
            ?.config.flattenedFields,
        (operation as string) === 'findVersions' || (operation as string) === 'countVersions',
      )
      if (!seesAllRelations(req))
        input.where = (await rewriteRelationFilters(
          input.where,
          collection,
          req,
        )) as ReadArgs['where']
    }
    if (input.sort != null && !seesAllRelations(req)) checkRelationSort(input.sort, collection)
    if (
      operation === 'read' ||
      operation === 'readDistinct' ||
      (operation as string) === 'findVersions'
    ) {
      if (input.limit !== undefined) {
        const limit = integerArg('limit', input.limit)
        if (limit < 0) throw badRequest('"limit" không được âm.')
        input.limit = limit === 0 || limit > limits.maxPageSize ? limits.maxPageSize : limit
      }
      if (input.pagination === false) {
        input.pagination = true
        input.limit ??= limits.maxPageSize
      }
      if (input.page !== undefined) {
        const page = integerArg('page', input.page)
        if (page < 1 || page > limits.maxPage)
          throw badRequest(`"page" phải từ 1 đến ${limits.maxPage}, nhận được ${page}.`)
        input.page = page
      }
    }
    if ((operation === 'create' || operation === 'update') && input.data == null && req.file) {
      // An upload sent without its `_payload`: the file alone is the data.
      input.data = {}
    }
    if ((operation === 'create' || operation === 'update') && input.data == null)
      throw badRequest('Thiếu dữ liệu: gửi một đối tượng JSON ({ … }).')
    if ((operation === 'create' || operation === 'update') && input.data != null) {
      if (typeof input.data !== 'object' || Array.isArray(input.data))
        throw badRequest('Dữ liệu gửi lên phải là một đối tượng ({ … }).')
      const problem = findUnsafeValue(input.data, { maxDepth: limits.maxDataDepth })
      if (problem) throw badRequest(problem.message)
      checkScalarTypes(input.data as Record<string, unknown>, collection.flattenedFields)
      // Payload keeps these itself; a value sent for one (`"sessions": null`) broke the save.
      if (collection.auth)
        for (const key of AUTH_SYSTEM_FIELDS) delete (input.data as Record<string, unknown>)[key]
    }
    return args
  }
