import type { NextFunction, Request, Response } from 'express'

import { refuse } from './requestGuard'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const originOf = (url: string | undefined) => {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * Refuses state-changing requests that a browser sent from another site (CSRF): the session
 * cookie would ride along. Our own origin is SERVER_URL's, and the one the request was addressed
 * to (Host, and the scheme Express sees, which honours TRUST_PROXY). Requests without Origin and
 * without Sec-Fetch-Site come from programs, not from a page, and carry their own credentials.
 * Feeds, embeds and oEmbed are read with GET and stay open to every origin.
 */
export const refuseForeignOrigin = (serverUrl = process.env.SERVER_URL) => {
  const configured = originOf(serverUrl)
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const origin = req.headers.origin
    const own = new Set([configured, originOf(`${req.protocol}://${req.headers.host}`)])
    if (origin !== undefined) {
      if (own.has(origin)) return next()
      return refuse(
        res,
        403,
        `Yêu cầu thay đổi dữ liệu từ trang khác (${String(origin).slice(0, 80)}) bị từ chối.`,
        'foreign_origin',
      )
    }
    const site = req.headers['sec-fetch-site']
    if (site === 'cross-site' || site === 'same-site')
      return refuse(
        res,
        403,
        'Yêu cầu thay đổi dữ liệu từ trang khác bị từ chối.',
        'foreign_origin',
      )
    next()
  }
}
