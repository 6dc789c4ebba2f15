import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { type Client, type Session } from '../helpers/api'
import { pngOf, uploadForm } from '../helpers/files'
import { type TestServer } from '../helpers/server'
import {
  type World,
  startWorld,
  expectOk,
  minimalItem,
  publishItem,
  titleField,
  workflow,
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

const gqlOne: Record<ContentSlug, string> = {
  documents: 'Document',
  orientations: 'Orientation',
  'identified-pages': 'IdentifiedPage',
  references: 'Reference',
  questions: 'Question',
}

/** Restricted fixture items and the readers who must never see them. */
const cases = contentSlugs.flatMap((slug) => [
  { slug, kind: 'members' as const, reader: 'anonymous' as const },
  { slug, kind: 'units' as const, reader: 'anonymous' as const },
  { slug, kind: 'units' as const, reader: 'outsider' as const },
  { slug, kind: 'draft' as const, reader: 'anonymous' as const },
  { slug, kind: 'draft' as const, reader: 'member' as const },
])

describe.each(cases)('a $kind item of $slug for $reader', ({ slug, kind, reader }) => {
  const item = () => world.items[slug][kind]
  const session = () => world.sessions[reader]

  it('should not be readable by id, with or without ?draft=true', async () => {
    for (const query of ['', '?draft=true', '?depth=2&draft=true']) {
      const res = await api.get(`/api/${slug}/${item().id}${query}`, { session: session() })
      expect([403, 404]).toContain(res.status)
      expect(res.text).not.toContain(item().title)
    }
  })

  it('should not be found by a where query or counted', async () => {
    const field = titleField(slug)
    const found = await api.get(
      `/api/${slug}?where[${field}][equals]=${encodeURIComponent(item().title)}&draft=true`,
      { session: session() },
    )
    expect(found.json.totalDocs).toBe(0)
    const count = await api.get(`/api/${slug}/count?where[id][equals]=${item().id}`, {
      session: session(),
    })
    expect(count.json.totalDocs).toBe(0)
  })

  it('should not be readable over GraphQL, drafts included', async () => {
    const one = gqlOne[slug]
    for (const draft of [false, true]) {
      const res = await api.graphql(
        `{ ${one}(id: ${item().id}, draft: ${draft}) { ${titleField(slug)} } }`,
        {
          session: session(),
        },
      )
      expect(res.json.data?.[one] ?? null).toBeNull()
      expect(res.text).not.toContain(item().title)
    }
  })

  it('should not leak through versions (REST and GraphQL)', async () => {
    const versions = await api.get(`/api/${slug}/versions?where[parent][equals]=${item().id}`, {
      session: world.sessions.admin,
    })
    const versionId = versions.json.docs[0].id
    const list = await api.get(`/api/${slug}/versions`, { session: session() })
    const byId = await api.get(`/api/${slug}/versions/${versionId}`, { session: session() })
    expect(list.status).toBe(403)
    expect(byId.status).toBe(403)
    expect(byId.text).not.toContain(item().title)
    const one = gqlOne[slug]
    const gql = await api.graphql(`{ version${one}(id: ${versionId}) { id } }`, {
      session: session(),
    })
    expect(gql.json.data?.[`version${one}`] ?? null).toBeNull()
  })
})

describe('a draft saved over a published item', () => {
  const drafts = {} as Record<ContentSlug, { id: number; published: string; draft: string }>

  beforeAll(async () => {
    for (const slug of contentSlugs) {
      const field = titleField(slug)
      const created = await publishItem(api, world.sessions, slug, {
        ...minimalItem[slug](`live-${slug}`),
        audience: 'public',
      })
      const draftTitle = `BẢN NHÁP BÍ MẬT ${slug}`
      expectOk(
        await api.patch(
          `/api/${slug}/${created.id}?draft=true`,
          { [field]: draftTitle, _status: 'draft' },
          { session: world.sessions.editor },
        ),
      )
      drafts[slug] = { id: created.id, published: created[field], draft: draftTitle }
    }
  })

  describe.each(contentSlugs)('in %s', (slug) => {
    it.each(['anonymous', 'member'] as const)(
      'should show %s the published version everywhere',
      async (reader) => {
        const session: Session = world.sessions[reader]
        const { id, published, draft } = drafts[slug]
        const field = titleField(slug)
        for (const query of ['', '?draft=true']) {
          const res = await api.get(`/api/${slug}/${id}${query}`, { session })
          expect(res.status).toBe(200)
          expect(res.json[field]).toBe(published)
          expect(res.text).not.toContain(draft)
        }
        const list = await api.get(`/api/${slug}?limit=200&draft=true`, { session })
        expect(list.text).toContain(published)
        expect(list.text).not.toContain(draft)
        const gql = await api.graphql(`{ ${gqlOne[slug]}(id: ${id}, draft: true) { ${field} } }`, {
          session,
        })
        expect(gql.json.data[gqlOne[slug]][field]).toBe(published)
      },
    )

    it('should show staff the draft when they ask for it', async () => {
      const { id, draft } = drafts[slug]
      const res = await api.get(`/api/${slug}/${id}?draft=true`, { session: world.sessions.editor })
      expect(res.json[titleField(slug)]).toBe(draft)
    })
  })
})

describe('relationships inside a public item', () => {
  let orientationId: number
  let pageId: number

  beforeAll(async () => {
    const docs = world.items.documents
    orientationId = (
      await publishItem(api, world.sessions, 'orientations', {
        ...minimalItem.orientations('with-relations'),
        audience: 'public',
        relatedDocuments: [docs.public.id, docs.members.id, docs.units.id, docs.draft.id],
        relatedReferences: [world.items.references.members.id],
      })
    ).id
    pageId = (
      await publishItem(api, world.sessions, 'identified-pages', {
        ...minimalItem['identified-pages']('with-rebuttals'),
        classification: 'hostile',
        audience: 'public',
        rebuttals: [
          { relationTo: 'references', value: world.items.references.units.id },
          { relationTo: 'orientations', value: world.items.orientations.members.id },
        ],
      })
    ).id
  })

  it('should populate only what anonymous readers may see (REST)', async () => {
    const res = await api.get(`/api/orientations/${orientationId}?depth=2`)
    expect(res.status).toBe(200)
    expect(res.text).toContain(world.items.documents.public.title)
    for (const hidden of [
      world.items.documents.members,
      world.items.documents.units,
      world.items.documents.draft,
      world.items.references.members,
    ]) {
      expect(res.text).not.toContain(hidden.title)
    }
  })

  it('should populate only what an outsider may see in polymorphic links (REST)', async () => {
    const res = await api.get(`/api/identified-pages/${pageId}?depth=2`, {
      session: world.sessions.outsider,
    })
    expect(res.text).not.toContain(world.items.references.units.title)
    expect(res.text).toContain(world.items.orientations.members.title)
  })

  it('should populate only what anonymous readers may see (GraphQL)', async () => {
    const res = await api.graphql(
      `{ Orientation(id: ${orientationId}) { relatedDocuments { title } relatedReferences { title } } }`,
    )
    expect(res.text).toContain(world.items.documents.public.title)
    expect(res.text).not.toContain(world.items.documents.members.title)
    expect(res.text).not.toContain(world.items.documents.draft.title)
    expect(res.text).not.toContain(world.items.references.members.title)
  })

  it('should not show the ids of linked items the reader may not see (depth=0)', async () => {
    const docs = world.items.documents
    for (const [session, visible] of [
      [world.sessions.anonymous, [docs.public.id]],
      [world.sessions.outsider, [docs.public.id, docs.members.id]],
      [world.sessions.member, [docs.public.id, docs.members.id, docs.units.id]],
    ] as const) {
      const res = await api.get(`/api/orientations/${orientationId}?depth=0`, { session })
      expect(res.json.relatedDocuments).toEqual(visible)
    }
    const gql = await api.graphql(
      `{ Orientation(id: ${orientationId}) { relatedReferences { id } } }`,
    )
    expect(gql.json.data.Orientation.relatedReferences).toEqual([])
  })

  it.each([
    ['equals', (id: number) => `where[relatedDocuments][equals]=${id}`],
    ['in', (id: number) => `where[relatedDocuments][in]=${id}`],
    ['not_equals', (id: number) => `where[relatedDocuments][not_equals]=${id}`],
    ['capitalised OR', (id: number) => `where[OR][0][relatedDocuments][equals]=${id}`],
  ])(
    'should not let an anonymous %s filter tell whether a hidden item is linked',
    async (_operator, filter) => {
      const docs = world.items.documents
      const query = (id: number) =>
        api.get(`/api/orientations?${filter(id)}&where[id][equals]=${orientationId}&depth=0`)
      // A linked draft and an id that exists nowhere must answer alike.
      const linked = await query(docs.draft.id)
      const nowhere = await query(2_000_000_000)
      expect(linked.status).toBe(200)
      expect(linked.json.totalDocs).toBe(nowhere.json.totalDocs)
    },
  )

  it.each([
    'where[relatedDocuments.title][like]=draft',
    'where[relatedDocuments][exists]=true',
    'where[relatedDocuments][greater_than]=1',
    'sort=relatedDocuments',
  ])('should refuse a reader a probe through links: %s', async (query) => {
    const res = await api.get(`/api/orientations?${query}`, { session: world.sessions.outsider })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/liên kết/)
  })

  it('should let staff filter by any link', async () => {
    const res = await api.get(
      `/api/orientations?where[relatedDocuments][equals]=${world.items.documents.draft.id}&depth=0`,
      { session: world.sessions.editor },
    )
    expect(res.json.docs.map((doc: { id: number }) => doc.id)).toContain(orientationId)
  })
})

