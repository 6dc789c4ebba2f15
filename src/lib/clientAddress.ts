/**
 * The caller's network address, as the Express host saw it (`req.ip`, which honours
 * `TRUST_PROXY`). The host overwrites this header on every request, so a client cannot choose it;
 * code inside Payload (hooks, endpoints) reads it from here instead of parsing X-Forwarded-For.
 */
export const CLIENT_ADDRESS_HEADER = 'x-sotay-client-address'

type HeaderSource = { headers?: Headers | Record<string, unknown> | null }

/** The address the host recorded for this request, or `unknown` outside an HTTP request. */
export const clientAddress = (req: HeaderSource | null | undefined): string => {
  const headers = req?.headers
  if (!headers) return 'unknown'
  const value =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(CLIENT_ADDRESS_HEADER)
      : (headers as Record<string, unknown>)[CLIENT_ADDRESS_HEADER]
  return typeof value === 'string' && value ? value : 'unknown'
}
