import { ADMIN } from './server'

export type Session = { token: string | null; user?: Record<string, unknown> }

export const anonymous: Session = { token: null }

/** A thin REST/GraphQL client over real HTTP. */
export const client = (baseUrl: string) => {
  const request = async (
    method: string,
    pathname: string,
    {
      session = anonymous,
      body,
      headers = {},
    }: { session?: Session; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const init: RequestInit = { method, headers: { ...headers } }
    if (session.token)
      (init.headers as Record<string, string>).Authorization = `JWT ${session.token}`
    if (body instanceof FormData || typeof body === 'string') init.body = body as BodyInit
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['Content-Type'] = 'application/json'
    }
    const res = await fetch(new URL(pathname, baseUrl), init)
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    return { status: res.status, json, text, headers: res.headers }
  }

  const login = async (email: string, password: string): Promise<Session> => {
    const res = await request('POST', '/api/users/login', { body: { email, password } })
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`)
    return { token: res.json.token, user: res.json.user }
  }

  const graphql = async (query: string, { session = anonymous, variables = {} } = {}) =>
    request('POST', '/api/graphql', { session, body: { query, variables } })

  return {
    request,
    login,
    graphql,
    get: (p: string, o?: { session?: Session }) => request('GET', p, o),
    post: (p: string, body: unknown, o?: { session?: Session }) =>
      request('POST', p, { ...o, body }),
    patch: (p: string, body: unknown, o?: { session?: Session }) =>
      request('PATCH', p, { ...o, body }),
    del: (p: string, o?: { session?: Session }) => request('DELETE', p, o),
    loginAdmin: () => login(ADMIN.email, ADMIN.password),
  }
}

export type Client = ReturnType<typeof client>
