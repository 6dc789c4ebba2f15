import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { buildSync } from 'esbuild'
import express, { type Request, type Response, type Router } from 'express'

import { escapeMarkup } from '../lib/escape'
import { listUrl } from '../portal/js/queries.js'
import { SECTION_SEGMENTS } from '../portal/js/words.js'

/**
 * The reader portal's assets, built in memory when the host starts (esbuild, well under a
 * second): its ES modules (`src/portal/js/`) bundled and minified into one script, and its style
 * sheet minified. Their names carry a content hash, so browsers keep them a
 * year (`immutable`) and a new build is never mixed with an old one; the shell (index.html) and
 * the service worker name the current ones.
 */
export type ShellKind = 'home' | 'search' | 'page'

export type PortalAssets = {
  /**
   * The shell (index.html) naming this build's assets, laid out for what it will show, so the
   * first paint already has the right frame (nothing jumps when the script takes over): the home
   * page, the home page with search results on their way (`/?q=`), or another page.
   */
  shell: (kind?: ShellKind) => string
  /** Serves `/assets/*`, the shell on the portal's own paths, and `/sw.js`. */
  router: Router
  /** CSP hashes (`sha256-…`) of the style sheet inlined in the shell. */
  styleHashes: string[]
}

type Asset = { body: Buffer; type: string; etag: string }

const PORTAL_PATHS =
  /^\/(?:|index\.html|van-ban|dinh-huong|nhan-dien|tham-khao|hoi-dap|dang-nhap|quen-mat-khau|dat-lai-mat-khau|cau-hoi-cua-toi|chi-bo-cua-toi)\/?$/

