// The service worker (`/sw.js`, served by the host with the shell's asset names): the shell, the
// latest orientation and what a reader opened stay readable offline. Members' answers are cached
// apart and dropped at sign-out.

const MEMBER_CACHE_PREFIX = 'sotay-member'

export const registerServiceWorker = () => {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return
  // After the page has loaded and gone quiet: the worker never competes with the first screen.
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
  }
  window.addEventListener('load', () => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 3000 })
    else setTimeout(register, 1000)
  })
}

/** Drop every cached answer that was fetched signed in (sign-out, another member signing in). */
export const forgetMemberContent = async () => {
  try {
    if ('caches' in window) {
      const names = await caches.keys()
      await Promise.all(
        names.filter((n) => n.startsWith(MEMBER_CACHE_PREFIX)).map((n) => caches.delete(n)),
      )
    }
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller
    if (worker) worker.postMessage({ type: 'forget-member-content' })
  } catch {
    // No caches to drop.
  }
}

/**
 * Ask the worker to keep these reading calls for offline use (the latest orientation).
 * @param {string[]} urls
 */
export const keepForOffline = (urls) => {
  const worker = 'serviceWorker' in navigator ? navigator.serviceWorker.controller : null
  if (worker && urls.length) worker.postMessage({ type: 'keep', urls })
}
