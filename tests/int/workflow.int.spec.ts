import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type ReviewState,
  rules,
  type WorkflowAction,
  workflowActions,
} from '../../src/workflow/states'
import { type Client, type Session, anonymous } from '../helpers/api'
import { type TestServer } from '../helpers/server'
import { runTool } from '../helpers/tool'
import {
  type World,
  startWorld,
  expectOk,
  minimalItem,
  publishItem,
  workflow,
} from '../helpers/world'

let server: TestServer
let api: Client
let world: World

beforeAll(async () => {
  ;({ server, api, world } = await startWorld({ env: { JOBS_INTERVAL_MS: '500' } }))
})
afterAll(async () => {
  await server?.stop()
})

const slug = 'documents'
const doc = (tag: string, extra: Record<string, unknown> = {}) => ({
  ...minimalItem.documents(tag),
  audience: 'public',
  ...extra,
})

const stateOf = async (id: number) =>
  (await api.get(`/api/${slug}/${id}?draft=true&depth=0`, { session: world.sessions.admin })).json
    .reviewState as ReviewState

const liveTitle = async (id: number) => {
  const res = await api.get(`/api/${slug}/${id}?depth=0`)
  return res.status === 200 ? (res.json.title as string) : null
}

/** An item, written by the editor, brought to the given state through the workflow itself. */
const itemIn = async (state: ReviewState, tag: string) => {
  const { editor, reviewer } = world.sessions
  const isScheduled = state === 'approved'
  const future = new Date(Date.now() + 3600_000).toISOString()
  const created = expectOk(
    await api.post(`/api/${slug}`, doc(tag, isScheduled ? { publishAt: future } : {}), {
      session: editor,
    }),
  ).json.doc
  const step = (session: Session, action: string, extra = {}) =>
    workflow(api, session, slug, created.id, action, extra)
  if (state === 'draft') return created.id
  if (state === 'archived') {
    await step(reviewer, 'archive')
    return created.id
  }
  await step(editor, 'submit')
  if (state === 'in_review') return created.id
  if (state === 'changes_requested')
    await step(reviewer, 'request_changes', { comment: 'Sửa trích yếu' })
  if (state === 'approved' || state === 'published' || state === 'unpublished')
    await step(reviewer, 'approve')
  if (state === 'unpublished') await step(reviewer, 'unpublish')
  return created.id
}

const actors = ['anonymous', 'member', 'editor', 'reviewer', 'admin'] as const
const states: ReviewState[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'unpublished',
  'archived',
]

const expectedOutcome = (
  actor: (typeof actors)[number],
  state: ReviewState,
  action: WorkflowAction,
) => {
  if (actor === 'anonymous') return 401
  const rule = rules[action]
  if (!rule.roles.includes(actor as never)) return 403
  if (!rule.from.includes(state)) return 409
  return 200
}

const cases = actors.flatMap((actor) =>
  states.flatMap((state) => workflowActions.map((action) => ({ actor, state, action }))),
)

describe('transition matrix (role × state × action)', () => {
  it.each(cases)(
    'should answer $actor doing $action on a $state item as the rules say, over REST and GraphQL',
    async ({ actor, state, action }) => {
      const expected = expectedOutcome(actor, state, action)
      const session = world.sessions[actor as keyof World['sessions']] ?? anonymous
      const [restId, gqlId] = await Promise.all([
        itemIn(state, `m-rest-${actor}-${state}-${action}`),
        itemIn(state, `m-gql-${actor}-${state}-${action}`),
      ])
      const comment = 'Nhận xét của người duyệt'
      const rest = await api.post(
        `/api/${slug}/${restId}/workflow`,
        { action, comment },
        { session },
      )
      const gql = await api.graphql(
        'mutation ($id: Int!, $action: String!, $comment: String) { workflow(collection: "documents", id: $id, action: $action, comment: $comment) { fromState toState } }',
        { session, variables: { id: gqlId, action, comment } },
      )
      expect(rest.status).toBe(expected)
      if (expected === 200) {
        expect(gql.json.errors).toBeUndefined()
        expect(gql.json.data.workflow.toState).toBe(rest.json.toState)
        expect(await stateOf(restId)).toBe(rest.json.toState)
      } else {
        expect(gql.json.errors?.[0]?.extensions?.statusCode ?? gql.status).toBe(expected)
        expect(await stateOf(restId)).toBe(state)
        expect(await stateOf(gqlId)).toBe(state)
      }
    },
  )
})

