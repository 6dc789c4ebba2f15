import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Client, type Session, client } from '../helpers/api'
import { type TestServer, ADMIN, startServer } from '../helpers/server'
import {
  type World,
  ISSUED_PASSWORD,
  PASSWORD,
  expectOk,
  issueAccount,
  startWorld,
} from '../helpers/world'

let server: TestServer
let api: Client
let world: World

// The host takes the client address from X-Forwarded-For behind a trusted proxy, which lets one
// test play callers at several addresses.
beforeAll(async () => {
  ;({ server, api, world } = await startWorld({ env: { TRUST_PROXY: 'loopback' } }))
})
afterAll(async () => {
  await server?.stop()
})

let lastOctet = 0
/** A fresh documentation-range address (RFC 5737) per caller. */
const newAddress = () => `203.0.113.${++lastOctet}`

const login = (email: string, password: string, address: string) =>
  api.request('POST', '/api/users/login', {
    body: { email, password },
    headers: { 'X-Forwarded-For': address },
  })

const unknownEmail = () => `nobody-${Math.random().toString(36).slice(2, 8)}@test.local`

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]

const elapsed = async (run: () => Promise<unknown>) => {
  const started = performance.now()
  await run()
  return performance.now() - started
}

describe('sign-in answers', () => {
  it('should answer an unknown email exactly like a wrong password', async () => {
    const known = await login(world.users.member.email, 'wrong-password-1', newAddress())
    const unknown = await login(unknownEmail(), 'wrong-password-1', newAddress())
    expect(known.status).toBe(401)
    expect(unknown.status).toBe(known.status)
    expect(unknown.json).toEqual(known.json)
  })

  it('should spend as long on an unknown email as on a wrong password', async () => {
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 5; i++) {
      known.push(await elapsed(() => login(world.users.editor.email, 'wrong-pw-1', newAddress())))
      unknown.push(await elapsed(() => login(unknownEmail(), 'wrong-pw-1', newAddress())))
    }
    // Before the fix an unknown email skipped the password hash: about a sixth of the time.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6)
    expect(median(unknown) / median(known)).toBeLessThan(1.6)
  })

  it('should lock an unknown email exactly like a known one', async () => {
    const address = newAddress()
    const answers = []
    for (const email of [world.users.reviewer.email, unknownEmail()]) {
      for (let i = 0; i < 5; i++)
        expect((await login(email, 'wrong-pw-2', address)).status).toBe(401)
      answers.push(await login(email, 'wrong-pw-2', address))
    }
    expect(answers.map((res) => res.status)).toEqual([429, 429])
    expect(answers[1].json).toEqual(answers[0].json)
    expect(answers[0].json.errors[0].message).toMatch(/thử lại sau 10 phút/)
  })
})

describe('lockout per email and address', () => {
  it('should answer 429 with Retry-After once an address failed LOGIN_MAX_ATTEMPTS times', async () => {
    const address = newAddress()
    const { email } = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
    for (let i = 0; i < 5; i++) expect((await login(email, 'wrong-pw-3', address)).status).toBe(401)
    const locked = await login(email, PASSWORD, address)
    expect(locked.status).toBe(429)
    const retryAfter = Number(locked.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(9 * 60)
    expect(retryAfter).toBeLessThanOrEqual(10 * 60)
  })

  it("should let the admin sign in from their own address while another address is locked out of the admin's account", async () => {
    const attacker = newAddress()
    for (let i = 0; i < 8; i++) await login(ADMIN.email, 'guessing-123', attacker)
    expect((await login(ADMIN.email, ADMIN.password, attacker)).status).toBe(429)
    expect((await login(ADMIN.email, ADMIN.password, newAddress())).status).toBe(200)
  })

  it("should clear an address's failures when it signs in successfully", async () => {
    const address = newAddress()
    const { email } = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await login(email, 'wrong-pw-4', address)
      expect((await login(email, PASSWORD, address)).status).toBe(200)
    }
  })

  it('should lock GraphQL sign-ins of a locked pair too', async () => {
    const address = newAddress()
    const email = world.users.outsider.email
    for (let i = 0; i < 5; i++) await login(email, 'wrong-pw-5', address)
    const res = await api.request('POST', '/api/graphql', {
      body: {
        query: `mutation ($email: String!, $password: String!) {
          loginUser(email: $email, password: $password) { token }
        }`,
        variables: { email, password: PASSWORD },
      },
      headers: { 'X-Forwarded-For': address },
    })
    expect(res.json.data?.loginUser ?? null).toBeNull()
    expect(res.json.errors[0].message).toMatch(/quá nhiều lần/)
  })

  it('should record failed and locked-out sign-ins in the audit log', async () => {
    const address = newAddress()
    const email = unknownEmail()
    for (let i = 0; i < 6; i++) await login(email, 'wrong-pw-6', address)
    const res = await api.get(
      `/api/audit-log?limit=10&where[actorEmail][equals]=${encodeURIComponent(email)}`,
      { session: world.sessions.admin },
    )
    const reasons = res.json.docs.map((entry: { reason: string }) => entry.reason)
    expect(reasons).toContain('wrong email or password')
    expect(reasons).toContain('too many failed sign-ins from this address')
  })
})

