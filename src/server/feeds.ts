import express, { type Request, type Response, type Router } from 'express'
import { Feed } from 'feed'
import type { Payload } from 'payload'

import { type ContentSlug, contentSlugs } from '../../collections/slugs'
import { useConsumerToken } from '../public/consumers'
import {
  type ItemFilters,
  type PublicItem,
  type ReaderAudience,
  cleanText,
  isContentSlug,
  kindValues,
  listCurrentItems,
  sectionTitles,
  serverUrl,
} from '../public/items'
import { logger } from './logger'
import { escapeMarkup } from '../lib/escape'

/**
 * `/feeds/<slug>.json` (JSON Feed 1.1), `.atom` (Atom, RFC 4287) and `.rss` (RSS 2.0) for each
 * section and `all` (mounted at `/feeds`). Anonymous callers get public, published, current items;
 * a trusted consumer (`Authorization: Bearer stc_…`, see the feed-consumers collection) gets
 * public and members items, never units items. Everything is read through src/public/items.ts.
 *
 * Query: `kind` (one of the sections' kinds), `topic` (exact), `limit` (1–50, default 20). Any
 * other parameter, a repeated one or a bad value is a 400 that names the problem.
 *
 * `unit` is refused with a 400 that explains why: units audiences are never served on this path,
 * and items carry no owning or issuing unit (documents' issuing body is free text, a question's
 * unit is the asker's and private), so there is nothing a unit filter could select. Should items
 * gain an owning unit, this is where the filter would map to it.
 */

export const FEED_DEFAULT_LIMIT = 20
export const FEED_MAX_LIMIT = 50

const formats = {
  json: 'application/feed+json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
} as const
type Format = keyof typeof formats

const FEED_NAME = /^(all|[a-z-]{1,32})\.(json|atom|rss)$/
const ALLOWED_PARAMS = ['kind', 'topic', 'limit', 'unit']
const SITE_NAME = 'Sổ tay điện tử của Đảng bộ'

class FeedRequestError extends Error {
  constructor(
    public status: 400 | 401 | 404,
    message: string,
    public code: string,
  ) {
    super(message)
  }
}

const fail = (res: Response, { status, message, code }: FeedRequestError) =>
  res.status(status).json({ errors: [{ message, code }] })

type FeedQuery = { filters: ItemFilters; limit: number; search: string }

/** Parses the query string itself: no nested objects, no arrays, only the known parameters. */
const parseQuery = (req: Request, sections: ContentSlug[]): FeedQuery => {
  const raw = req.originalUrl.includes('?')
    ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
    : ''
  let params: URLSearchParams
  try {
    params = new URLSearchParams(raw)
  } catch {
    throw new FeedRequestError(400, 'Chuỗi truy vấn không hợp lệ.', 'bad_query')
  }
  const seen = new Set<string>()
  for (const name of params.keys()) {
    if (!ALLOWED_PARAMS.includes(name))
      throw new FeedRequestError(
        400,
        `Tham số "${cleanText(name).slice(0, 40)}" không được hỗ trợ; chỉ dùng: kind, topic, limit.`,
        'unknown_parameter',
      )
    if (seen.has(name))
      throw new FeedRequestError(
        400,
        `Tham số "${name}" chỉ được dùng một lần.`,
        'repeated_parameter',
      )
    seen.add(name)
  }
  if (params.has('unit'))
    throw new FeedRequestError(
      400,
      'Nguồn tin không lọc theo đơn vị: nội dung dành riêng cho đơn vị không bao giờ có trong nguồn tin, và các mục không gắn với đơn vị nào. Hãy dùng nguồn tin của từng mảng hoặc /feeds/all.',
      'unit_filter_unsupported',
    )

  let limit = FEED_DEFAULT_LIMIT
  const limitText = params.get('limit')
  if (limitText !== null) {
    if (!/^\d{1,6}$/.test(limitText))
      throw new FeedRequestError(
        400,
        `"limit" phải là số nguyên từ 1 đến ${FEED_MAX_LIMIT}.`,
        'invalid_limit',
      )
    limit = Number(limitText)
    if (limit < 1 || limit > FEED_MAX_LIMIT)
      throw new FeedRequestError(
        400,
        `"limit" phải từ 1 đến ${FEED_MAX_LIMIT} (nhận được ${limit}).`,
        'invalid_limit',
      )
  }

  const filters: ItemFilters = {}
  const kind = params.get('kind')
  if (kind !== null) {
    const allowed = [...new Set(sections.flatMap((section) => kindValues[section]))]
    if (!allowed.includes(kind))
      throw new FeedRequestError(
        400,
        allowed.length
          ? `Loại "${cleanText(kind).slice(0, 40)}" không có trong nguồn tin này; các loại: ${allowed.join(', ')}.`
          : 'Mảng này không phân loại nên không lọc được theo "kind".',
        'invalid_kind',
      )
    filters.kind = kind
  }
  const topic = params.get('topic')
  if (topic !== null) {
    const value = cleanText(topic).trim()
    if (!value || value.length > 100)
      throw new FeedRequestError(400, '"topic" phải có từ 1 đến 100 ký tự.', 'invalid_topic')
    filters.topic = value
  }

  const search = new URLSearchParams()
  if (filters.kind) search.set('kind', filters.kind)
  if (filters.topic) search.set('topic', filters.topic)
  if (limitText !== null) search.set('limit', String(limit))
  const query = search.toString()
  return { filters, limit, search: query ? `?${query}` : '' }
}

