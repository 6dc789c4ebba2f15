import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { type Client, type Session, anonymous, client } from './api'
import { startServer } from './server'

/** The smallest valid item of each section. */
export const minimalItem: Record<ContentSlug, (tag: string) => Record<string, unknown>> = {
  documents: (tag) => ({
    title: `Văn bản ${tag}`,
    symbol: `${tag}-NQ/ĐU`,
    kind: 'nghi-quyet',
    issuingBody: 'Ban Thường vụ Đảng ủy',
    issueDate: '2026-01-15',
  }),
  orientations: (tag) => ({
    title: `Định hướng ${tag}`,
    period: 'month',
    periodStart: '2026-02-01',
    topic: 'Chuyển đổi số',
  }),
  'identified-pages': (tag) => ({
    name: `Trang ${tag}`,
    platform: 'website',
    url: `https://${tag.toLowerCase().replace(/[^a-z0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}.example.vn`,
    classification: 'official',
    reason: 'Trang thử nghiệm',
  }),
  references: (tag) => ({ title: `Tài liệu ${tag}`, kind: 'book' }),
  questions: (tag) => ({ title: `Câu hỏi ${tag}`, question: 'Xin hỏi thủ tục?', isFaq: true }),
}

export const titleOf = (slug: string, doc: Record<string, unknown>) =>
  (slug === 'identified-pages' ? doc.name : doc.title) as string

export const titleField = (slug: string) => (slug === 'identified-pages' ? 'name' : 'title')

export type Role = 'anonymous' | 'member' | 'outsider' | 'editor' | 'reviewer' | 'admin'
export const allRoles: Role[] = ['anonymous', 'member', 'outsider', 'editor', 'reviewer', 'admin']

export type Visibility = 'public' | 'members' | 'units' | 'draft'

export type World = {
  sessions: Record<Role, Session>
  users: Record<Exclude<Role, 'anonymous'>, { id: number; email: string }>
  units: { root: number; cellA: number; cellB: number }
  /** For each section, one item of each kind; `units` is addressed to cellA, the member's unit. */
  items: Record<ContentSlug, Record<Visibility, { id: number; title: string }>>
}

/** The fixture accounts' own password, chosen at their first sign-in. */
export const PASSWORD = 'test-password-123'
/** What the admin types when issuing an account; its holder must replace it on first sign-in. */
export const ISSUED_PASSWORD = 'issued-password-456'

export const expectOk = <T extends { status: number; text: string }>(
  res: T,
  wanted = [200, 201],
) => {
  if (!wanted.includes(res.status)) throw new Error(`unexpected ${res.status}: ${res.text}`)
  return res
}

/**
 * A unit tree (root → cellA, cellB), one account per role (the member in cellA, the outsider in
 * cellB) and, in every section, a public, a members-only, a units-only (cellA) and a draft item.
 */
