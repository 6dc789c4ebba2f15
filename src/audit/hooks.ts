import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterErrorHook,
  CollectionAfterLoginHook,
  CollectionAfterOperationHook,
  CollectionSlug,
} from 'payload'

import { logger } from '../server/logger'
import { WORKFLOW_CONTEXT_KEY } from '../workflow/guards'
import { recordAudit } from './recordAudit'

export const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  await recordAudit({
    req,
    action: 'delete',
    collection: collection.slug,
    itemId: doc.id,
    fromState: (doc.reviewState as string | undefined) ?? null,
    details: { title: doc.title ?? doc.name ?? doc.email ?? doc.filename ?? null },
  })
  return doc
}

export const auditLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  req.user = req.user ?? ({ ...user, collection: 'users' } as typeof req.user)
  await recordAudit({ req, action: 'login', collection: 'users', itemId: user.id })
  return user
}

const failedLoginReasons: Record<string, string> = {
  AuthenticationError: 'wrong email or password',
  LockedAuth: 'account locked',
  TooManyLoginAttempts: 'too many failed sign-ins from this address',
}

/** Failed sign-ins (wrong password, locked-out address) surface as errors of the login endpoint. */
export const auditFailedLogin: CollectionAfterErrorHook = async ({ error, req }) => {
  const name = (error as { name?: string })?.name
  const isLogin = req.pathname?.endsWith('/login') || req.url?.includes('/login')
  const reason = name ? failedLoginReasons[name] : undefined
  if (!isLogin || !reason) return
  const email = typeof req.data?.email === 'string' ? req.data.email.slice(0, 320) : null
  await recordAudit({
    req,
    action: 'login_failed',
    collection: 'users',
    actorEmail: email,
    reason,
  }).catch((err) => logger.error({ msg: 'Could not record a failed login', err }))
}

/** Set by markPasswordChange (src/auth/passwordHooks.ts) when a save sets a password. */
export const PASSWORD_SET_BY = 'passwordSetBy'

const unitIdOf = (value: unknown) =>
  value && typeof value === 'object' ? ((value as { id?: unknown }).id ?? null) : (value ?? null)

/**
 * Accounts: creation (by whom, with which roles and unit), role changes, unit changes,
 * deactivation and reactivation, and passwords set (by the holder or by an admin). Never the
 * password itself.
 */
export const auditAccountChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const roles = [...((doc.roles as string[] | undefined) ?? [])].sort()
  const unit = unitIdOf(doc.unit)
  if (operation === 'create') {
    await recordAudit({
      req,
      action: 'account_create',
      collection: 'users',
      itemId: doc.id,
      toState: roles.join(','),
      details: { email: doc.email ?? null, fullName: doc.fullName ?? null, unit },
    })
    return doc
  }
  const before = [...((previousDoc?.roles as string[] | undefined) ?? [])].sort()
  if (before.join() !== roles.join()) {
    await recordAudit({
      req,
      action: 'role_change',
      collection: 'users',
      itemId: doc.id,
      fromState: before.join(','),
      toState: roles.join(','),
    })
  }
  const unitBefore = unitIdOf(previousDoc?.unit)
  if (String(unitBefore) !== String(unit)) {
    await recordAudit({
      req,
      action: 'account_update',
      collection: 'users',
      itemId: doc.id,
      details: { field: 'unit', from: unitBefore, to: unit },
    })
  }
  if (Boolean(previousDoc?.deactivated) !== Boolean(doc.deactivated)) {
    await recordAudit({
      req,
      action: 'account_update',
      collection: 'users',
      itemId: doc.id,
      fromState: previousDoc?.deactivated ? 'deactivated' : 'active',
      toState: doc.deactivated ? 'deactivated' : 'active',
      details: {
        field: 'deactivated',
        from: Boolean(previousDoc?.deactivated),
        to: Boolean(doc.deactivated),
      },
    })
  }
  const setBy = req.context[PASSWORD_SET_BY]
  if (setBy) {
    delete req.context[PASSWORD_SET_BY]
    await recordAudit({
      req,
      action: 'password_change',
      collection: 'users',
      itemId: doc.id,
      details: { by: setBy },
    })
  }
  return doc
}

