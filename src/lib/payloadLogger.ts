import { pino } from 'pino'
import { build } from 'pino-pretty'

const MAX_MESSAGE = 1000
const MAX_STACK = 3000

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text

/** Drizzle puts the SQL and every bound value in its message: keep the statement's start only. */
const withoutValues = (message: string) =>
  message.replace(/\nparams:[\s\S]*$/, '\nparams: (omitted)')

type ErrorLike = {
  name?: string
  message?: string
  stack?: string
  code?: unknown
  status?: unknown
  cause?: unknown
}

/**
 * What an error may write to the log: bounded in size, and without the values of the query that
 * failed (they are user data, and one request with 100,000 ids wrote 100,000 lines).
 */
export const boundedError = (err: unknown, depth = 0): Record<string, unknown> => {
  if (!err || typeof err !== 'object') return { message: truncate(String(err), MAX_MESSAGE) }
  const error = err as ErrorLike
  const entry: Record<string, unknown> = {
    type: error.name ?? 'Error',
    message: truncate(withoutValues(String(error.message ?? '')), MAX_MESSAGE),
  }
  if (error.code !== undefined) entry.code = String(error.code).slice(0, 40)
  if (typeof error.status === 'number') entry.status = error.status
  if (error.stack) entry.stack = truncate(withoutValues(error.stack), MAX_STACK)
  if (error.cause && depth < 2) entry.cause = boundedError(error.cause, depth + 1)
  return entry
}

/**
 * Payload's logger with its usual pretty output, but errors (and any message) bounded so that no
 * single request can flood the log.
 */
export const payloadLogger = () =>
  pino(
    {
      name: 'payload',
      enabled: process.env.DISABLE_LOGGING !== 'true',
      serializers: { err: (err: unknown) => boundedError(err) },
      hooks: {
        logMethod(args, method) {
          const bounded = args.map((arg) =>
            typeof arg === 'string' ? truncate(withoutValues(arg), MAX_MESSAGE) : arg,
          ) as Parameters<typeof method>
          method.apply(this, bounded)
        },
      },
    },
    build({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
  )
