import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import express, { type Request, type Response, type Router } from 'express'
import type { Payload } from 'payload'

import type { ContentSlug } from '../../collections/slugs'
import {
  type PublicItem,
  findCurrentItem,
  isContentSlug,
  listCurrentItems,
  sectionTitles,
  serverUrl,
} from '../public/items'
import { projectRoot } from './environment'
import { logger } from './logger'
import { parseSharePath } from './sharePages'
import { escapeMarkup } from '../lib/escape'

/**
 * The doors outside sites embed the handbook through (mounted at the root, before the portal's
 * static files and its strict CSP, so every answer here sets its own policy):
 * - `GET /embed.js`: the dependency-free `<sotay-feed>` custom element (src/public/embed/embed.js);
 * - `GET /embed/<slug|all>?limit=N`: a small server-rendered list for sites that forbid scripts;
 * - `GET /embed/<slug>/<id>`: one item as a card (what oEmbed's iframe shows);
 * - `GET /oembed?url=…&format=json`: oEmbed 1.0, type `rich`, for the portal's item pages.
 * Everything is read through src/public/items.ts (public, published, current items only) and never
 * depends on who is asking: cookies and tokens are ignored. The host adds CORS `*`, CORP
 * cross-origin, and drops X-Frame-Options for `/embed/*`; caching is the public cache's job.
 */

const EMBED_DIR = path.join(projectRoot, 'src', 'public', 'embed')

export const EMBED_LIMIT = { default: 10, max: 20 }
/** The oEmbed card's natural size (the iframe of `/embed/<slug>/<id>`). */
export const CARD_SIZE = { width: 480, height: 240 }
const MAX_URL_LENGTH = 2048
const SUMMARY_LENGTH = 240

const esc = escapeMarkup

const short = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'medium',
})
const vietnameseDate = (iso: string) => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date)
}

/** `?name=` as one string, `undefined` when absent, `null` when repeated or nested. */
const queryValue = (req: Request, name: string): string | undefined | null => {
  const value = (req.query as Record<string, unknown>)[name]
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : null
}

/** A positive integer up to `max` written in decimal, else null. */
const positiveInt = (value: string, max: number) => {
  if (!/^\d{1,6}$/.test(value)) return null
  const n = Number(value)
  return n >= 1 && n <= max ? n : null
}

const ID = /^[1-9]\d{0,15}$/
const itemId = (value: string) => (ID.test(value) ? Number(value) : null)

const embedPath = (collection: ContentSlug, id: number) =>
  `${serverUrl()}/embed/${collection}/${id}`
const sectionLink = (slug: string) => `${serverUrl()}/${slug === 'all' ? '' : `#/${slug}`}`

/* ---------- HTML pages ---------- */

const readAsset = (name: string) => readFileSync(path.join(EMBED_DIR, name), 'utf8')

type Page = { status: number; title: string; body: string }

