import express, { type Request, type Response, type Router } from 'express'
import type { Payload } from 'payload'

import type { ContentSlug } from '../../collections/slugs'
import { findCurrentItem, itemPath, serverUrl } from '../public/items'
import { detailUrl } from '../portal/js/queries.js'
import { SECTION_SEGMENTS } from '../portal/js/words.js'
import { logger } from './logger'
import { escapeMarkup } from '../lib/escape'
import { isRowId } from '../lib/ids'

/**
 * Real, shareable paths for items (`/van-ban/12-nghi-quyet-so-05`): the portal's shell with
 * server-rendered Open Graph and Twitter meta, so a link pasted into Zalo or Facebook previews the
 * item's title and summary. Only public, published, current items get a preview; a members-only,
 * units-only, draft, missing or hostile item gets the same generic page, which names nothing.
 * The shell's script then shows the item (`#/` routes keep working).
 */
const SLUG_OF = SECTION_SEGMENTS as Record<string, ContentSlug>
export const SHARE_PATH = new RegExp(
  `^/(${Object.keys(SECTION_SEGMENTS).join('|')})/(\\d{1,12})(?:-([a-z0-9-]{0,120}))?/?$`,
)

/** The item a shareable path names, or null. */
export const parseSharePath = (
  pathname: string,
): { collection: ContentSlug; id: number } | null => {
  const match = SHARE_PATH.exec(pathname)
  if (!match) return null
  const id = Number(match[2])
  return isRowId(id) ? { collection: SLUG_OF[match[1]], id } : null
}

const escapeHtml = escapeMarkup

const truncate = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`
}

const SITE = 'Sổ tay'

/**
 * The picture of a preview: a reference's cover when anyone may see it (read as an anonymous
 * reader, so a staff-only file is never named), else the handbook's own card (1200×630).
 */
const previewImage = async (
  payload: Payload,
  collection: ContentSlug,
  id: number,
  title: string,
): Promise<{ url: string; alt: string; large: boolean }> => {
  const fallback = { url: `${serverUrl()}/og-image.png`, alt: SITE, large: true }
  if (collection !== 'references') return fallback
  try {
    const doc = await payload.findByID({
      collection,
      id,
      depth: 1,
      overrideAccess: false,
      select: { cover: true },
      disableErrors: true,
    })
    const cover = doc?.cover
    if (!cover || typeof cover !== 'object' || !String(cover.mimeType ?? '').startsWith('image/'))
      return fallback
    const path = cover.sizes?.card?.url || cover.url
    if (typeof path !== 'string' || !path.startsWith('/')) return fallback
    return { url: `${serverUrl()}${path}`, alt: cover.alt || title, large: true }
  } catch {
    return fallback
  }
}

export const sharePagesRouter = (payload: Payload, shell: (kind: 'page') => string): Router => {
  const router = express.Router()

  const send = async (
    res: Response,
    status: number,
    head: string,
    item?: { title: string; description: string },
  ) => {
    let html = shell('page')
    if (item) {
      html = html
        .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(item.title)}</title>`)
        .replace(
          /<meta\s+name="description"\s+content="[^"]*"\s*\/>/,
          `<meta name="description" content="${escapeHtml(item.description)}" />`,
        )
    }
    html = html.replace('</head>', `${head}\n  </head>`)
    res.status(status).type('html').send(html)
  }

  // Nothing about the item: the same answer for a members-only item and for no item at all.
  const generic = (res: Response, status = 200) =>
    send(res, status, '    <meta name="robots" content="noindex" />')

  router.get(SHARE_PATH, async (req: Request, res: Response) => {
    const target = parseSharePath(req.path)
    if (!target) return generic(res, 404)
    const { collection, id } = target
    try {
      const item = await findCurrentItem(payload, collection, id)
      // Hostile pages are recognised, never spread: no preview, no link to them.
      if (!item || (collection === 'identified-pages' && item.kind === 'hostile'))
        return generic(res)
      const canonical = itemPath(collection, id, item.title)
      if (req.path !== canonical) {
        const query = req.originalUrl.slice(req.path.length)
        return res.redirect(301, `${canonical}${query}`)
      }
      const url = `${serverUrl()}${canonical}`
      const image = await previewImage(payload, collection, id, item.title)
      const description = truncate(item.summary || item.title, 200)
      const meta: [string, string, string][] = [
        ['property', 'og:type', 'article'],
        ['property', 'og:site_name', SITE],
        ['property', 'og:locale', 'vi_VN'],
        ['property', 'og:title', item.title],
        ['property', 'og:description', description],
        ['property', 'og:url', url],
        ['property', 'og:image', image.url],
        ['property', 'og:image:alt', image.alt],
        ['name', 'twitter:card', image.large ? 'summary_large_image' : 'summary'],
        ['name', 'twitter:image', image.url],
        ['name', 'twitter:title', item.title],
        ['name', 'twitter:description', description],
      ]
      const head = [
        ...meta.map(
          ([attribute, name, content]) =>
            `    <meta ${attribute}="${name}" content="${escapeHtml(content)}" />`,
        ),
        `    <link rel="canonical" href="${escapeHtml(url)}" />`,
        `    <link rel="alternate" type="application/json+oembed" href="${escapeHtml(
          `${serverUrl()}/oembed?url=${encodeURIComponent(url)}&format=json`,
        )}" title="${escapeHtml(item.title)}" />`,
        // The page's own call starts with the page (the script then takes this answer).
        `    <link rel="preload" as="fetch" crossorigin href="${escapeHtml(detailUrl(collection, id))}" />`,
      ].join('\n')
      return send(res, 200, head, { title: `${item.title} – ${SITE}`, description })
    } catch (err) {
      logger.error({ msg: 'Share page failed', err, path: req.path })
      return generic(res, 503)
    }
  })
  return router
}