describe('bypasses of the workflow', () => {
  const editor = () => world.sessions.editor

  it.each(['editor', 'reviewer', 'admin'] as const)(
    'should refuse a %s who PATCHes _status published, and change nothing',
    async (role) => {
      const id = await itemIn('in_review', `bypass-status-${role}`)
      const res = await api.patch(
        `/api/${slug}/${id}`,
        { _status: 'published' },
        { session: world.sessions[role] },
      )
      expect(res.status).toBe(403)
      expect(await liveTitle(id)).toBeNull()
      expect(await stateOf(id)).toBe('in_review')
    },
  )

  it('should refuse creating an item already published', async () => {
    const before = (
      await api.get(`/api/${slug}?limit=0&draft=true`, { session: world.sessions.admin })
    ).json.totalDocs
    const res = await api.post(
      `/api/${slug}`,
      { ...doc('born-published'), _status: 'published' },
      { session: editor() },
    )
    expect(res.status).toBe(403)
    const after = (
      await api.get(`/api/${slug}?limit=0&draft=true`, { session: world.sessions.admin })
    ).json.totalDocs
    expect(after).toBe(before)
  })

  it('should refuse an editor who PATCHes the review state', async () => {
    const id = await itemIn('in_review', 'bypass-state')
    const res = await api.patch(
      `/api/${slug}/${id}`,
      { reviewState: 'published' },
      { session: editor() },
    )
    expect(res.status).toBe(403)
    expect(await stateOf(id)).toBe('in_review')
  })

  it('should refuse publishing through GraphQL update mutations', async () => {
    const id = await itemIn('in_review', 'bypass-gql')
    for (const data of [{ _status: 'published' }, { reviewState: 'published' }]) {
      const res = await api.graphql(
        'mutation ($id: Int!, $data: mutationDocumentUpdateInput!) { updateDocument(id: $id, data: $data) { id } }',
        { session: editor(), variables: { id, data } },
      )
      expect(res.json.errors?.[0]?.extensions?.statusCode).toBe(403)
    }
    expect(await liveTitle(id)).toBeNull()
    expect(await stateOf(id)).toBe('in_review')
  })

  it('should refuse bulk publishing from the list view endpoints', async () => {
    const ids = [await itemIn('in_review', 'bulk-1'), await itemIn('draft', 'bulk-2')]
    const where = `where[id][in]=${ids.join(',')}`
    for (const session of [editor(), world.sessions.reviewer]) {
      const status = await api.patch(`/api/${slug}?${where}`, { _status: 'published' }, { session })
      expect(status.status).toBe(403)
      const state = await api.patch(
        `/api/${slug}?${where}&draft=true`,
        { reviewState: 'published' },
        { session },
      )
      expect(state.status).toBe(403)
    }
    for (const id of ids) expect(await liveTitle(id)).toBeNull()
  })

  it('should keep the live version when an editor saves over a published item without ?draft', async () => {
    const published = await publishItem(api, world.sessions, slug, doc('live-one'))
    const res = await api.patch(
      `/api/${slug}/${published.id}`,
      { title: 'Sửa chưa duyệt' },
      { session: editor() },
    )
    expect(res.status).toBe(200)
    expect(await liveTitle(published.id)).toBe(published.title)
    expect(await stateOf(published.id)).toBe('draft')
  })
})