const pageRenderer = () => {
  const css = readAsset('embed.css')
  const cssHash = createHash('sha256').update(css).digest('base64')
  const policy = [
    "default-src 'none'",
    `style-src 'sha256-${cssHash}'`,
    "base-uri 'none'",
    "form-action 'none'",
    'frame-ancestors *',
  ].join('; ')
  return (res: Response, { status, title, body }: Page) => {
    res.status(status)
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.setHeader('Content-Security-Policy', policy)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.removeHeader('X-Frame-Options')
    res.send(
      `<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
        `<meta name="robots" content="noindex">\n<title>${esc(title)}</title>\n` +
        `<style>${css}</style>\n</head>\n<body>\n<main class="b">\n${body}\n</main>\n</body>\n</html>\n`,
    )
  }
}

const link = (href: string, text: string) =>
  `<a href="${esc(href)}" target="_blank" rel="noopener">${esc(text)}</a>`

const dateLine = (item: PublicItem) => {
  const text = vietnameseDate(item.publishedAt)
  return text ? `<time datetime="${esc(item.publishedAt)}">${esc(text)}</time>` : ''
}

const summaryLine = (item: PublicItem) =>
  item.summary ? `<p>${esc(short(item.summary.replace(/\s+/g, ' '), SUMMARY_LENGTH))}</p>` : ''

const listBody = (slug: ContentSlug | 'all', items: PublicItem[]) => {
  const heading = slug === 'all' ? 'Sổ tay – mới cập nhật' : sectionTitles[slug]
  const list = items.length
    ? `<ul>\n${items
        .map(
          (item) =>
            `<li>${link(item.url, item.title || '(Chưa có tiêu đề)')}${dateLine(item)}${
              slug === 'all' ? `<span class="m">${esc(sectionTitles[item.collection])}</span>` : ''
            }${summaryLine(item)}</li>`,
        )
        .join('\n')}\n</ul>`
    : '<p>Chưa có mục nào.</p>'
  return `<h1>${link(sectionLink(slug), heading)}</h1>\n${list}\n<p class="f">${link(
    sectionLink(slug),
    'Xem thêm trên Sổ tay',
  )}</p>`
}

const cardBody = (item: PublicItem) =>
  `<p class="m">${esc(sectionTitles[item.collection])}</p>\n<h1>${link(
    item.url,
    item.title || '(Chưa có tiêu đề)',
  )}</h1>\n${dateLine(item)}\n${summaryLine(item)}\n<p class="f">${link(item.url, 'Xem trên Sổ tay')}</p>`

const NOT_FOUND: Page = {
  status: 404,
  title: 'Không tìm thấy – Sổ tay',
  body: '<h1>Không tìm thấy nội dung</h1>\n<p>Nội dung không tồn tại hoặc không công khai.</p>',
}
const UNAVAILABLE: Page = {
  status: 503,
  title: 'Tạm thời không tải được – Sổ tay',
  body: '<h1>Tạm thời không tải được</h1>\n<p>Vui lòng thử lại sau.</p>',
}

/* ---------- oEmbed ---------- */

/**
 * The item an oEmbed `url` names: `SERVER_URL/#/<slug>/<id>`, `SERVER_URL/<slug>/<id>` or a
 * shareable path (`SERVER_URL/van-ban/<id>-<words>`).
 */
export const parseItemUrl = (
  raw: string,
  base = serverUrl(),
): { collection: ContentSlug; id: number } | null => {
  let url: URL
  let own: URL
  try {
    url = new URL(raw)
    own = new URL(base)
  } catch {
    return null
  }
  if (!/^https?:$/.test(url.protocol) || url.origin !== own.origin) return null
  if (url.username || url.password) return null
  const basePath = own.pathname.replace(/\/+$/, '')
  let route: string
  if (url.hash.startsWith('#/') && (url.pathname === `${basePath}/` || url.pathname === basePath))
    route = url.hash.slice(1)
  else if (!url.hash && url.pathname.startsWith(`${basePath}/`))
    route = url.pathname.slice(basePath.length)
  else return null
  const shared = parseSharePath(route)
  if (shared) return shared
  const match = /^\/([a-z-]{1,40})\/(\d{1,16})\/?$/.exec(route)
  if (!match || !isContentSlug(match[1])) return null
  const id = itemId(match[2])
  return id ? { collection: match[1], id } : null
}

const oembedError = (res: Response, status: number, message: string) => {
  res.status(status)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.json({ errors: [{ message }] })
}

const OEMBED_NOT_FOUND = 'Không có nội dung công khai cho đường dẫn này.'

/* ---------- the router ---------- */

const methodNotAllowed = (_req: Request, res: Response) => {
  res.setHeader('Allow', 'GET, HEAD')
  res.status(405).json({ errors: [{ message: 'Chỉ hỗ trợ GET.' }] })
}

export const embedsRouter = (payload: Payload): Router => {
  const router = express.Router({ caseSensitive: true, strict: false })
  const script = readAsset('embed.js')
  const render = pageRenderer()

  /** Runs a read; a failing database is a 503, never a 500. */
  const guarded =
    (fallback: (res: Response) => void, handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await handler(req, res)
      } catch (err) {
        logger.warn({ msg: 'Embed read failed', path: req.path, error: String(err) })
        if (!res.headersSent) fallback(res)
      }
    }

  router.get('/embed.js', (_req, res) => {
    res.setHeader('Content-Type', 'application/javascript; charset=utf-8')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.send(script)
  })
  router.all('/embed.js', methodNotAllowed)

  router.get(
    '/embed/:slug',
    guarded(
      (res) => render(res, UNAVAILABLE),
      async (req, res) => {
        const slug = req.params.slug as string
        if (slug !== 'all' && !isContentSlug(slug)) return render(res, NOT_FOUND)
        const rawLimit = queryValue(req, 'limit')
        const limit =
          rawLimit === undefined
            ? EMBED_LIMIT.default
            : positiveInt(rawLimit ?? '', EMBED_LIMIT.max)
        if (!limit)
          return render(res, {
            status: 400,
            title: 'Yêu cầu không hợp lệ – Sổ tay',
            body: `<h1>Yêu cầu không hợp lệ</h1>\n<p>Tham số limit phải là số nguyên từ 1 đến ${EMBED_LIMIT.max}.</p>`,
          })
        const items = await listCurrentItems(payload, {
          ...(slug === 'all' ? {} : { collections: [slug as ContentSlug] }),
          limit,
        })
        render(res, {
          status: 200,
          title: `${slug === 'all' ? 'Sổ tay' : sectionTitles[slug as ContentSlug]} – Sổ tay`,
          body: listBody(slug as ContentSlug | 'all', items),
        })
      },
    ),
  )

  router.get(
    '/embed/:slug/:id',
    guarded(
      (res) => render(res, UNAVAILABLE),
      async (req, res) => {
        const slug = req.params.slug as string
        const id = itemId(req.params.id as string)
        const item = isContentSlug(slug) && id ? await findCurrentItem(payload, slug, id) : null
        if (!item) return render(res, NOT_FOUND)
        render(res, { status: 200, title: `${item.title} – Sổ tay`, body: cardBody(item) })
      },
    ),
  )

  router.get(/^\/embed\/.*$/, (_req, res) => render(res, NOT_FOUND))
  router.all(/^\/embed\/.*$/, methodNotAllowed)

  router.get(
    '/oembed',
    guarded(
      (res) => oembedError(res, 503, 'Tạm thời không trả lời được, vui lòng thử lại sau.'),
      async (req, res) => {
        const url = queryValue(req, 'url')
        if (!url) return oembedError(res, 400, 'Thiếu tham số url.')
        if (url.length > MAX_URL_LENGTH) return oembedError(res, 400, 'Tham số url quá dài.')
        const format = queryValue(req, 'format')
        if (format !== undefined && format !== 'json')
          return oembedError(res, 501, 'Chỉ hỗ trợ định dạng json.')
        const max: Record<'maxwidth' | 'maxheight', number | null> = {
          maxwidth: null,
          maxheight: null,
        }
        for (const name of ['maxwidth', 'maxheight'] as const) {
          const value = queryValue(req, name)
          if (value === undefined || value === '') continue
          const n = positiveInt(value ?? '', 100_000)
          if (!n) return oembedError(res, 400, `Tham số ${name} phải là số nguyên dương.`)
          max[name] = n
        }
        const target = parseItemUrl(url)
        const item = target ? await findCurrentItem(payload, target.collection, target.id) : null
        if (!item) return oembedError(res, 404, OEMBED_NOT_FOUND)
        const width = Math.min(CARD_SIZE.width, max.maxwidth ?? Infinity)
        const height = Math.min(CARD_SIZE.height, max.maxheight ?? Infinity)
        const html =
          `<iframe src="${esc(embedPath(item.collection, item.id))}" width="${width}" height="${height}"` +
          ` title="${esc(item.title)}" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"` +
          ` sandbox="allow-popups allow-popups-to-escape-sandbox" style="border:0;max-width:100%"></iframe>`
        res.setHeader('X-Content-Type-Options', 'nosniff')
        res.json({
          version: '1.0',
          type: 'rich',
          provider_name: 'Sổ tay',
          provider_url: `${serverUrl()}/`,
          title: item.title,
          html,
          width,
          height,
        })
      },
    ),
  )
  router.all('/oembed', methodNotAllowed)

  return router
}