/** The caller's audience: public, or members for a trusted consumer's valid token. */
const audienceOf = async (payload: Payload, req: Request): Promise<ReaderAudience> => {
  const header = req.headers.authorization
  // Other schemes (a signed-in user's JWT) do not widen a feed: feeds for people are public.
  if (!header || !/^bearer(\s|$)/i.test(header)) return 'public'
  const token = header.slice(6).trim()
  const consumer = await useConsumerToken(payload, token)
  if (!consumer)
    throw new FeedRequestError(
      401,
      'Mã truy cập của trang tiêu thụ nguồn tin không hợp lệ hoặc đã bị thu hồi.',
      'invalid_token',
    )
  return 'members'
}

const feedTitle = (name: ContentSlug | 'all') =>
  name === 'all' ? `Sổ tay — Tất cả nội dung` : `${sectionTitles[name]} — Sổ tay`

const homeOf = (name: ContentSlug | 'all') =>
  name === 'all' ? `${serverUrl()}/` : `${serverUrl()}/#/${name}`

/** A stable id that survives changes of the portal's URLs (RFC 4151 tag URI). */
const tagOf = (path: string) => {
  const host = new URL(serverUrl()).hostname
  return `tag:${host},2026:${path}`
}

const escapeXml = escapeMarkup

/** HTML-escapes plain text (where a format carries HTML, a plain summary must stay plain). */
const escapeHtml = escapeMarkup

/**
 * xml-js (under `feed`) splits only the first "]]>" of a CDATA section; the rest are split here,
 * so any number of them survive. Relies on the pinned xml-js 1.6 behaviour; the feeds tests check
 * a title with several "]]>".
 */
const cdataSafe = (value: string) => {
  const first = value.indexOf(']]>')
  if (first < 0) return value
  const cut = first + 3
  return value.slice(0, cut) + value.slice(cut).replaceAll(']]>', ']]]]><![CDATA[>')
}

type Context = {
  name: ContentSlug | 'all'
  items: PublicItem[]
  selfUrl: (format: Format) => string
}

const updatedOf = (items: PublicItem[]) =>
  items.reduce(
    (max, item) => (item.updatedAt > max ? item.updatedAt : max),
    new Date(0).toISOString(),
  )

const tagsOf = (item: PublicItem) => [sectionTitles[item.collection], ...item.topics]

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written directly. */
const renderJson = ({ name, items, selfUrl }: Context) =>
  JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(name),
    home_page_url: homeOf(name),
    feed_url: selfUrl('json'),
    description: name === 'all' ? SITE_NAME : `${sectionTitles[name]} — ${SITE_NAME}`,
    language: 'vi',
    authors: [{ name: SITE_NAME, url: `${serverUrl()}/` }],
    items: items.map((item) => ({
      id: tagOf(`${item.collection}/${item.id}`),
      url: item.url,
      title: item.title,
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.html ? { content_html: item.html } : { content_text: item.summary || item.title }),
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      tags: tagsOf(item),
      ...(item.enclosures.length
        ? {
            attachments: item.enclosures.map((enclosure) => ({
              url: enclosure.url,
              mime_type: enclosure.type,
              size_in_bytes: enclosure.length,
              ...(enclosure.title ? { title: enclosure.title } : {}),
              ...(enclosure.duration ? { duration_in_seconds: enclosure.duration } : {}),
            })),
          }
        : {}),
    })),
  })

/**
 * RSS 2.0 through `feed`. Titles are plain text (CDATA); descriptions are HTML by practice, so the
 * plain summary is HTML-escaped; the content goes to content:encoded. Enclosures get only url,
 * type and length (anything more would become unescaped attributes).
 */
