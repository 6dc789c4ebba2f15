// Sổ tay – service worker. The host fills in VERSION and SHELL (src/server/portalAssets.ts): a new
// build is a new worker, which replaces the old one at once, so a stale shell never lingers.
//
// - Pages: network first; offline, the cached shell (the portal then shows what it has cached).
// - /assets/*: named by content hash, cache first.
// - Reading calls to /api (lists, items, search): network first, kept for offline reading. An
//   answer the server marked `public` (no one was signed in) goes to the public cache; any other
//   goes to the member cache, which is dropped at sign-in, sign-out and on the page's request.
// - Nothing else is touched: account calls, writes, files, the admin.

const VERSION = '__VERSION__'
const SHELL = ['__SHELL__']
const SHELL_CACHE = `sotay-shell-${VERSION}`
const PUBLIC_CACHE = 'sotay-public'
const MEMBER_CACHE = 'sotay-member'
const MAX_ENTRIES = 150

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('sotay-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  )
})

const forgetMembers = () => caches.delete(MEMBER_CACHE)

/** Keep a cache to its newest MAX_ENTRIES answers. */
const trim = async (name) => {
  const cache = await caches.open(name)
  const keys = await cache.keys()
  await Promise.all(
    keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES)).map((key) => cache.delete(key)),
  )
}

const READABLE_API =
  /^\/api\/(documents|orientations|identified-pages|references|questions|search)(\/|$)/

const isPublic = (response) => /\bpublic\b/.test(response.headers.get('Cache-Control') || '')

/** Network first; a good answer is kept in the cache that fits who asked. */
const readThrough = async (request) => {
  try {
    const response = await fetch(request)
    if (response.ok) {
      const name = isPublic(response) ? PUBLIC_CACHE : MEMBER_CACHE
      const copy = response.clone()
      caches
        .open(name)
        .then((cache) => cache.put(request, copy))
        .then(() => trim(name))
        .catch(() => {})
    }
    return response
  } catch (err) {
    const cached =
      (await (await caches.open(MEMBER_CACHE)).match(request)) ||
      (await (await caches.open(PUBLIC_CACHE)).match(request))
    if (cached) return cached
    throw err
  }
}

const page = async (request) => {
  try {
    return await fetch(request)
  } catch (err) {
    const shell = await caches.match('/', { cacheName: SHELL_CACHE })
    if (shell) return shell
    throw err
  }
}

const assetFirst = async (request) => {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const copy = response.clone()
    caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy))
  }
  return response
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  // Whoever signs in or out, the previous member's answers go.
  if (request.method === 'POST' && /^\/api\/users\/(login|logout)$/.test(url.pathname)) {
    event.respondWith(forgetMembers().then(() => fetch(request)))
    return
  }
  if (request.method !== 'GET') return
  if (request.mode === 'navigate') {
    if (/^\/(admin|api|feeds|embed|oembed|_next)(\/|$)/.test(url.pathname)) return
    event.respondWith(page(request))
    return
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(assetFirst(request))
    return
  }
  if (READABLE_API.test(url.pathname) && !/\/file\//.test(url.pathname)) {
    event.respondWith(readThrough(request))
  }
})

self.addEventListener('message', (event) => {
  const data = event.data || {}
  if (data.type === 'forget-member-content') event.waitUntil(forgetMembers())
  // The page names what to keep for offline reading (the latest orientation).
  if (data.type === 'keep' && Array.isArray(data.urls)) {
    const urls = data.urls.filter((u) => typeof u === 'string' && READABLE_API.test(u)).slice(0, 5)
    event.waitUntil(
      Promise.all(
        urls.map((u) =>
          readThrough(new Request(u, { credentials: 'same-origin' })).catch(() => {}),
        ),
      ),
    )
  }
})
