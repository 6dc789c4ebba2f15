import http from 'node:http'

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/**
 * A benchmark's HTTP client: node:http with keep-alive (lighter than fetch: the load generator
 * shares the machine's cores). An idle socket is closed well before the server's keep-alive
 * timeout (Node's 5 s): without a timeout of its own, Node's agent ignores the server's
 * `Keep-Alive: timeout=5` hint and sometimes sends a request on a socket the server is closing
 * (ECONNRESET, the client's doing).
 */
export const httpClient = (maxSockets: number) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 3000 })
  const send = (
    base: string,
    method: string,
    pathname: string,
    headers: Record<string, string>,
    body?: string,
    timeoutMs = 30_000,
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request(
        new URL(pathname, base),
        {
          method,
          agent,
          headers: body
            ? { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
            : headers,
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          )
          response.on('error', reject)
        },
      )
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`no answer after ${timeoutMs / 1000} s`)),
      )
      request.on('error', reject)
      request.end(body)
    })
  return { agent, send }
}
