import { IncomingMessage } from 'node:http'

import type { NextFunction, Request, Response } from 'express'

import busboy from 'busboy'

import {
  MAX_AUTH_BODY_BYTES,
  MAX_CONCURRENT_UPLOADS,
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  MAX_QUERY_KEY_DEPTH,
  MAX_UPLOAD_BYTES,
  MULTIPART_OVERHEAD_BYTES,
} from '../lib/limits'
import { findUnsafeValue } from '../../plugins/integrity/safeValue'

/**
 * The first line against malformed and oversized requests, before Next or Payload parse
 * anything: every refusal is a 4xx with a JSON body that names the problem. Payload's own
 * `integrity` plugin is the second line (it sees data from every door, GraphQL included).
 */

export const refuse = (res: Response, status: number, message: string, code?: string) => {
  if (res.headersSent) return
  res.status(status).json({ errors: [{ message, ...(code ? { code } : {}) }] })
}

/** The full path, also inside a middleware mounted under a prefix (where `req.path` is relative). */
export const pathOf = (req: Request) => `${req.baseUrl ?? ''}${req.path}`

const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0

const hasNul = (text: string) => text.includes('\u0000')

/** C0 control characters and DEL: never part of a path. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/** Strict percent-decoding: invalid escapes and invalid UTF-8 throw instead of passing through. */
const decodeStrict = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '))

/** Why a query string cannot be served, or null: bad escapes, NUL, keys nested too deep. */
export const queryProblem = (search: string): string | null => {
  if (!search) return null
  for (const pair of search.split('&')) {
    if (!pair) continue
    const [rawKey, ...rest] = pair.split('=')
    let key: string
    let value: string
    try {
      key = decodeStrict(rawKey)
      value = decodeStrict(rest.join('='))
    } catch {
      return `Tham số truy vấn "${rawKey.slice(0, 60)}" không phải UTF-8 hợp lệ.`
    }
    if (hasNul(key) || hasNul(value))
      return `Tham số truy vấn "${key.replaceAll('\u0000', '\\0').slice(0, 60)}" chứa ký tự NUL.`
    const depth = (key.match(/\[/g) ?? []).length
    if (depth > MAX_QUERY_KEY_DEPTH)
      return `Tham số truy vấn lồng quá sâu: ${depth} cấp, tối đa ${MAX_QUERY_KEY_DEPTH}.`
  }
  return null
}

/**
 * Refuses paths and query strings that are not valid percent-encoded UTF-8 or that carry NUL
 * (Next answered `%FF%FE` with a plain-text 500; PostgreSQL refuses NUL in text).
 */
export const rejectMalformedUrl = (req: Request, res: Response, next: NextFunction) => {
  const url = req.originalUrl ?? req.url
  const queryStart = url.indexOf('?')
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart)
  let decodedPath: string
  try {
    decodedPath = decodeURIComponent(pathname)
  } catch {
    return refuse(res, 400, 'Đường dẫn không hợp lệ: mã hoá phần trăm sai hoặc không phải UTF-8.')
  }
  if (CONTROL_CHARACTERS.test(decodedPath))
    return refuse(res, 400, 'Đường dẫn không hợp lệ: chứa ký tự điều khiển.')
  const problem = queryProblem(queryStart === -1 ? '' : url.slice(queryStart + 1))
  if (problem) return refuse(res, 400, problem)
  next()
}

const AUTH_PATHS =
  /^\/api\/users\/(login|logout|refresh-token|forgot-password|reset-password|unlock|first-register|verify\/[^/]*)\/?$/

/** Collections that accept file uploads (multipart bodies up to MAX_UPLOAD_MB). */
/** Where a multipart body carries a file: media, and the imports of units and accounts. */
const UPLOAD_PATHS = /^\/api\/(media(\/[^/]+)?|units\/import|users\/import)\/?$/

