import type { Payload } from 'payload'

import { slugs } from '../../collections/slugs'
import { blocksToLexical } from '../lib/lexical'
import { logger } from '../server/logger'
import { documents, identifiedPages, orientations, questions, references, units } from './data'
import type { Audience, UnitRef } from './types'

/** Seeding acts as the system, not on behalf of a request, hence `overrideAccess`. */
const system = { overrideAccess: true, depth: 0 } as const

export const DEMO_PASSWORD_DEFAULT = 'sotay-demo-2026'

const demoAccounts = [
  { email: 'admin@sotay.local', fullName: 'Nguyễn Văn Quản', roles: ['admin'], unit: 1 },
  { email: 'bientap@sotay.local', fullName: 'Trần Thị Biên', roles: ['editor'], unit: 1 },
  { email: 'duyet@sotay.local', fullName: 'Lê Văn Duyệt', roles: ['reviewer'], unit: 1 },
  { email: 'dangvien@sotay.local', fullName: 'Phạm Thị Hoa', roles: ['member'], unit: 2 },
] as const

/**
 * Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when no account exists. Without them the
 * admin panel's "create first user" form remains the only way in, and it makes an admin.
 */
export const ensureFirstAdmin = async (payload: Payload) => {
  const { totalDocs } = await payload.count({ collection: slugs.users, overrideAccess: true })
  if (totalDocs > 0) return
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = process.env
  if (!email || !password) {
    logger.warn(
      'No account exists yet. Set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin on ' +
        'start, or open /admin and create it there (the first account is always an admin).',
    )
    return
  }
  await payload.create({
    collection: slugs.users,
    data: { email, password, fullName: 'Quản trị viên', roles: ['admin'] },
    ...system,
  })
  logger.info(`Created the first admin account ${email}`)
}

/** One account per role, for trying the handbook out; only with DEMO_USERS=1. */
const seedDemoAccounts = async (payload: Payload, unitIds: number[]) => {
  const password = process.env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT
  const ids: Record<string, number> = {}
  for (const account of demoAccounts) {
    const existing = await payload.find({
      collection: slugs.users,
      where: { email: { equals: account.email } },
      limit: 1,
      ...system,
    })
    const user =
      existing.docs[0] ??
      (await payload.create({
        collection: slugs.users,
        data: { ...account, roles: [...account.roles], unit: unitIds[account.unit], password },
        ...system,
      }))
    ids[account.roles[0]] = user.id
  }
  logger.info(
    `Demo accounts (password "${password}"): ${demoAccounts.map((a) => `${a.email} (${a.roles[0]})`).join(', ')}`,
  )
  return ids
}

/** Fills an empty handbook with the demo content so a first start shows a living handbook. */
export const seedDemoContent = async (payload: Payload) => {
  const existing = await payload.count({ collection: slugs.documents, ...system })
  if (existing.totalDocs > 0) return false
  const started = Date.now()

  const unitIds: number[] = []
  for (const unit of units) {
    const found = await payload.find({
      collection: slugs.units,
      where: { code: { equals: unit.code } },
      limit: 1,
      ...system,
    })
    const doc =
      found.docs[0] ??
      (await payload.create({
        collection: slugs.units,
        data: { ...unit, parent: unit.parent == null ? null : unitIds[unit.parent] },
        ...system,
      }))
    unitIds.push(doc.id)
  }
  const accounts = process.env.DEMO_USERS === '1' ? await seedDemoAccounts(payload, unitIds) : {}

  const audienceOf = (item: { audience: Audience; audienceUnits?: UnitRef[] }) => ({
    audience: item.audience,
    audienceUnits: (item.audienceUnits ?? []).map((ref) => unitIds[ref]),
  })
  const published = { ...system, draft: false } as const

  const documentIds = new Map<string, number>()
  for (const { key, body, supersedes, ...doc } of documents) {
    const created = await payload.create({
      collection: slugs.documents,
      data: {
        ...doc,
        ...audienceOf(doc),
        body: blocksToLexical(body),
        supersedes: supersedes ? documentIds.get(supersedes) : undefined,
        _status: 'published',
        reviewState: 'published',
      },
      ...published,
    })
    documentIds.set(key, created.id)
  }

  const referenceIds = new Map<string, number>()
  for (const { key, description, ...ref } of references) {
    const created = await payload.create({
      collection: slugs.references,
      data: {
        ...ref,
        ...audienceOf(ref),
        description: blocksToLexical(description),
        _status: 'published',
        reviewState: 'published',
      },
      ...published,
    })
    referenceIds.set(key, created.id)
  }

  const orientationIds = new Map<string, number>()
  for (const {
    key,
    talkingPoints,
    keyMessages,
    relatedDocuments,
    relatedReferences,
    ...o
  } of orientations) {
    const created = await payload.create({
      collection: slugs.orientations,
      data: {
        ...o,
        ...audienceOf(o),
        keyMessages: keyMessages.map((text) => ({ text })),
        talkingPoints: blocksToLexical(talkingPoints),
        relatedDocuments: (relatedDocuments ?? []).map((k) => documentIds.get(k)!).filter(Boolean),
        relatedReferences: (relatedReferences ?? [])
          .map((k) => referenceIds.get(k)!)
          .filter(Boolean),
        _status: 'published',
        reviewState: 'published',
      },
      ...published,
    })
    orientationIds.set(key, created.id)
  }

  for (const { rebuttalReferences, rebuttalOrientations, status, ...page } of identifiedPages) {
    await payload.create({
      collection: slugs.identifiedPages,
      data: {
        ...page,
        pageStatus: status,
        ...audienceOf(page),
        rebuttals: [
          ...(rebuttalReferences ?? []).map((k) => ({
            relationTo: slugs.references,
            value: referenceIds.get(k)!,
          })),
          ...(rebuttalOrientations ?? []).map((k) => ({
            relationTo: slugs.orientations,
            value: orientationIds.get(k)!,
          })),
        ].filter((link) => link.value != null),
        _status: 'published',
        reviewState: 'published',
      },
      ...published,
    })
  }

  for (const { answer, unit, isFaq, ...question } of questions) {
    const isPublished = question.state === 'published'
    await payload.create({
      collection: slugs.questions,
      data: {
        ...question,
        ...audienceOf(question),
        isFaq,
        unit: unitIds[unit],
        askedBy: accounts.member,
        answer: answer ? blocksToLexical(answer) : undefined,
        _status: isPublished ? 'published' : 'draft',
        reviewState: isPublished ? 'published' : 'draft',
      },
      ...system,
      draft: !isPublished,
    })
  }
  logger.info(`Seeded the demo handbook in ${Date.now() - started} ms`)
  return true
}