export const buildWorld = async (api: Client): Promise<World> => {
  const admin = await api.loginAdmin()
  const unit = async (data: Record<string, unknown>) =>
    expectOk(await api.post('/api/units', data, { session: admin })).json.doc.id as number
  const root = await unit({ name: 'Đảng bộ thử nghiệm', kind: 'dang-bo', code: `R${Date.now()}` })
  const cellA = await unit({
    name: 'Chi bộ A',
    kind: 'chi-bo',
    code: `A${Date.now()}`,
    parent: root,
  })
  const cellB = await unit({
    name: 'Chi bộ B',
    kind: 'chi-bo',
    code: `B${Date.now()}`,
    parent: root,
  })

  const accounts = {
    member: { roles: ['member'], unit: cellA },
    outsider: { roles: ['member'], unit: cellB },
    editor: { roles: ['editor'], unit: root },
    reviewer: { roles: ['reviewer'], unit: root },
  } as const
  const users = {} as World['users']
  const sessions = { anonymous, admin } as Record<Role, Session>
  users.admin = { id: admin.user!.id as number, email: admin.user!.email as string }
  for (const [role, data] of Object.entries(accounts)) {
    const { id, email, session } = await issueAccount(api, admin, {
      ...data,
      email: `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`,
      fullName: `Người dùng ${role}`,
    })
    users[role as keyof typeof accounts] = { id, email }
    sessions[role as Role] = session
  }

  const items = {} as World['items']
  for (const slug of contentSlugs) {
    const create = async (visibility: Visibility) => {
      const tag = `${visibility}-${slug}`
      const audience =
        visibility === 'draft'
          ? { audience: 'public' }
          : visibility === 'units'
            ? { audience: 'units', audienceUnits: [cellA] }
            : { audience: visibility }
      const data = { ...minimalItem[slug](tag), ...audience }
      const doc =
        visibility === 'draft'
          ? expectOk(await api.post(`/api/${slug}`, data, { session: sessions.editor })).json.doc
          : await publishItem(api, sessions, slug, data)
      return { id: doc.id as number, title: titleOf(slug, doc) }
    }
    items[slug] = {
      public: await create('public'),
      members: await create('members'),
      units: await create('units'),
      draft: await create('draft'),
    }
  }
  return { sessions, users, units: { root, cellA, cellB }, items }
}

/**
 * An account the way the handbook issues one: the admin creates it with a password they type, and
 * its holder signs in and replaces that password with their own (PASSWORD) before anything else.
 */
export const issueAccount = async (
  api: Client,
  admin: Session,
  data: Record<string, unknown>,
): Promise<{ id: number; email: string; session: Session }> => {
  const email = String(data.email ?? `user-${Math.random().toString(36).slice(2, 8)}@test.local`)
  const created = expectOk(
    await api.post(
      '/api/users',
      { fullName: 'Người dùng', ...data, email, password: ISSUED_PASSWORD },
      { session: admin },
    ),
  ).json.doc
  const first = await api.login(email, ISSUED_PASSWORD)
  const changed = expectOk(
    await api.patch(
      `/api/users/${created.id}`,
      { password: PASSWORD, currentPassword: ISSUED_PASSWORD },
      { session: first },
    ),
  ).json.doc
  // Changing one's own password keeps the session it was changed in.
  return { id: created.id, email, session: { token: first.token, user: changed } }
}

type Sessions = { editor: Session; reviewer: Session }

/** Runs one workflow step and fails loudly when it is refused. */
export const workflow = async (
  api: Client,
  session: Session,
  slug: string,
  id: number,
  action: string,
  extra: Record<string, unknown> = {},
) => expectOk(await api.post(`/api/${slug}/${id}/workflow`, { action, ...extra }, { session })).json

/**
 * Publishes the way the handbook does: the editor writes a draft and submits it, a reviewer
 * approves it.
 */
export const publishItem = async (
  api: Client,
  sessions: Sessions,
  slug: string,
  data: Record<string, unknown>,
) => {
  const created = expectOk(await api.post(`/api/${slug}`, data, { session: sessions.editor })).json
    .doc
  await workflow(api, sessions.editor, slug, created.id, 'submit')
  return (await workflow(api, sessions.reviewer, slug, created.id, 'approve')).doc
}

/** What each role may read of a section's fixture items. */
export const visibleTo: Record<Role, Visibility[]> = {
  anonymous: ['public'],
  outsider: ['public', 'members'],
  member: ['public', 'members', 'units'],
  editor: ['public', 'members', 'units', 'draft'],
  reviewer: ['public', 'members', 'units', 'draft'],
  admin: ['public', 'members', 'units', 'draft'],
}

export const isStaffRole = (role: Role) =>
  role === 'editor' || role === 'reviewer' || role === 'admin'

/** A test server with the standard world (units, an account per role, their sessions) on it. */
export const startWorld = async (options?: Parameters<typeof startServer>[0]) => {
  const server = await startServer(options)
  const api = client(server.url)
  return { server, api, world: await buildWorld(api) }
}
