/**
 * Limits on what one request may ask of the server. Each is read once from the environment; the
 * README lists them with their defaults.
 */
const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const MB = 1024 * 1024

/** Largest accepted upload, MAX_UPLOAD_MB megabytes (default 100: a podcast or a short video). */
export const MAX_UPLOAD_BYTES = numberFrom('MAX_UPLOAD_MB', 100) * MB

/** Room for the multipart envelope and the `_payload` JSON beside the file. */
export const MULTIPART_OVERHEAD_BYTES = MB

/** Largest JSON (or form) body of an ordinary write, MAX_JSON_KB kilobytes (default 1024). */
export const MAX_JSON_BYTES = numberFrom('MAX_JSON_KB', 1024) * 1024

/** Largest body of sign-in, password reset and other account requests (default 16 KB). */
export const MAX_AUTH_BODY_BYTES = numberFrom('MAX_AUTH_BODY_KB', 16) * 1024

/** How deep objects and arrays may nest in a JSON body (default 64; rich text needs about 20). */
export const MAX_JSON_DEPTH = numberFrom('MAX_JSON_DEPTH', 64)

/** Most bracket levels in one query-string key (`where[or][0][and][1][title][like]` is 6). */
export const MAX_QUERY_KEY_DEPTH = numberFrom('MAX_QUERY_KEY_DEPTH', 12)

/** Largest page a list may ask for over REST or GraphQL (`limit`), default 100. */
export const MAX_PAGE_SIZE = numberFrom('MAX_PAGE_SIZE', 100)

/** Highest page number a list may ask for (default 10,000). */
export const MAX_PAGE = numberFrom('MAX_PAGE', 10_000)

/** Most values in one `in`/`not_in`/`all` filter, and most conditions in one `where`. */
export const MAX_WHERE_VALUES = numberFrom('MAX_WHERE_VALUES', 500)
export const MAX_WHERE_CONDITIONS = numberFrom('MAX_WHERE_CONDITIONS', 100)

/** Largest image (in megapixels) sharp may decode, default 25 (about 5000×5000). */
export const MAX_IMAGE_MEGAPIXELS = numberFrom('MAX_IMAGE_MEGAPIXELS', 25)

/** How many uploads are processed at once (decoding images takes memory), default 2. */
export const MAX_CONCURRENT_UPLOADS = numberFrom('MAX_CONCURRENT_UPLOADS', 2)
