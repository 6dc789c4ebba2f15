import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { type Client } from '../helpers/api'
import { type TestServer } from '../helpers/server'
import {
  type Role,
  type World,
  allRoles,
  startWorld,
  isStaffRole,
  minimalItem,
  publishItem,
  titleField,
  titleOf,
  visibleTo,
} from '../helpers/world'

let server: TestServer
let api: Client
let world: World

beforeAll(async () => {
  ;({ server, api, world } = await startWorld())
})
afterAll(async () => {
  await server?.stop()
})

const gqlNames: Record<ContentSlug, { one: string; many: string }> = {
  documents: { one: 'Document', many: 'Documents' },
  orientations: { one: 'Orientation', many: 'Orientations' },
  'identified-pages': { one: 'IdentifiedPage', many: 'IdentifiedPages' },
  references: { one: 'Reference', many: 'References' },
  questions: { one: 'Question', many: 'Questions' },
}

/** GraphQL select enums use `_` where the stored values use `-`. */
const toGraphQLData = (data: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      key === 'kind' && typeof value === 'string' ? value.replace(/-/g, '_') : value,
    ]),
  )

const isDenied = (res: { status: number; json: any }) =>
  res.status === 403 ||
  (res.json?.errors ?? []).some((error: any) => error?.extensions?.statusCode === 403)

const canCreate = (slug: ContentSlug, role: Role) =>
  isStaffRole(role) || (slug === 'questions' && (role === 'member' || role === 'outsider'))

const rows = contentSlugs.flatMap((slug) => allRoles.map((role) => ({ slug, role })))