describe('a new version of a published item', () => {
  it('should stay invisible until approved, then replace the live one', async () => {
    const published = await publishItem(api, world.sessions, slug, doc('versioned'))
    expectOk(
      await api.patch(
        `/api/${slug}/${published.id}?draft=true`,
        { title: 'Phiên bản 2' },
        { session: world.sessions.editor },
      ),
    )
    expect(await liveTitle(published.id)).toBe(published.title)
    const member = await api.get(`/api/${slug}/${published.id}?draft=true`, {
      session: world.sessions.member,
    })
    expect(member.json.title).toBe(published.title)
    await workflow(api, world.sessions.editor, slug, published.id, 'submit')
    expect(await liveTitle(published.id)).toBe(published.title)
    await workflow(api, world.sessions.reviewer, slug, published.id, 'approve')
    expect(await liveTitle(published.id)).toBe('Phiên bản 2')
  })
})

describe('four-eyes', () => {
  it('should refuse a reviewer approving a version they last edited', async () => {
    const id = await itemIn('draft', 'four-eyes-edit')
    expectOk(
      await api.patch(
        `/api/${slug}/${id}?draft=true`,
        { summary: 'Người duyệt sửa' },
        { session: world.sessions.reviewer },
      ),
    )
    await workflow(api, world.sessions.editor, slug, id, 'submit')
    const res = await api.post(
      `/api/${slug}/${id}/workflow`,
      { action: 'approve' },
      { session: world.sessions.reviewer },
    )
    expect(res.status).toBe(403)
    expect(res.json.errors[0].message).toContain('four-eyes')
    expect(await stateOf(id)).toBe('in_review')
  })

  it('should refuse a reviewer approving an item they created', async () => {
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('four-eyes-own'), { session: world.sessions.reviewer }),
    ).json.doc
    await workflow(api, world.sessions.reviewer, slug, created.id, 'submit')
    const res = await api.post(
      `/api/${slug}/${created.id}/workflow`,
      { action: 'approve' },
      { session: world.sessions.reviewer },
    )
    expect(res.status).toBe(403)
  })

  it('should refuse an admin approving their own version without a reason', async () => {
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('override-none'), { session: world.sessions.admin }),
    ).json.doc
    await workflow(api, world.sessions.admin, slug, created.id, 'submit')
    const res = await api.post(
      `/api/${slug}/${created.id}/workflow`,
      { action: 'approve' },
      { session: world.sessions.admin },
    )
    expect(res.status).toBe(403)
    expect(res.json.errors[0].message).toContain('reason')
    expect(await liveTitle(created.id)).toBeNull()
  })

  it('should let an admin override with a written reason, and log it', async () => {
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('override-reason'), { session: world.sessions.admin }),
    ).json.doc
    await workflow(api, world.sessions.admin, slug, created.id, 'submit')
    const reason = 'Văn bản khẩn, người duyệt vắng mặt'
    await workflow(api, world.sessions.admin, slug, created.id, 'approve', { reason })
    expect(await liveTitle(created.id)).toBe(created.title)
    const log = await api.get(
      `/api/audit-log?where[itemId][equals]=${created.id}&where[collectionSlug][equals]=${slug}&sort=id&depth=0`,
      { session: world.sessions.admin },
    )
    const override = log.json.docs.find((entry: { action: string }) => entry.action === 'override')
    expect(override).toMatchObject({ reason, actor: world.users.admin.id })
  })
})