describe("a published FAQ's asker", () => {
  let questionId: number

  beforeAll(async () => {
    const asked = expectOk(
      await api.post(
        '/api/questions',
        { title: 'Hỏi về chuyển sinh hoạt đảng', question: 'Thủ tục thế nào?' },
        { session: world.sessions.member },
      ),
    ).json.doc
    questionId = asked.id
    expectOk(
      await api.patch(
        `/api/questions/${questionId}`,
        { isFaq: true, audience: 'public', answer: null },
        { session: world.sessions.editor },
      ),
    )
    await workflow(api, world.sessions.editor, 'questions', questionId, 'submit')
    await workflow(api, world.sessions.reviewer, 'questions', questionId, 'approve')
  })

  it.each(['anonymous', 'outsider'] as const)('should be hidden from %s', async (reader) => {
    const res = await api.get(`/api/questions/${questionId}?depth=1`, {
      session: world.sessions[reader],
    })
    expect(res.status).toBe(200)
    expect(res.json.askedBy).toBeUndefined()
    expect(res.json.unit).toBeUndefined()
    expect(res.text).not.toContain(world.users.member.email)
  })

  it('should be visible to the asker and to staff', async () => {
    for (const reader of ['member', 'editor'] as const) {
      const res = await api.get(`/api/questions/${questionId}?depth=0`, {
        session: world.sessions[reader],
      })
      expect(res.json.askedBy).toBe(world.users.member.id)
    }
  })

  it('should keep a member from seeing questions other members asked in private', async () => {
    const mine = expectOk(
      await api.post(
        '/api/questions',
        { title: 'Câu hỏi riêng', question: 'Chỉ tôi xem?' },
        { session: world.sessions.member },
      ),
    ).json.doc
    const other = await api.get(`/api/questions/${mine.id}`, { session: world.sessions.outsider })
    expect(other.status).toBe(404)
    const own = await api.get(`/api/questions/${mine.id}`, { session: world.sessions.member })
    expect(own.status).toBe(200)
  })

  it('should not tell a member whether the ids they send exist', async () => {
    const res = await api.post(
      '/api/questions',
      { title: 'Dò mã', question: '?', askedBy: 987654, unit: 987654 },
      { session: world.sessions.member },
    )
    expect(res.status).toBe(201)
    expect(res.json.doc.askedBy?.id ?? res.json.doc.askedBy).toBe(world.users.member.id)
  })

  it('should refuse a member who tries to publish their own question', async () => {
    const res = await api.post(
      '/api/questions',
      { title: 'Tự công bố', question: '?', _status: 'published' },
      { session: world.sessions.member },
    )
    expect(res.status).toBe(403)
  })

  it('should ignore staff-only fields a member sends with a question', async () => {
    const res = expectOk(
      await api.post(
        '/api/questions',
        {
          title: 'Câu hỏi tự công bố',
          question: '?',
          isFaq: true,
          state: 'published',
          audience: 'public',
          reviewState: 'draft',
          askedBy: world.users.outsider.id,
        },
        { session: world.sessions.member },
      ),
    ).json.doc
    const stored = await api.get(`/api/questions/${res.id}?depth=0&draft=true`, {
      session: world.sessions.admin,
    })
    expect(stored.json).toMatchObject({
      isFaq: false,
      state: 'new',
      audience: 'members',
      _status: 'draft',
      askedBy: world.users.member.id,
    })
  })
})