export const isMethodOverrideGet = (req: Request) =>
  req.method === 'POST' &&
  (req.headers['x-payload-http-method-override'] === 'GET' ||
    req.headers['x-http-method-override'] === 'GET')

type BodyKind = 'json' | 'form' | 'multipart'

const kindOf = (contentType: string): BodyKind | null => {
  if (contentType === 'application/json') return 'json'
  if (contentType === 'multipart/form-data') return 'multipart'
  if (contentType === 'application/x-www-form-urlencoded') return 'form'
  return null
}

const REPLAY = Symbol('replayedRequest')
const CHECKED_BODY = Symbol('checkedBody')
type Replayable = Request & { [REPLAY]?: IncomingMessage; [CHECKED_BODY]?: Buffer }

/** The bytes of a request body the guard read and checked (JSON and form bodies, not uploads). */
export const checkedBodyOf = (req: Request): Buffer | undefined => (req as Replayable)[CHECKED_BODY]

/** The request line and headers of `req` on a message Next will read instead. */
const copyHead = (req: Request, replay: IncomingMessage) => {
  for (const key of [
    'rawHeaders',
    'trailers',
    'rawTrailers',
    'method',
    'httpVersion',
    'httpVersionMajor',
    'httpVersionMinor',
  ] as const)
    (replay as unknown as Record<string, unknown>)[key] = req[key]
  // Inside a middleware mounted under a prefix Express has shortened `req.url`.
  replay.url = req.originalUrl
  replay.headers = { ...req.headers }
}

/**
 * A request whose body the guard has read is handed to Next as a fresh message carrying the same
 * head and the checked bytes (a read stream cannot be rewound; patching the old one in place broke
 * its close events).
 */
const keepReplay = (req: Request, body: Buffer) => {
  const replay = new IncomingMessage(req.socket)
  copyHead(req, replay)
  replay.headers['content-length'] = String(body.length)
  delete replay.headers['transfer-encoding']
  replay.complete = true
  replay.push(body)
  replay.push(null)
  ;(req as Replayable)[REPLAY] = replay
  ;(req as Replayable)[CHECKED_BODY] = body
}

/**
 * An upload is handed to Next as a message fed from the connection as it arrives. When Payload
 * stops reading early (a limit, a malformed part) it cancels this message, not the connection:
 * the rest of the body is read and dropped (up to the limit), so the client reads the answer
 * instead of a reset.
 */
const streamReplay = (req: Request, limit: number) => {
  const replay = new IncomingMessage(req.socket)
  copyHead(req, replay)
  let received = 0
  replay._read = () => {
    req.resume()
  }
  replay._destroy = (err, callback) => {
    req.resume()
    callback(err)
  }
  req.on('data', (chunk: Buffer) => {
    received += chunk.length
    if (replay.destroyed) {
      // Read and drop the rest so the client reads the answer; far past the limit, hang up.
      if (received > limit * 2) req.socket.destroy()
      return
    }
    if (!replay.push(chunk)) req.pause()
  })
  req.on('end', () => {
    if (!replay.destroyed) replay.push(null)
  })
  req.on('error', (err) => replay.destroy(err))
  ;(req as Replayable)[REPLAY] = replay
}

/** A session cookie or an Authorization header: whether the caller could be signed in at all. */
const hasCredentials = (req: Request) =>
  Boolean(req.headers.authorization) || /(?:^|;\s*)payload-token=/.test(req.headers.cookie ?? '')

/** What Next should read: the replayed message when the guard read the body, else the request. */
export const requestForNext = (req: Request): IncomingMessage => (req as Replayable)[REPLAY] ?? req