describe('scheduling', () => {
  it('should publish an approved item at its publish time', async () => {
    const publishAt = new Date(Date.now() + 2000).toISOString()
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('scheduled', { publishAt }), {
        session: world.sessions.editor,
      }),
    ).json.doc
    await workflow(api, world.sessions.editor, slug, created.id, 'submit')
    const approved = await workflow(api, world.sessions.reviewer, slug, created.id, 'approve')
    expect(approved.toState).toBe('approved')
    expect(await liveTitle(created.id)).toBeNull()
    await expect
      .poll(() => liveTitle(created.id), { timeout: 20_000, interval: 300 })
      .toBe(created.title)
    expect(await stateOf(created.id)).toBe('published')
  })

  it('should unpublish a live item at its unpublish time', async () => {
    const unpublishAt = new Date(Date.now() + 2000).toISOString()
    const published = await publishItem(api, world.sessions, slug, doc('expiring', { unpublishAt }))
    expect(await liveTitle(published.id)).toBe(published.title)
    await expect.poll(() => liveTitle(published.id), { timeout: 20_000, interval: 300 }).toBeNull()
    expect(await stateOf(published.id)).toBe('unpublished')
  })

  it('should record a schedule that fails and show it in the admin', async () => {
    const pages = 'identified-pages'
    const first = await publishItem(api, world.sessions, pages, {
      ...minimalItem[pages]('claimed'),
      url: 'https://claimed-page.example.vn',
      audience: 'public',
    })
    const second = await publishItem(api, world.sessions, pages, {
      ...minimalItem[pages]('clash'),
      audience: 'public',
    })
    // The new version claims the first page's URL: fine as a draft, refused by the database at publication.
    const publishAt = new Date(Date.now() + 1500).toISOString()
    expectOk(
      await api.patch(
        `/api/${pages}/${second.id}?draft=true`,
        { url: first.url, publishAt },
        { session: world.sessions.editor },
      ),
    )
    await workflow(api, world.sessions.editor, pages, second.id, 'submit')
    await workflow(api, world.sessions.reviewer, pages, second.id, 'approve')
    const failures = async () =>
      (
        await api.get(
          `/api/audit-log?where[action][equals]=schedule_failed&where[itemId][equals]=${second.id}`,
          { session: world.sessions.admin },
        )
      ).json.totalDocs
    await expect.poll(failures, { timeout: 20_000, interval: 300 }).toBeGreaterThan(0)
    // Retried every pass, recorded once while the error stays the same.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await failures()).toBe(1)
    const dashboard = await api.get('/admin', { session: world.sessions.admin })
    expect(dashboard.text).toContain('Lịch xuất bản bị lỗi')
    expect(server.output()).toContain(
      `Scheduled publish_scheduled of ${pages} #${second.id} failed`,
    )
  })
})

describe('validity of documents', () => {
  const day = 86_400_000
  const iso = (offset: number) => new Date(Date.now() + offset).toISOString()

  it.each([
    ['in_force', { effectiveDate: iso(-10 * day) }],
    ['not_yet_in_force', { effectiveDate: iso(10 * day) }],
    ['expired', { effectiveDate: iso(-20 * day), expiryDate: iso(-day) }],
  ])('should say %s', async (validity, dates) => {
    const published = await publishItem(
      api,
      world.sessions,
      slug,
      doc(`validity-${validity}`, dates),
    )
    const res = await api.get(`/api/${slug}/${published.id}`)
    expect(res.json.validity).toBe(validity)
  })

  it('should mark a superseded document and link its successor', async () => {
    const old = await publishItem(api, world.sessions, slug, doc('old-rule'))
    const successor = await publishItem(
      api,
      world.sessions,
      slug,
      doc('new-rule', { supersedes: old.id }),
    )
    const res = await api.get(`/api/${slug}/${old.id}?depth=0`)
    expect(res.json.validity).toBe('superseded')
    expect(res.json.supersededBy).toBe(successor.id)
    expect(res.json.successor).toMatchObject({ id: successor.id, title: successor.title })
  })

  it('should never change a live document when "superseded by" is sent from the older side', async () => {
    const old = await publishItem(api, world.sessions, slug, doc('old-side'))
    const successor = await publishItem(api, world.sessions, slug, doc('new-side'))
    const draft = expectOk(
      await api.post(`/api/${slug}`, doc('never-published-side'), {
        session: world.sessions.editor,
      }),
    ).json.doc
    for (const [from, to] of [
      [old.id, successor.id],
      [draft.id, old.id],
    ]) {
      await api.patch(
        `/api/${slug}/${from}?draft=true`,
        { supersededBy: to },
        { session: world.sessions.editor },
      )
    }
    for (const id of [old.id, successor.id]) {
      const live = await api.get(`/api/${slug}/${id}?depth=0`)
      expect(live.json.supersedes ?? null).toBeNull()
      expect(live.json.validity).toBe('in_force')
    }
    for (const id of [old.id, draft.id]) {
      const found = await api.get(`/api/${slug}?where[supersedes][equals]=${id}&depth=0`)
      expect(found.json.docs).toEqual([])
    }
  })

  it("should supersede only once the newer document's version is approved", async () => {
    const old = await publishItem(api, world.sessions, slug, doc('old-reviewed'))
    const successor = await publishItem(api, world.sessions, slug, doc('new-reviewed'))
    expectOk(
      await api.patch(
        `/api/${slug}/${successor.id}`,
        { supersedes: old.id },
        { session: world.sessions.editor },
      ),
    )
    expect((await api.get(`/api/${slug}/${old.id}`)).json.validity).toBe('in_force')
    await workflow(api, world.sessions.editor, slug, successor.id, 'submit')
    await workflow(api, world.sessions.reviewer, slug, successor.id, 'approve')
    const res = await api.get(`/api/${slug}/${old.id}?depth=0`)
    expect(res.json.validity).toBe('superseded')
    expect(res.json.supersededBy).toBe(successor.id)
  })

  it('should refuse a document superseding itself', async () => {
    const item = await publishItem(api, world.sessions, slug, doc('self-supersede'))
    const res = await api.patch(
      `/api/${slug}/${item.id}?draft=true`,
      { supersedes: item.id },
      { session: world.sessions.editor },
    )
    expect(res.status).toBe(400)
  })
})