const renderRss = ({ name, items, selfUrl }: Context) => {
  const feed = new Feed({
    id: tagOf(`feeds/${name}`),
    title: feedTitle(name),
    description: name === 'all' ? SITE_NAME : `${sectionTitles[name]} — ${SITE_NAME}`,
    link: homeOf(name),
    language: 'vi',
    updated: new Date(updatedOf(items)),
    generator: 'Sổ tay',
    feedLinks: { rss: selfUrl('rss') },
    copyright: SITE_NAME,
  })
  for (const item of items) {
    const enclosure = item.enclosures[0]
    feed.addItem({
      title: cdataSafe(item.title),
      id: tagOf(`${item.collection}/${item.id}`),
      link: item.url,
      date: new Date(item.updatedAt),
      published: new Date(item.publishedAt),
      description: item.summary ? cdataSafe(escapeHtml(item.summary)) : undefined,
      content: item.html ? cdataSafe(item.html) : undefined,
      // Topics go through xml-js as text, which escapes them.
      category: tagsOf(item).map((tag) => ({ name: tag })),
      ...(enclosure
        ? { enclosure: { url: enclosure.url, type: enclosure.type, length: enclosure.length } }
        : {}),
    })
  }
  return feed.rss2()
}

/**
 * Atom is written directly: `feed` 6 derives an Atom enclosure's MIME type from the file's
 * extension (audio/mp3 for an audio/mpeg file) and leaves `<` unescaped in attributes.
 */
const renderAtom = ({ name, items, selfUrl }: Context) => {
  const el = (tag: string, value: string, attrs = '') =>
    `<${tag}${attrs}>${escapeXml(value)}</${tag}>`
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    el('id', tagOf(`feeds/${name}`)),
    el('title', feedTitle(name)),
    el('subtitle', name === 'all' ? SITE_NAME : `${sectionTitles[name]} — ${SITE_NAME}`),
    el('updated', updatedOf(items)),
    `<link rel="alternate" type="text/html" href="${escapeXml(homeOf(name))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl('atom'))}"/>`,
    `<author>${el('name', SITE_NAME)}${el('uri', `${serverUrl()}/`)}</author>`,
    el('generator', 'Sổ tay'),
  ]
  for (const item of items) {
    lines.push(
      '<entry>',
      el('id', tagOf(`${item.collection}/${item.id}`)),
      el('title', item.title, ' type="text"'),
      el('updated', item.updatedAt),
      el('published', item.publishedAt),
      `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
      ...item.enclosures.map(
        (enclosure) =>
          `<link rel="enclosure" type="${escapeXml(enclosure.type)}" length="${enclosure.length}" href="${escapeXml(enclosure.url)}"${enclosure.title ? ` title="${escapeXml(enclosure.title)}"` : ''}/>`,
      ),
      ...tagsOf(item).map((tag) => `<category term="${escapeXml(tag)}"/>`),
      ...(item.summary ? [el('summary', item.summary, ' type="text"')] : []),
      ...(item.html ? [el('content', item.html, ' type="html"')] : []),
      '</entry>',
    )
  }
  lines.push('</feed>')
  return lines.join('\n')
}

const renderers: Record<Format, (context: Context) => string> = {
  json: renderJson,
  atom: renderAtom,
  rss: renderRss,
}

export const feedsRouter = (payload: Payload): Router => {
  const router = express.Router()
  router.get('/:file', async (req: Request, res: Response) => {
    // The response depends on the Authorization header (a consumer's token).
    res.setHeader('Vary', 'Authorization')
    const isConsumerRequest = /^bearer(\s|$)/i.test(req.headers.authorization ?? '')
    if (isConsumerRequest) res.setHeader('Cache-Control', 'private, no-store')
    try {
      const match = FEED_NAME.exec(String(req.params.file))
      const name = match?.[1]
      if (!match || !name || (name !== 'all' && !isContentSlug(name)))
        throw new FeedRequestError(
          404,
          'Không có nguồn tin này. Dùng /feeds/<mảng>.json, .atom hoặc .rss; mảng là all, ' +
            `${contentSlugs.join(', ')}.`,
          'not_found',
        )
      const format = match[2] as Format
      const sections = name === 'all' ? contentSlugs : [name as ContentSlug]
      const query = parseQuery(req, sections)
      const audience = await audienceOf(payload, req)
      const items = await listCurrentItems(payload, {
        collections: sections,
        audience,
        limit: query.limit,
        filters: query.filters,
      })
      const selfUrl = (wanted: Format) => `${serverUrl()}/feeds/${name}.${wanted}${query.search}`
      const body = renderers[format]({ name: name as ContentSlug | 'all', items, selfUrl })
      res.status(200).type(formats[format]).send(body)
    } catch (err) {
      if (err instanceof FeedRequestError) {
        if (err.status === 401)
          res.setHeader('WWW-Authenticate', 'Bearer realm="sotay-feeds", error="invalid_token"')
        return fail(res, err)
      }
      logger.error({ msg: 'Feed failed', path: req.path, error: String(err) })
      res.status(500).json({
        errors: [
          { message: 'Không tạo được nguồn tin, vui lòng thử lại sau.', code: 'feed_failed' },
        ],
      })
    }
  })
  // Only GET/HEAD exist here; anything else under /feeds is not a feed.
  router.use((_req: Request, res: Response) => {
    fail(res, new FeedRequestError(404, 'Không có nguồn tin này.', 'not_found'))
  })
  return router
}
