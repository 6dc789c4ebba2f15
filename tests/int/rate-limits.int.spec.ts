import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { client } from '../helpers/api'
import { type Session } from '../helpers/api'
import { type TestServer } from '../helpers/server'
import { type World, startWorld } from '../helpers/world'

/**
 * The doors an anonymous caller can hammer answer 429 with Retry-After once a client address has
 * used its share, and other addresses are not affected. Behind a proxy (TRUST_PROXY) the address
 * is the forwarded one.
 */
let server: TestServer
let world: World
let api: ReturnType<typeof client>

beforeAll(async () => {
  ;({ server, api, world } = await startWorld({
    env: {
      RATE_LIMIT_DISABLED: '0',
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_LOGIN: '30/60',
      RATE_LIMIT_PASSWORD_RESET: '2/900',
      RATE_LIMIT_SEARCH: '3/60',
      RATE_LIMIT_PUBLIC: '4/60',
      RATE_LIMIT_GRAPHQL: '3/60',
      // The fixture world itself asks 4 questions from 127.0.0.1.
      RATE_LIMIT_QUESTIONS: '5/3600',
    },
  }))
})
afterAll(async () => {
  await server?.stop()
})

let nextAddress = 1
/** A fresh client address, as a reverse proxy would forward it. */
const newAddress = () => `203.0.113.${nextAddress++}`

type Door = {
  name: string
  limit: number
  send: (address: string) => Promise<{ status: number; json: any; headers: Headers }>
}

const fromAddress = (address: string, session?: Session) => ({
  ...(session?.token ? { Authorization: `JWT ${session.token}` } : {}),
  'X-Forwarded-For': address,
})

const doors: Door[] = [
  {
    // The same feed again and again: answered from the cache after the first, still counted.
    name: 'public reads (feeds, embeds, item paths, home lists; cached answers count)',
    limit: 4,
    send: (address) => api.request('GET', '/feeds/all.json', { headers: fromAddress(address) }),
  },
  {
    name: 'search',
    limit: 3,
    send: (address) =>
      api.request('GET', '/api/search?q=nghi+quyet', { headers: fromAddress(address) }),
  },
  {
    name: 'GraphQL',
    limit: 3,
    send: (address) =>
      api.request('POST', '/api/graphql', {
        body: { query: '{ Documents(limit: 1) { totalDocs } }' },
        headers: fromAddress(address),
      }),
  },
  {
    name: 'password reset',
    limit: 2,
    send: (address) =>
      api.request('POST', '/api/users/forgot-password', {
        body: { email: 'khong-co@test.local' },
        headers: fromAddress(address),
      }),
  },
  {
    name: 'asking questions',
    limit: 5,
    send: (address) =>
      api.request('POST', '/api/questions', {
        body: { title: 'Câu hỏi', question: 'Xin hỏi thủ tục chuyển sinh hoạt đảng?' },
        headers: fromAddress(address, world.sessions.member),
      }),
  },
]

describe.each(doors)('rate limit on $name', ({ limit, send }) => {
  it('should answer 429 with Retry-After and a message once an address used its share', async () => {
    const address = newAddress()
    for (let i = 0; i < limit; i++) expect((await send(address)).status).toBeLessThan(429)
    const refused = await send(address)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.json.errors[0].message).toMatch(/Quá nhiều yêu cầu/)
  })

  it('should not hold one address back for what another sent', async () => {
    const busy = newAddress()
    for (let i = 0; i <= limit; i++) await send(busy)
    expect((await send(newAddress())).status).toBeLessThan(429)
  })
})

describe('rate limit on sign-in', () => {
  it('should refuse the 31st sign-in from one address within a minute, and only that address', async () => {
    const address = newAddress()
    let attempts = 0
    // A new e-mail each time, so the per-account lockout is not what answers.
    const attempt = (from: string) =>
      api.request('POST', '/api/users/login', {
        body: { email: `khach-${attempts++}@test.local`, password: 'sai-mat-khau-123' },
        headers: { 'X-Forwarded-For': from },
      })
    for (let i = 0; i < 30; i++) expect((await attempt(address)).status).not.toBe(429)
    expect((await attempt(address)).status).toBe(429)
    expect((await attempt(newAddress())).status).not.toBe(429)
  })
})