describe.each(rows)('$slug × $role', ({ slug, role }) => {
  const session = () => world.sessions[role]
  const expectedTitles = () =>
    visibleTo[role].map((visibility) => world.items[slug][visibility].title).sort()
  const fixtureTitles = () => Object.values(world.items[slug]).map((item) => item.title)

  it('should list exactly the fixture items the role may read (REST)', async () => {
    const res = await api.get(`/api/${slug}?limit=100&depth=0`, { session: session() })
    expect(res.status).toBe(200)
    const titles = res.json.docs
      .map((doc: Record<string, unknown>) => titleOf(slug, doc))
      .filter((title: string) => fixtureTitles().includes(title))
      .sort()
    expect(titles).toEqual(expectedTitles())
  })

  it('should list exactly the fixture items the role may read (GraphQL)', async () => {
    const { many } = gqlNames[slug]
    const res = await api.graphql(`{ ${many}(limit: 100) { docs { ${titleField(slug)} } } }`, {
      session: session(),
    })
    expect(res.json.errors).toBeUndefined()
    const titles = res.json.data[many].docs
      .map((doc: Record<string, unknown>) => titleOf(slug, doc))
      .filter((title: string) => fixtureTitles().includes(title))
      .sort()
    expect(titles).toEqual(expectedTitles())
  })

  it(`should ${canCreate(slug, role) ? 'allow' : 'deny'} create (REST and GraphQL)`, async () => {
    const data = { ...minimalItem[slug](`create-${role}`), audience: 'public' }
    const rest = await api.post(`/api/${slug}`, data, { session: session() })
    const { one } = gqlNames[slug]
    const gql = await api.graphql(
      `mutation ($data: mutation${one}Input!) { create${one}(data: $data) { id } }`,
      {
        session: session(),
        variables: {
          data: toGraphQLData({ ...minimalItem[slug](`gql-create-${role}`), audience: 'public' }),
        },
      },
    )
    if (canCreate(slug, role)) {
      expect(rest.status).toBe(201)
      expect(gql.json.errors).toBeUndefined()
      expect(gql.json.data[`create${one}`].id).toBeTypeOf('number')
    } else {
      expect(rest.status).toBe(403)
      expect(isDenied(gql)).toBe(true)
    }
  })

  it(`should ${isStaffRole(role) ? 'allow' : 'deny'} update (REST and GraphQL)`, async () => {
    const item = world.items[slug].public
    const field = titleField(slug)
    const rest = await api.patch(
      `/api/${slug}/${item.id}`,
      { [field]: item.title },
      { session: session() },
    )
    const { one } = gqlNames[slug]
    const gql = await api.graphql(
      `mutation ($id: Int!, $data: mutation${one}UpdateInput!) { update${one}(id: $id, data: $data) { id } }`,
      { session: session(), variables: { id: item.id, data: { [field]: item.title } } },
    )
    if (isStaffRole(role)) {
      expect(rest.status).toBe(200)
      expect(gql.json.errors).toBeUndefined()
    } else {
      expect(rest.status).toBe(403)
      expect(isDenied(gql)).toBe(true)
    }
  })

  it(`should ${role === 'admin' ? 'allow' : 'deny'} delete (REST and GraphQL)`, async () => {
    const admin = world.sessions.admin
    const make = async (tag: string) =>
      (
        await publishItem(api, world.sessions, slug, {
          ...minimalItem[slug](`${tag}-${role}`),
          audience: 'public',
        })
      ).id as number
    const restId = await make('delete-rest')
    const gqlId = await make('delete-gql')
    const rest = await api.del(`/api/${slug}/${restId}`, { session: session() })
    const { one } = gqlNames[slug]
    const gql = await api.graphql(`mutation ($id: Int!) { delete${one}(id: $id) { id } }`, {
      session: session(),
      variables: { id: gqlId },
    })
    const remaining = await api.get(`/api/${slug}?where[id][in]=${restId},${gqlId}&depth=0`, {
      session: admin,
    })
    if (role === 'admin') {
      expect(rest.status).toBe(200)
      expect(gql.json.errors).toBeUndefined()
      expect(remaining.json.totalDocs).toBe(0)
    } else {
      expect(rest.status).toBe(403)
      expect(isDenied(gql)).toBe(true)
      expect(remaining.json.totalDocs).toBe(2)
    }
  })

  it(`should ${isStaffRole(role) ? 'allow' : 'deny'} reading versions (REST and GraphQL)`, async () => {
    const rest = await api.get(`/api/${slug}/versions?depth=0`, { session: session() })
    const { many } = gqlNames[slug]
    const gql = await api.graphql(`{ versions${many} { totalDocs } }`, { session: session() })
    if (isStaffRole(role)) {
      expect(rest.status).toBe(200)
      expect(rest.json.totalDocs).toBeGreaterThan(0)
      expect(gql.json.data[`versions${many}`].totalDocs).toBeGreaterThan(0)
    } else {
      expect(rest.status).toBe(403)
      expect(isDenied(gql)).toBe(true)
    }
  })
})