const etagOf = (body: Buffer | string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

const build = (portalDir: string) => {
  const assets = new Map<string, Asset>()
  const js = buildSync({
    entryPoints: { app: path.join(portalDir, 'js', 'main.js') },
    bundle: true,
    // One script for every page (about 16 KB gzipped): fewer requests than chunks would save.
    splitting: false,
    format: 'esm',
    minify: true,
    target: ['es2020', 'safari14'],
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  let app = ''
  for (const file of js.outputFiles) {
    const name = `/assets/${path.basename(file.path)}`
    assets.set(name, {
      body: Buffer.from(file.contents),
      type: 'text/javascript',
      etag: etagOf(Buffer.from(file.contents)),
    })
    if (path.basename(file.path).startsWith('app-')) app = name
  }
  const css = buildSync({
    entryPoints: [path.join(portalDir, 'styles.css')],
    bundle: true,
    minify: true,
    outdir: '/assets',
    write: false,
    logLevel: 'silent',
    target: ['chrome90', 'safari14', 'firefox90'],
  })
  // The style sheet (about 3 KB gzipped) goes inline: the first paint waits for no second request.
  const cssText = Buffer.from(css.outputFiles[0].contents).toString('utf8').trim()
  const styleHash = `sha256-${createHash('sha256').update(cssText).digest('base64')}`
  const source = readFileSync(path.join(portalDir, 'index.html'), 'utf8')
  if (!source.includes('<link rel="stylesheet" href="/styles.css" />'))
    throw new Error('The portal shell has no style sheet link to inline')
  const home = source
    .replace('<link rel="stylesheet" href="/styles.css" />', () => `<style>${cssText}</style>`)
    .replace('src="/app.js"', `src="${app}"`)
  // The first calls the script makes start with the page instead of after the script
  // (same URLs and credentials as its fetches, which then take the preloaded answers).
  const preload = (urls: string[]) => (html: string) =>
    html.replace(
      '</head>',
      `${urls.map((url) => `    <link rel="preload" as="fetch" crossorigin href="${url}" />\n`).join('')}  </head>`,
    )
  const withSession = preload(['/api/users/me'])
  const shells: Record<ShellKind, string> = {
    home: preload(['/api/users/me', '/api/home'])(home),
    search: preload(['/api/users/me', '/api/home'])(home)
      .replace(
        'data-search-results\n            aria-live="polite"\n            hidden',
        'data-search-results\n            aria-live="polite"',
      )
      .replace(
        '<p class="status search-status"></p>',
        '<p class="status search-status is-loading">Đang tìm…</p>',
      )
      // While results are shown, the sections make way for them.
      .replace('<div id="sections">', '<div id="sections" hidden>'),
    page: withSession(home)
      .replace('<div id="view-home">', '<div id="view-home" hidden>')
      .replace(
        /<div id="view-page" class="page" aria-live="off" hidden><\/div>/,
        '<div id="view-page" class="page" aria-live="off"><p class="status is-loading">Đang tải…</p></div>',
      ),
  }
  // index.html and these layouts must agree: a reworded shell fails here, at start, not silently.
  if (!shells.search.includes('<div id="sections" hidden>') || !shells.search.includes('Đang tìm…'))
    throw new Error('The portal shell has no place for the search layout')
  if (!shells.page.includes('<div id="view-home" hidden>') || !shells.page.includes('Đang tải…'))
    throw new Error('The portal shell has no place for the page layout')
  const shell = home
  // What the worker keeps at install: the shell and its script, nothing more.
  const files = ['/', app]
  const version = etagOf(shell + files.join()).slice(1, 13)
  const worker = readFileSync(path.join(portalDir, 'sw.js'), 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("['__SHELL__']", JSON.stringify(files))
  return { assets, shell, shells, files, worker, styleHash }
}

export const portalAssets = (portalDir: string): PortalAssets => {
  // Development rebuilds when the sources change; production builds once.
  const watch = process.env.NODE_ENV === 'development'
  const first = build(portalDir)
  let current = first
  const fresh = () => {
    if (watch) current = build(portalDir)
    return current
  }
  const router = express.Router()

  router.get('/assets/:name', (req: Request, res: Response, next) => {
    const asset = current.assets.get(`/assets/${req.params.name}`)
    if (!asset) return next()
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    res.setHeader('ETag', asset.etag)
    res.type(asset.type)
    if (req.fresh) return res.status(304).end()
    res.send(asset.body)
  })

  // The service worker itself is always checked with the server, so an update is never missed.
  router.get('/sw.js', (req: Request, res: Response) => {
    const { worker } = fresh()
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etagOf(worker))
    res.type('text/javascript')
    if (req.fresh) return res.status(304).end()
    res.send(worker)
  })

  router.get(PORTAL_PATHS, (req: Request, res: Response) => {
    const { shells } = fresh()
    const home = req.path === '/' || req.path === '/index.html'
    let shell =
      shells[
        home ? (typeof req.query.q === 'string' && req.query.q.trim() ? 'search' : 'home') : 'page'
      ]
    // A search in the address: its first page starts with the page (as the portal asks for it).
    if (home && typeof req.query.q === 'string' && req.query.q.trim()) {
      const query = new URLSearchParams({ q: req.query.q.trim(), page: '1', limit: '10' })
      shell = shell.replace(
        '</head>',
        `  <link rel="preload" as="fetch" crossorigin href="${escapeMarkup(`/api/search?${query}`)}" />\n  </head>`,
      )
    }
    // A section's list without filters: its call starts with the page, like the home lists.
    const segment = req.path.replace(/^\/|\/$/g, '') as keyof typeof SECTION_SEGMENTS
    const keys = Object.keys(req.query)
    if (Object.hasOwn(SECTION_SEGMENTS, segment) && keys.every((key) => key === 'trang')) {
      const page = Number(req.query.trang ?? 1)
      if (Number.isInteger(page) && page >= 1 && page <= 10_000)
        shell = shell.replace(
          '</head>',
          `  <link rel="preload" as="fetch" crossorigin href="${escapeMarkup(listUrl(SECTION_SEGMENTS[segment], { page }))}" />\n  </head>`,
        )
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etagOf(shell))
    res.type('html')
    if (req.fresh) return res.status(304).end()
    res.send(shell)
  })

  return {
    shell: (kind = 'home') => fresh().shells[kind],
    router,
    // Development rebuilds may change the sheet: the policy allows the first build's and the
    // current one's (a restart clears the list).
    get styleHashes() {
      return [...new Set([first.styleHash, current.styleHash])]
    },
  }
}
