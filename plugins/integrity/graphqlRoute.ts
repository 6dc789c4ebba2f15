import { GraphQLError, Lexer, Source, TokenKind, parse } from 'graphql'

import type { GraphQLLimits, LimitName } from './graphqlLimits'
import { findFragmentCycle, messages } from './graphqlLimits'

type RouteHandler = (request: Request) => Promise<Response>

type Refusal = { message: string; limit?: LimitName; max?: number; actual?: number }

const JSON_TYPE = 'application/json; charset=utf-8'

const refuse = ({ message, ...details }: Refusal, status = 400) =>
  new Response(
    JSON.stringify({ errors: [{ message, extensions: { statusCode: status, ...details } }] }),
    {
      status,
      headers: { 'Content-Type': JSON_TYPE },
    },
  )

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const OPENERS = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L])
const CLOSERS = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R])

/**
 * Deepest nesting of braces, brackets and parentheses, read token by token without building a
 * tree: graphql's parser and its validation rules recurse, so a query nested thousands deep
 * must be refused before either sees it.
 */
const lexicalNesting = (query: string) => {
  const lexer = new Lexer(new Source(query))
  let nesting = 0
  let deepest = 0
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    if (OPENERS.has(token.kind)) deepest = Math.max(deepest, ++nesting)
    else if (CLOSERS.has(token.kind)) nesting--
  }
  return deepest
}

const syntaxError = (err: unknown): Refusal => {
  const where = err instanceof GraphQLError ? err.locations?.[0] : undefined
  return {
    message: where
      ? `Truy vấn GraphQL sai cú pháp ở dòng ${where.line}, cột ${where.column}.`
      : 'Truy vấn GraphQL sai cú pháp.',
  }
}

/**
 * What is wrong with a GraphQL request body, or null. Only what needs no schema: the JSON and
 * its fields, the query's size, nesting, syntax and fragment cycles. Cost, aliases, depth and
 * arguments are the validation rule's (graphqlLimits.ts), inside Payload's handler.
 */
export const checkGraphQLBody = (text: string, limits: GraphQLLimits): Refusal | null => {
  if (text.trim() === '') {
    return { message: 'Thiếu nội dung yêu cầu: hãy gửi một đối tượng JSON có trường "query".' }
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { message: 'Nội dung yêu cầu không phải JSON hợp lệ.' }
  }
  if (!isPlainObject(body)) {
    return { message: 'Nội dung yêu cầu phải là một đối tượng JSON có trường "query".' }
  }
  const { query, variables, operationName } = body
  if (typeof query !== 'string' || query.trim() === '') {
    return { message: 'Trường "query" phải là một chuỗi truy vấn GraphQL.' }
  }
  if (variables != null && !isPlainObject(variables)) {
    return { message: 'Trường "variables" phải là một đối tượng JSON.' }
  }
  if (operationName != null && typeof operationName !== 'string') {
    return { message: 'Trường "operationName" phải là một chuỗi.' }
  }
  const bytes = Buffer.byteLength(query)
  if (bytes > limits.maxQueryBytes) {
    return {
      message: messages.queryBytes(bytes, limits.maxQueryBytes),
      limit: 'queryBytes',
      max: limits.maxQueryBytes,
      actual: bytes,
    }
  }
  try {
    // Input values (`where`) nest inside fields, hence the room above the field depth.
    const nesting = lexicalNesting(query)
    if (nesting > limits.maxDepth * 3) {
      return { message: messages.depth(limits.maxDepth), limit: 'depth', max: limits.maxDepth }
    }
    const cycle = findFragmentCycle(parse(query, { noLocation: true }))
    if (cycle) return { message: messages.fragmentCycle(cycle), limit: 'fragmentCycle' }
  } catch (err) {
    return syntaxError(err)
  }
  return null
}

type Payload = { data?: Record<string, unknown> | null; errors?: { extensions?: unknown }[] }

const statusCodeOf = (error: { extensions?: unknown }) =>
  (error.extensions as { statusCode?: unknown } | undefined)?.statusCode

/**
 * graphql-http answers HTTP 200 to a request that failed validation when the client accepts
 * `application/json` (every browser and curl), and Payload's handler offers no hook for the
 * status. A response that carries no data and only the client's errors is a 400.
 */
const clientErrorStatus = (text: string): number | null => {
  if (!text.startsWith('{"errors"')) return null
  let result: Payload
  try {
    result = JSON.parse(text) as Payload
  } catch {
    return null
  }
  const errors = result.errors ?? []
  if (errors.length === 0) return null
  // Errors only: the request never ran (syntax, validation, variables).
  if (result.data === undefined) return 400
  const hasData = Object.values(result.data ?? {}).some((value) => value != null)
  const isClientOnly = errors.every((error) => statusCodeOf(error) === 400)
  return !hasData && isClientOnly ? 400 : null
}

/**
 * Wraps Payload's GraphQL route: a malformed body, an oversized or cyclic query is answered 400
 * before Payload parses anything (its own JSON error and its complexity rule's recursion on a
 * fragment cycle both ended as 500s), and a response that only reports the client's mistakes
 * gets a 400 status.
 */
export const guardGraphQLRoute =
  ({ handler, limits }: { handler: RouteHandler; limits: GraphQLLimits }): RouteHandler =>
  async (request) => {
    const [mediaType] = (request.headers.get('content-type') ?? '').split(';', 1)
    if (request.method === 'POST' && mediaType.trim().toLowerCase() === 'application/json') {
      const refusal = checkGraphQLBody(await request.clone().text(), limits)
      if (refusal) return refuse(refusal)
    }
    let response: Response
    try {
      response = await handler(request)
    } catch (err) {
      const status = (err as { status?: unknown })?.status
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return refuse({ message: (err as Error).message }, status)
      }
      throw err
    }
    if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) {
      return response
    }
    const text = await response.text()
    return new Response(text, {
      status: clientErrorStatus(text) ?? response.status,
      headers: response.headers,
    })
  }