describe('audit log', () => {
  it('should hold an entry for each step, with the request id', async () => {
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('audited'), { session: world.sessions.editor }),
    ).json.doc
    const submit = await api.post(
      `/api/${slug}/${created.id}/workflow`,
      { action: 'submit' },
      { session: world.sessions.editor },
    )
    await workflow(api, world.sessions.reviewer, slug, created.id, 'request_changes', {
      comment: 'Bổ sung căn cứ',
    })
    expectOk(
      await api.patch(
        `/api/${slug}/${created.id}`,
        { title: `${created.title} (sửa)` },
        { session: world.sessions.editor },
      ),
    )
    const versions = await api.get(
      `/api/${slug}/versions?where[parent][equals]=${created.id}&limit=50&depth=0`,
      { session: world.sessions.editor },
    )
    const versionIds = versions.json.docs.map((version: { id: number }) => String(version.id))
    await workflow(api, world.sessions.editor, slug, created.id, 'submit')
    await workflow(api, world.sessions.reviewer, slug, created.id, 'approve')
    await workflow(api, world.sessions.reviewer, slug, created.id, 'unpublish')
    await workflow(api, world.sessions.reviewer, slug, created.id, 'archive')
    expectOk(await api.del(`/api/${slug}/${created.id}`, { session: world.sessions.admin }))
    const log = await api.get(
      `/api/audit-log?where[itemId][equals]=${created.id}&where[collectionSlug][equals]=${slug}&sort=id&limit=50&depth=0`,
      {
        session: world.sessions.reviewer,
      },
    )
    expect(log.json.docs.map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'submit',
      'request_changes',
      'save_draft',
      'submit',
      'publish',
      'unpublish',
      'archive',
      'delete',
    ])
    expect(log.json.docs[1]).toMatchObject({
      actor: world.users.editor.id,
      fromState: 'draft',
      toState: 'in_review',
      requestId: submit.headers.get('x-request-id'),
    })
    expect(log.json.docs[2].reason).toBe('Bổ sung căn cứ')
    // Each save names its author and the version it wrote.
    for (const entry of [log.json.docs[0], log.json.docs[3]]) {
      expect(entry.actor).toBe(world.users.editor.id)
      expect(entry.version).toMatch(/^\d+$/)
    }
    expect(versionIds).toContain(log.json.docs[3].version)
  })

  it('should record logins, failed logins and role changes', async () => {
    await api.login(world.users.outsider.email, 'test-password-123')
    const failed = await api.post('/api/users/login', {
      email: world.users.outsider.email,
      password: 'sai-mat-khau',
    })
    expect(failed.status).toBe(401)
    expectOk(
      await api.patch(
        `/api/users/${world.users.outsider.id}`,
        { roles: ['member', 'editor'] },
        { session: world.sessions.admin },
      ),
    )
    const log = await api.get('/api/audit-log?sort=-id&limit=20&depth=0', {
      session: world.sessions.admin,
    })
    const actions = log.json.docs.map((entry: { action: string }) => entry.action)
    expect(actions).toEqual(expect.arrayContaining(['login', 'login_failed', 'role_change']))
    const roleChange = log.json.docs.find(
      (entry: { action: string }) => entry.action === 'role_change',
    )
    expect(roleChange).toMatchObject({ fromState: 'member', toState: 'editor,member' })
    const failedEntry = log.json.docs.find(
      (entry: { action: string }) => entry.action === 'login_failed',
    )
    expect(failedEntry.actorEmail).toBe(world.users.outsider.email)
  })

  it.each(['editor', 'reviewer', 'admin'] as const)(
    'should refuse a %s changing or deleting an entry (REST and GraphQL)',
    async (role) => {
      const session = world.sessions[role]
      const entry = (
        await api.get('/api/audit-log?limit=1&sort=id', { session: world.sessions.admin })
      ).json.docs[0]
      expect(
        (await api.patch(`/api/audit-log/${entry.id}`, { reason: 'sửa' }, { session })).status,
      ).toBe(403)
      expect((await api.del(`/api/audit-log/${entry.id}`, { session })).status).toBe(403)
      expect(
        (await api.post('/api/audit-log', { ...entry, id: undefined }, { session })).status,
      ).toBe(403)
      const gql = await api.graphql(`mutation { deleteAuditEntry(id: ${entry.id}) { id } }`, {
        session,
      })
      expect(gql.json.errors?.[0]?.extensions?.statusCode).toBe(403)
      const after = (await api.get(`/api/audit-log/${entry.id}`, { session: world.sessions.admin }))
        .json
      expect(after.hash).toBe(entry.hash)
    },
  )

  it('should hide the log from members and anonymous readers', async () => {
    expect((await api.get('/api/audit-log', { session: world.sessions.member })).status).toBe(403)
    expect((await api.get('/api/audit-log')).status).toBe(403)
  })

  // Runs `audit:verify` twice: generous, for a loaded CI machine.
  it(
    'should verify the chain, then find a row tampered with in the database',
    { timeout: 300_000 },
    async () => {
      const verify = () =>
        runTool('scripts/audit-verify.ts', [], {
          env: { DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir },
        })
      const ok = await verify()
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.stdout).toMatch(/Audit chain OK: \d+ entries/)

      const db = new pg.Client({ connectionString: server.databaseUrl })
      await db.connect()
      try {
        const { rows } = await db.query('select id from audit_log order by id limit 1 offset 2')
        const target = rows[0].id
        await db.query("update audit_log set reason = 'đã bị sửa lén' where id = $1", [target])
        const broken = await verify()
        expect(broken.code).toBe(1)
        expect(broken.stderr).toContain(`BROKEN at entry #${target}`)
        expect(broken.stderr).toContain('altered')
      } finally {
        await db.end()
      }
    },
  )
})

describe('notifications', () => {
  const mailDir = () => path.join(server.dataDir, 'mail')
  const mails = async () => {
    const files = await readdir(mailDir()).catch(() => [])
    return Promise.all(files.sort().map((file) => readFile(path.join(mailDir(), file), 'utf8')))
  }

  it('should mail reviewers on submit and the author on a decision', async () => {
    const before = (await mails()).length
    const created = expectOk(
      await api.post(`/api/${slug}`, doc('thư báo'), { session: world.sessions.editor }),
    ).json.doc
    await workflow(api, world.sessions.editor, slug, created.id, 'submit')
    await workflow(api, world.sessions.reviewer, slug, created.id, 'request_changes', {
      comment: 'Thiếu ngày hiệu lực',
    })
    const sent = (await mails()).slice(before)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toContain(`To: ${world.users.reviewer.email}`)
    expect(sent[1]).toContain(`To: ${world.users.editor.email}`)
    const link = `/admin/collections/${slug}/${created.id}`
    for (const mail of sent) expect(mail.replace(/=\r?\n/g, '')).toContain(link)
  })
})