/** Reads a body up to `limit` bytes, counting what arrives whether or not it declared a length. */
const readBody = (req: Request, limit: number) =>
  new Promise<Buffer | 'too-large'>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let isOver = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (isOver) {
        // Keep reading (and dropping) a while so the client gets the 413 rather than a reset;
        // far past the limit, give up on the connection.
        if (size > limit * 4 + MULTIPART_OVERHEAD_BYTES) req.socket.destroy()
        return
      }
      if (size > limit) {
        isOver = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(isOver ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`

const tooLarge = (res: Response, limit: number) =>
  refuse(res, 413, `Nội dung yêu cầu quá lớn: tối đa ${megabytes(limit)}.`, 'body_too_large')

/** Drains an oversized body without keeping it, then answers 413 (the client reads the answer). */
/** Most of an oversized body read and dropped so its client can read the 413. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024

const drainAndRefuse = (req: Request, res: Response, limit: number) => {
  req.once('end', () => tooLarge(res, limit))
  req.once('error', () => res.destroy())
  // Draining is cheap but not free: past a bound (a 10 GB sign-in body), answer and hang up.
  const cap = Math.max(limit * 4, MAX_DRAIN_BYTES)
  let drained = 0
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained <= cap) return
    res.setHeader('Connection', 'close')
    tooLarge(res, limit)
    res.once('finish', () => req.socket.destroy())
    req.pause()
  })
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

type Problem = { message: string; code?: string }

/** The boundary parameter of a multipart content type, when it is one RFC 2046 allows. */
const boundaryOf = (contentType: string) => {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([\w'()+,./:=?-]{1,70}))\s*(?:;|$)/i.exec(
    contentType,
  )
  return match ? (match[1] ?? match[2]) : null
}

/** Why a JSON (or form) body cannot be served: not UTF-8, not JSON, not an object, unsafe. */
const bodyTextProblem = (body: Buffer, kind: 'json' | 'form'): Problem | null => {
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    return { message: 'Nội dung yêu cầu không phải UTF-8 hợp lệ.', code: 'invalid_utf8' }
  }
  if (kind === 'form') {
    const problem = queryProblem(text)
    return problem ? { message: problem } : null
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return {
      message: `Nội dung yêu cầu không phải JSON hợp lệ: ${(err as Error).message.slice(0, 120)}`,
      code: 'invalid_json',
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { message: 'Nội dung yêu cầu phải là một đối tượng JSON ({ … }).', code: 'not_object' }
  return findUnsafeValue(value, { maxDepth: MAX_JSON_DEPTH })
}

/**
 * The admin saves every form as multipart with the document as JSON in `_payload`. Outside the
 * upload collections such a body carries no file: it is parsed here (it is small) and `_payload`
 * checked like a JSON body.
 */
const multipartProblem = (body: Buffer, contentType: string) =>
  new Promise<Problem | null>((resolve) => {
    let problem: Problem | null = null
    const fail = (message: string, code = 'bad_multipart') => {
      problem ??= { message, code }
    }
    let parser: ReturnType<typeof busboy>
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { files: 0, fields: 50, fieldNameSize: 200, fieldSize: MAX_JSON_BYTES },
      })
    } catch {
      return resolve({ message: 'Nội dung multipart không hợp lệ.', code: 'bad_multipart' })
    }
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail('Một trường multipart quá dài.')
      if (name === '_payload') {
        const inner = bodyTextProblem(Buffer.from(value), 'json')
        if (inner) fail(`_payload: ${inner.message}`, inner.code)
      } else if (value.includes('\u0000') || name.includes('\u0000')) {
        fail(`Trường "${name.slice(0, 60)}" chứa ký tự NUL.`, 'nul_character')
      }
    })
    parser.on('file', (_name, stream) => {
      stream.resume()
      fail('Mục này không nhận tệp tải lên.', 'unexpected_file')
    })
    parser.on('filesLimit', () => fail('Mục này không nhận tệp tải lên.', 'unexpected_file'))
    parser.on('fieldsLimit', () => fail('Quá nhiều trường multipart.'))
    parser.on('error', () => {
      fail('Nội dung multipart không hợp lệ.')
      resolve(problem)
    })
    parser.on('close', () => resolve(problem))
    parser.end(body)
  })

/**
 * Guards every request body sent to the API: one size limit per route that also holds for chunked
 * bodies (small for sign-in and password reset, MAX_JSON_KB for writes, MAX_UPLOAD_MB for
 * uploads only), only the content types the API reads, and JSON or form bodies that are valid
 * UTF-8, parse, are objects, nest at most MAX_JSON_DEPTH deep and carry no NUL. What passes is
 * handed on unchanged.
 */
export const guardRequestBody = async (req: Request, res: Response, next: NextFunction) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
  // A request without a body (sign out, refresh) needs no type; one that names a type the API
  // does not read is refused even when empty, since Payload would then have no data at all.
  if (!hasBody(req) && !contentType) return next()
  const kind = kindOf(contentType)
  const path = pathOf(req)
  const isUpload = UPLOAD_PATHS.test(path)
  if (!kind || (kind === 'form' && !isMethodOverrideGet(req))) {
    return refuse(
      res,
      415,
      `Kiểu nội dung "${contentType.slice(0, 60) || 'không rõ'}" không được chấp nhận: gửi application/json${isUpload ? ' hoặc multipart/form-data' : ''}.`,
      'unsupported_media_type',
    )
  }
  const declared = req.headers['content-length']
  if (kind === 'multipart') {
    const boundary = boundaryOf(String(req.headers['content-type']))
    if (!boundary)
      return refuse(res, 400, 'Nội dung multipart thiếu tham số boundary hợp lệ.', 'bad_multipart')
    if (isUpload) {
      // Only staff upload: a caller without any credentials never gets the body parsed.
      if (!hasCredentials(req))
        return refuse(res, 401, 'Cần đăng nhập để tải tệp lên.', 'sign_in_required')
      // Streamed to Payload, whose own request limit (the same number) also counts chunked bodies.
      const limit = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES
      if (declared !== undefined && Number(declared) > limit) return drainAndRefuse(req, res, limit)
      streamReplay(req, limit)
      return next()
    }
  }
  const limit = AUTH_PATHS.test(path) ? MAX_AUTH_BODY_BYTES : MAX_JSON_BYTES
  if (declared !== undefined && Number(declared) > limit) return drainAndRefuse(req, res, limit)
  const body = await readBody(req, limit).catch(() => null)
  if (body === null) return res.destroy()
  if (body === 'too-large') return tooLarge(res, limit)
  const problem =
    kind === 'multipart'
      ? await multipartProblem(body, String(req.headers['content-type']))
      : bodyTextProblem(body, kind)
  if (problem) return refuse(res, 400, problem.message, problem.code)
  keepReplay(req, body)
  next()
}

/**
 * Decoding and resizing images takes memory (a 25-megapixel image is about 100 MB decoded):
 * at most MAX_CONCURRENT_UPLOADS are processed at once, a few more wait, the rest are told to
 * come back.
 */
export const limitConcurrentUploads = () => {
  let active = 0
  const waiting: (() => void)[] = []
  const maxWaiting = MAX_CONCURRENT_UPLOADS * 4
  const release = () => {
    active -= 1
    const nextInLine = waiting.shift()
    if (nextInLine) nextInLine()
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const isMultipart = String(req.headers['content-type'] ?? '').startsWith('multipart/')
    if (req.method === 'GET' || !UPLOAD_PATHS.test(pathOf(req)) || !isMultipart) return next()
    const start = () => {
      active += 1
      let isReleased = false
      res.once('close', () => {
        if (isReleased) return
        isReleased = true
        release()
      })
      next()
    }
    if (active < MAX_CONCURRENT_UPLOADS) return start()
    if (waiting.length >= maxWaiting) {
      res.setHeader('Retry-After', '10')
      return refuse(res, 503, 'Máy chủ đang xử lý nhiều tệp tải lên; vui lòng thử lại sau ít phút.')
    }
    waiting.push(start)
  }
}