describe('upload files', () => {
  const files = {} as Record<
    'loose' | 'members' | 'units' | 'public' | 'draft',
    { url: string; thumb: string }
  >

  beforeAll(async () => {
    const admin = world.sessions.admin
    const upload = async (name: string) => {
      const res = expectOk(
        await api.request('POST', '/api/media', {
          session: admin,
          body: uploadForm(await pngOf(400, 300), `${name}.png`, 'image/png', { alt: name }),
        }),
      )
      return res.json.doc
    }
    const attach = async (audience: Record<string, unknown>, mediaId: number, isDraft = false) => {
      const data = {
        ...minimalItem.documents(`file-${mediaId}`),
        ...audience,
        attachments: [mediaId],
      }
      if (isDraft)
        expectOk(await api.post('/api/documents', data, { session: world.sessions.editor }))
      else await publishItem(api, world.sessions, 'documents', data)
    }
    for (const kind of ['loose', 'members', 'units', 'public', 'draft'] as const) {
      const doc = await upload(`anh-${kind}`)
      files[kind] = { url: doc.url, thumb: doc.sizes.thumbnail.url }
      if (kind === 'members') await attach({ audience: 'members' }, doc.id)
      if (kind === 'units')
        await attach({ audience: 'units', audienceUnits: [world.units.cellA] }, doc.id)
      if (kind === 'public') await attach({ audience: 'public' }, doc.id)
      if (kind === 'draft') await attach({ audience: 'public' }, doc.id, true)
    }
  })

  const fetchFile = async (url: string, reader: keyof World['sessions']) =>
    (await api.get(new URL(url, server.url).pathname, { session: world.sessions[reader] })).status

  const matrix = [
    { kind: 'loose', allowed: ['editor'], denied: ['anonymous', 'member'] },
    { kind: 'draft', allowed: ['reviewer'], denied: ['anonymous', 'member'] },
    { kind: 'members', allowed: ['member', 'outsider'], denied: ['anonymous'] },
    { kind: 'units', allowed: ['member'], denied: ['anonymous', 'outsider'] },
    { kind: 'public', allowed: ['anonymous', 'member'], denied: [] },
  ] as const

  it.each(matrix)(
    'should serve a $kind file and its sizes only to those who may read it',
    async ({ kind, allowed, denied }) => {
      for (const reader of allowed) {
        expect(await fetchFile(files[kind].url, reader)).toBe(200)
        expect(await fetchFile(files[kind].thumb, reader)).toBe(200)
      }
      for (const reader of denied) {
        expect([403, 404]).toContain(await fetchFile(files[kind].url, reader))
        expect([403, 404]).toContain(await fetchFile(files[kind].thumb, reader))
      }
    },
  )

  it('should list to anonymous readers only the files of public items', async () => {
    const res = await api.get('/api/media?limit=100&depth=0')
    const urls = res.json.docs.map((doc: { url: string }) => doc.url)
    expect(urls).toEqual([files.public.url])
  })

  it('should hide a file again when its item is unpublished', async () => {
    const admin = world.sessions.admin
    const doc = expectOk(
      await api.request('POST', '/api/media', {
        session: admin,
        body: uploadForm(await pngOf(20, 20), 'tam-thoi.png', 'image/png'),
      }),
    ).json.doc
    const item = await publishItem(api, world.sessions, 'documents', {
      ...minimalItem.documents('unpublish-me'),
      audience: 'public',
      attachments: [doc.id],
    })
    expect(await fetchFile(doc.url, 'anonymous')).toBe(200)
    await workflow(api, world.sessions.reviewer, 'documents', item.id, 'unpublish')
    expect([403, 404]).toContain(await fetchFile(doc.url, 'anonymous'))
  })
})