describe('users', () => {
  it.each(allRoles)('should show %s only the accounts the role may see', async (role) => {
    const res = await api.get('/api/users?limit=100&depth=0', { session: world.sessions[role] })
    if (role === 'anonymous') return expect(res.status).toBe(403)
    expect(res.status).toBe(200)
    const ids = res.json.docs.map((doc: { id: number }) => doc.id)
    if (isStaffRole(role)) expect(ids.length).toBeGreaterThanOrEqual(5)
    else expect(ids).toEqual([world.users[role as 'member' | 'outsider'].id])
  })

  it('should keep session records to the account holder', async () => {
    const listed = await api.get('/api/users?limit=100&depth=0', { session: world.sessions.admin })
    const others = listed.json.docs.filter((doc: { id: number }) => doc.id !== world.users.admin.id)
    expect(others.length).toBeGreaterThanOrEqual(4)
    for (const doc of others) expect(doc).not.toHaveProperty('sessions')
    // The holder still has them, and every session keeps working.
    const own = await api.get(`/api/users/${world.users.editor.id}?depth=0`, {
      session: world.sessions.editor,
    })
    expect(own.json.sessions?.length).toBeGreaterThanOrEqual(1)
    expect((await api.get('/api/users/me', { session: world.sessions.member })).json.user.id).toBe(
      world.users.member.id,
    )
  })

  it.each(allRoles)('should let only an admin create an account (%s)', async (role) => {
    const email = `new-${role}-${Math.random().toString(36).slice(2, 7)}@test.local`
    const res = await api.post(
      '/api/users',
      { email, password: 'another-password-1', fullName: 'Tài khoản mới', roles: ['member'] },
      { session: world.sessions[role] },
    )
    expect(res.status).toBe(role === 'admin' ? 201 : 403)
  })

  it.each(allRoles)('should let only an admin edit another account (%s)', async (role) => {
    const res = await api.patch(
      `/api/users/${world.users.outsider.id}`,
      { fullName: role === 'outsider' ? 'Người dùng outsider' : `Đổi bởi ${role}` },
      { session: world.sessions[role] },
    )
    expect(res.status).toBe(role === 'admin' || role === 'outsider' ? 200 : 403)
  })

  it.each(['member', 'editor', 'reviewer'] as const)(
    'should not let a %s change their own roles or unit',
    async (role) => {
      const me = world.users[role]
      await api.patch(
        `/api/users/${me.id}`,
        { roles: ['admin'], unit: world.units.cellB },
        { session: world.sessions[role] },
      )
      const after = await api.get(`/api/users/${me.id}?depth=0`, { session: world.sessions.admin })
      expect(after.json.roles).not.toContain('admin')
      expect(after.json.unit).not.toBe(world.units.cellB)
    },
  )

  it('should let an admin change roles', async () => {
    const res = await api.patch(
      `/api/users/${world.users.outsider.id}`,
      { roles: ['member', 'editor'] },
      { session: world.sessions.admin },
    )
    expect(res.status).toBe(200)
    expect(res.json.doc.roles).toEqual(['member', 'editor'])
    await api.patch(
      `/api/users/${world.users.outsider.id}`,
      { roles: ['member'] },
      { session: world.sessions.admin },
    )
  })

  it.each(allRoles)('should let only an admin delete an account (%s)', async (role) => {
    const created = await api.post(
      '/api/users',
      {
        email: `del-${role}-${Math.random().toString(36).slice(2, 7)}@test.local`,
        password: 'another-password-1',
        fullName: 'Sẽ bị xoá',
      },
      { session: world.sessions.admin },
    )
    const res = await api.del(`/api/users/${created.json.doc.id}`, {
      session: world.sessions[role],
    })
    expect(res.status).toBe(role === 'admin' ? 200 : 403)
  })

  it.each(allRoles)('should let only an admin unlock an account (%s)', async (role) => {
    const res = await api.post(
      '/api/users/unlock',
      { email: world.users.member.email },
      { session: world.sessions[role] },
    )
    expect(res.status).toBe(role === 'admin' ? 200 : 403)
  })

  it('should refuse the first-user registration once an account exists', async () => {
    const res = await api.post('/api/users/first-register', {
      email: 'intruder@test.local',
      password: 'intruder-password',
      fullName: 'Kẻ xâm nhập',
    })
    expect(res.status).toBe(403)
  })
})

describe('units', () => {
  it.each(allRoles)('should let %s read units only when signed in', async (role) => {
    const res = await api.get('/api/units?depth=0', { session: world.sessions[role] })
    if (role === 'anonymous') expect(res.status).toBe(403)
    else expect(res.json.totalDocs).toBeGreaterThanOrEqual(3)
  })

  it.each(allRoles)(
    'should let only an admin create, rename and delete units (%s)',
    async (role) => {
      const session = world.sessions[role]
      const code = `U-${role}-${Math.random().toString(36).slice(2, 6)}`
      const created = await api.post(
        '/api/units',
        { name: 'Chi bộ mới', code, parent: world.units.root },
        { session },
      )
      const renamed = await api.patch(
        `/api/units/${world.units.cellB}`,
        { name: 'Chi bộ B' },
        { session },
      )
      const victim = (
        await api.post(
          '/api/units',
          { name: 'Tạm', code: `${code}-x` },
          { session: world.sessions.admin },
        )
      ).json.doc.id
      const deleted = await api.del(`/api/units/${victim}`, { session })
      const expected = role === 'admin' ? [201, 200, 200] : [403, 403, 403]
      expect([created.status, renamed.status, deleted.status]).toEqual(expected)
    },
  )
})
