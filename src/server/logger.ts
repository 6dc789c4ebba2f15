type Entry = string | { msg: string; err?: unknown; [key: string]: unknown }

const isDebug = process.env.LOG_LEVEL === 'debug'

const write = (level: 'debug' | 'info' | 'warn' | 'error', entry: Entry) => {
  if (level === 'debug' && !isDebug) return
  const { msg, err, ...rest } = typeof entry === 'string' ? { msg: entry } : entry
  const line = `[sotay] ${level.toUpperCase()} ${msg}${Object.keys(rest).length ? ' ' + JSON.stringify(rest) : ''}`
  const out = level === 'error' || level === 'warn' ? console.error : console.log
  out(line)
  if (err) out(err)
}

/** The host's own log lines (Payload keeps its pino logger for what happens inside it). */
export const logger = {
  debug: (entry: Entry) => write('debug', entry),
  info: (entry: Entry) => write('info', entry),
  warn: (entry: Entry) => write('warn', entry),
  error: (entry: Entry) => write('error', entry),
}
