import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { rateLimit } from 'express-rate-limit'

import { isMethodOverrideGet, pathOf, refuse } from './requestGuard'

type Rule = {
  /** Environment variable holding `count/seconds`, e.g. `RATE_LIMIT_LOGIN=20/60`. */
  env: string
  /** Default count and window. */
  count: number
  seconds: number
  method: string
  path: RegExp
  /** What is being limited, for the message. */
  what: string
}

/**
 * Per client address (`req.ip`, which honours TRUST_PROXY). The counters live in this process:
 * behind several instances each keeps its own, so the effective limit is per instance.
 */
/** Search: counted before the public cache (see app.ts), so a cached answer still counts. */
export const searchRule: Rule = {
  env: 'RATE_LIMIT_SEARCH',
  count: 120,
  seconds: 60,
  method: 'GET',
  path: /^\/api\/search\/?$/,
  what: 'tìm kiếm',
}

/** The limits counted after the public cache (the answers it cannot give). */
export const rateLimitRules: Rule[] = [
  {
    env: 'RATE_LIMIT_LOGIN',
    count: 20,
    seconds: 60,
    method: 'POST',
    path: /^\/api\/users\/login\/?$/,
    what: 'đăng nhập',
  },
  {
    env: 'RATE_LIMIT_PASSWORD_RESET',
    count: 5,
    seconds: 15 * 60,
    method: 'POST',
    path: /^\/api\/users\/(forgot-password|reset-password)\/?$/,
    what: 'đặt lại mật khẩu',
  },
  {
    env: 'RATE_LIMIT_GRAPHQL',
    count: 60,
    seconds: 60,
    method: 'POST',
    path: /^\/api\/graphql\/?$/,
    what: 'truy vấn GraphQL',
  },
  {
    env: 'RATE_LIMIT_QUESTIONS',
    count: 10,
    seconds: 60 * 60,
    method: 'POST',
    path: /^\/api\/questions\/?$/,
    what: 'gửi câu hỏi',
  },
]

/**
 * The public read doors (feeds, embeds, oEmbed, shareable item paths, the home lists): counted
 * before the public cache, so a cached answer still counts. Generous for people, not for a loop.
 */
export const publicDoorRule: Rule = {
  env: 'RATE_LIMIT_PUBLIC',
  count: 600,
  seconds: 60,
  method: 'GET',
  path: /^\/(feeds\/|embed\.js$|embed\/|oembed$|api\/home$|(van-ban|dinh-huong|nhan-dien|tham-khao|hoi-dap)\/\d)/,
  what: 'đọc công khai',
}

/** `count/seconds` from the environment, or the rule's default; a malformed value is an error. */
export const ruleLimits = (rule: Rule, env: NodeJS.ProcessEnv = process.env) => {
  const raw = env[rule.env]
  if (!raw) return { count: rule.count, seconds: rule.seconds }
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim())
  if (!match || Number(match[2]) === 0)
    throw new Error(`${rule.env} must look like COUNT/SECONDS (e.g. 20/60), got "${raw}"`)
  return { count: Number(match[1]), seconds: Number(match[2]) }
}

/**
 * Rate limits on the doors an anonymous caller can hammer: sign-in, password reset, search,
 * GraphQL and asking questions. Answers 429 with Retry-After. `RATE_LIMIT_DISABLED=1` turns them
 * off (tests that send many requests from one address).
 */
export const rateLimits = (
  env: NodeJS.ProcessEnv = process.env,
  rules: Rule[] = rateLimitRules,
): RequestHandler => {
  if (env.RATE_LIMIT_DISABLED === '1') return (_req, _res, next) => next()
  const limiters = rules.map((rule) => {
    const { count, seconds } = ruleLimits(rule, env)
    const limiter = rateLimit({
      windowMs: seconds * 1000,
      limit: count,
      standardHeaders: 'draft-6',
      legacyHeaders: false,
      handler: (_req, res) =>
        refuse(
          res,
          429,
          `Quá nhiều yêu cầu ${rule.what} từ địa chỉ này: tối đa ${count} trong ${seconds} giây. Vui lòng thử lại sau.`,
          'rate_limited',
        ),
    })
    return { rule, limiter }
  })
  return (req: Request, res: Response, next: NextFunction) => {
    // Payload serves `POST` with `X-HTTP-Method-Override: GET` as a GET: count it as one.
    const method = isMethodOverrideGet(req) ? 'GET' : req.method
    // Each rule has its own counters: a burst of searches does not use up sign-in attempts.
    const match = limiters.find(({ rule }) => rule.method === method && rule.path.test(pathOf(req)))
    if (!match) return next()
    return match.limiter(req, res, next)
  }
}