/** The token of the reset link mailed to `email`, read from the mail folder of the test server. */
const resetTokenFor = async (email: string) => {
  const dir = path.join(server.dataDir, 'mail')
  for (const file of (await readdir(dir)).sort().reverse()) {
    const text = (await readFile(path.join(dir, file), 'utf8')).replace(/=\r?\n/g, '')
    // The portal's reset page (quoted-printable writes its `=` as `=3D`).
    if (text.includes(email)) return text.match(/dat-lai-mat-khau\?token=(?:3D)?([0-9a-f]{40})/)![1]
  }
  throw new Error(`no reset mail for ${email}`)
}

describe('password policy', () => {
  const weak = '123'

  const doors: [string, () => Promise<{ status: number; text: string }>][] = [
    [
      'an admin creating an account',
      () =>
        api.post(
          '/api/users',
          { email: unknownEmail(), password: weak, fullName: 'Yếu', roles: ['member'] },
          { session: world.sessions.admin },
        ),
    ],
    [
      "an admin setting another user's password",
      () =>
        api.patch(
          `/api/users/${world.users.member.id}`,
          { password: 'matkhau123' },
          { session: world.sessions.admin },
        ),
    ],
    [
      'a user changing their own password',
      () =>
        api.patch(
          `/api/users/${world.users.member.id}`,
          { password: weak, currentPassword: PASSWORD },
          { session: world.sessions.member },
        ),
    ],
    [
      'GraphQL updateUser',
      () =>
        api.graphql(
          `mutation { updateUser(id: ${world.users.member.id}, data: { password: "123456789a" }) { id } }`,
          { session: world.sessions.admin },
        ),
    ],
    [
      'the reset-password link',
      async () => {
        const { email } = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
        expectOk(await api.post('/api/users/forgot-password', { email }))
        const token = await resetTokenFor(email)
        return api.post('/api/users/reset-password', { token, password: weak })
      },
    ],
    [
      'GraphQL resetPasswordUser',
      async () => {
        const { email } = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
        expectOk(await api.post('/api/users/forgot-password', { email }))
        const token = await resetTokenFor(email)
        return api.graphql(
          `mutation { resetPasswordUser(token: "${token}", password: "${weak}") { token } }`,
        )
      },
    ],
  ]

  it.each(doors)('should refuse a weak password set by %s', async (_door, attempt) => {
    const res = await attempt()
    expect(res.text).toMatch(/Mật khẩu (phải có ít nhất 10 ký tự|này quá phổ biến)/)
    expect((await api.login(world.users.member.email, PASSWORD)).token).toBeTruthy()
  })

  it('should refuse a password containing the email name', async () => {
    const res = await api.post(
      '/api/users',
      {
        email: 'tran.van.binh@test.local',
        password: 'tran.van.binh-2026',
        fullName: 'Trần Văn Bình',
        roles: ['member'],
      },
      { session: world.sessions.admin },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0]).toEqual({
      path: 'password',
      message: expect.stringMatching(/tên tài khoản/),
    })
  })

  it('should let a reset-password link set a good password, with no forced change after it', async () => {
    const { email } = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
    expectOk(await api.post('/api/users/forgot-password', { email }))
    const token = await resetTokenFor(email)
    const res = expectOk(
      await api.post('/api/users/reset-password', { token, password: 'mot-mat-khau-moi-2026' }),
    )
    expect(res.json.user.mustChangePassword).toBe(false)
  })
})

