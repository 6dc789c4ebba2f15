const TRACKING_PARAMS = /^(utm_.*|fbclid|gclid|mibextid|si|igshid|ref|refsrc|__cft__.*|__tn__)$/i

/**
 * The one spelling a page is registered under, so the same page pasted twice is found as a
 * duplicate: lowercase scheme and host, no `www.`/`m.`/`mobile.` prefix, no fragment, no tracking
 * parameters, no trailing slash. Returns the input unchanged when it is not an http(s) URL.
 */
export const canonicalUrl = (input: unknown): unknown => {
  if (typeof input !== 'string') return input
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return input
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return input
  url.protocol = 'https:'
  url.hostname = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '')
  url.hash = ''
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key)
  }
  url.searchParams.sort()
  const text = url.toString()
  return text.endsWith('/') && url.pathname !== '/' ? text.slice(0, -1) : text.replace(/\/$/, '')
}