/** A reset link asked for (known accounts only) and a password set through one. */
export const auditPasswordReset: CollectionAfterOperationHook = async ({
  args,
  operation,
  req,
  result,
}) => {
  if (operation === 'forgotPassword' && result) {
    const email = (args as { data?: { email?: unknown } }).data?.email
    await recordAudit({
      req,
      action: 'password_reset_request',
      collection: 'users',
      actorEmail: typeof email === 'string' ? email.slice(0, 320) : null,
    })
  }
  if (operation === 'resetPassword') {
    const user = (result as { user?: { id: number; email?: string } } | undefined)?.user
    if (user) {
      await recordAudit({
        req,
        action: 'password_reset',
        collection: 'users',
        itemId: user.id,
        actorEmail: user.email ?? null,
      })
    }
  }
  return result
}

/** Files: each upload and each file replaced (name, type, size, checksum-free), by whom. */
export const auditUpload: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const replaced = operation === 'update' && previousDoc?.filename !== doc.filename
  if (operation !== 'create' && !replaced) return doc
  await recordAudit({
    req,
    action: replaced ? 'file_replace' : 'upload',
    collection: collection.slug,
    itemId: doc.id,
    details: {
      filename: doc.filename ?? null,
      mimeType: doc.mimeType ?? null,
      filesize: doc.filesize ?? null,
      ...(replaced ? { previousFilename: previousDoc?.filename ?? null } : {}),
    },
  })
  return doc
}

/**
 * Editors' saves of handbook items (a new item, each draft saved): who, which item, which version.
 * The workflow service records its own steps; the system's saves (seed, scheduler) have no user.
 */
export const auditDraftSave: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  req,
}) => {
  if (req.context?.[WORKFLOW_CONTEXT_KEY] || !req.user) return doc
  const { docs } = await req.payload.findVersions({
    collection: collection.slug as CollectionSlug,
    where: { parent: { equals: doc.id } },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    pagination: false,
    req,
    overrideAccess: true,
    select: { updatedAt: true } as never,
  })
  await recordAudit({
    req,
    action: operation === 'create' ? 'create' : 'save_draft',
    collection: collection.slug,
    itemId: doc.id,
    version: docs[0]?.id ?? null,
    toState: (doc.reviewState as string | undefined) ?? null,
    details: { title: doc.title ?? doc.name ?? null },
  })
  return doc
}

/**
 * Units: created, changed (name, code, kind) and moved under another parent. A move keeps the
 * unit's id, so its members, content and history stay with it; the entry names both parents.
 */
export const auditUnitChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const parent = unitIdOf(doc.parent)
  const details = { code: doc.code ?? null, name: doc.name ?? null, kind: doc.kind ?? null, parent }
  if (operation === 'create') {
    await recordAudit({ req, action: 'create', collection: 'units', itemId: doc.id, details })
    return doc
  }
  const parentBefore = unitIdOf(previousDoc?.parent)
  if (String(parentBefore) !== String(parent)) {
    await recordAudit({
      req,
      action: 'unit_move',
      collection: 'units',
      itemId: doc.id,
      fromState: parentBefore == null ? null : String(parentBefore),
      toState: parent == null ? null : String(parent),
      details,
    })
  }
  const changed = (['name', 'code', 'kind'] as const).filter(
    (field) => (previousDoc?.[field] ?? null) !== (doc[field] ?? null),
  )
  if (changed.length) {
    await recordAudit({
      req,
      action: 'update',
      collection: 'units',
      itemId: doc.id,
      details: {
        ...details,
        changed: Object.fromEntries(
          changed.map((field) => [field, { from: previousDoc?.[field] ?? null, to: doc[field] }]),
        ),
      },
    })
  }
  return doc
}