describe('changing a password', () => {
  let account: { id: number; email: string; session: Session }
  beforeAll(async () => {
    account = await issueAccount(api, world.sessions.admin, { roles: ['member'] })
  })

  it('should refuse to change one’s own password without the current one', async () => {
    const res = await api.patch(
      `/api/users/${account.id}`,
      { password: 'mat-khau-khac-2026' },
      { session: account.session },
    )
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors[0].path).toBe('currentPassword')
  })

  it('should refuse a wrong current password over GraphQL too', async () => {
    const res = await api.graphql(
      `mutation { updateUser(id: ${account.id}, data: { password: "mat-khau-khac-2026", currentPassword: "not-the-one-123" }) { id } }`,
      { session: account.session },
    )
    expect(res.json.data?.updateUser ?? null).toBeNull()
    expect(res.text).toMatch(/Mật khẩu hiện tại không đúng/)
  })

  it('should change one’s own password given the current one', async () => {
    expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { password: 'mat-khau-khac-2026', currentPassword: PASSWORD },
        { session: account.session },
      ),
    )
    expect((await api.login(account.email, 'mat-khau-khac-2026')).token).toBeTruthy()
  })

  it("should let an admin set another user's password without theirs, and force a change", async () => {
    const res = expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { password: 'quan-tri-dat-lai-2026' },
        { session: world.sessions.admin },
      ),
    )
    expect(res.json.doc.mustChangePassword).toBe(true)
  })
})

describe('an account whose password an admin typed', () => {
  let account: { id: number; email: string }
  let session: Session
  beforeAll(async () => {
    const email = `issued-${Math.random().toString(36).slice(2, 8)}@test.local`
    const created = expectOk(
      await api.post(
        '/api/users',
        { email, password: ISSUED_PASSWORD, fullName: 'Người mới', roles: ['editor'] },
        { session: world.sessions.admin },
      ),
    ).json.doc
    expect(created.mustChangePassword).toBe(true)
    account = { id: created.id, email }
    session = await api.login(email, ISSUED_PASSWORD)
  })

  it('should read its own account', async () => {
    const me = await api.get('/api/users/me', { session })
    expect(me.status).toBe(200)
    expect(me.json.user.mustChangePassword).toBe(true)
    expect((await api.get(`/api/users/${account.id}`, { session })).status).toBe(200)
  })

  it.each([
    ['GET', '/api/documents?draft=true'],
    ['GET', '/api/units/count'],
    ['GET', '/api/users'],
    ['GET', '/api/search?q=nghi+quyet'],
    ['POST', '/api/references'],
  ])('should answer 403 to %s %s with a message to change the password', async (method, url) => {
    const res = await api.request(method, url, {
      session,
      body: method === 'POST' ? { title: 'Tài liệu', kind: 'book' } : undefined,
    })
    expect(res.status).toBe(403)
    expect(res.json.errors[0].message).toMatch(/đổi mật khẩu/)
  })

  it('should refuse GraphQL queries', async () => {
    const res = await api.graphql('{ Documents(draft: true) { docs { id } } }', { session })
    expect(res.json.data?.Documents ?? null).toBeNull()
    expect(res.json.errors[0].message).toMatch(/đổi mật khẩu/)
  })

  it('should refuse other changes to its own account', async () => {
    const res = await api.patch(`/api/users/${account.id}`, { fullName: 'Tên khác' }, { session })
    expect(res.status).toBe(403)
  })

  it('should go back to normal once it changed its password', async () => {
    const changed = expectOk(
      await api.patch(
        `/api/users/${account.id}`,
        { password: 'mat-khau-cua-toi-2026', currentPassword: ISSUED_PASSWORD },
        { session },
      ),
    )
    expect(changed.json.doc.mustChangePassword).toBe(false)
    expect((await api.get('/api/documents?draft=true', { session })).status).toBe(200)
  })

  it('should not be forced on the admin created from ADMIN_EMAIL', async () => {
    const me = await api.get('/api/users/me', { session: world.sessions.admin })
    expect(me.json.user.mustChangePassword).toBe(false)
  })
})

describe('behind an https SERVER_URL, on a fresh install', () => {
  let https: TestServer
  let httpsApi: Client
  beforeAll(async () => {
    https = await startServer({
      env: { SERVER_URL: 'https://sotay.example', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
    })
    httpsApi = client(https.url)
  })
  afterAll(async () => {
    await https?.stop()
  })

  const firstUser = (password: string) =>
    httpsApi.post('/api/users/first-register', {
      email: 'nguoi-dau-tien@sotay.example',
      password,
      'confirm-password': password,
      fullName: 'Người quản trị đầu tiên',
    })

  it('should refuse a weak password for the first account', async () => {
    const res = await firstUser('123')
    expect(res.status).toBe(400)
    expect(res.text).toMatch(/ít nhất 10 ký tự/)
  })

  it('should send the session cookie with Secure and SameSite=Lax', async () => {
    const res = expectOk(await firstUser('mot-cum-tu-de-nho-2026'))
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/;\s*SameSite=Lax/i)
    const signIn = await httpsApi.request('POST', '/api/users/login', {
      body: { email: 'nguoi-dau-tien@sotay.example', password: 'mot-cum-tu-de-nho-2026' },
    })
    expect(signIn.headers.getSetCookie().join('\n')).toMatch(/payload-token=[^;]+;.*Secure/i)
  })
})
