import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
  Endpoint,
} from 'payload'

import { adminsOnly, isAdmin } from '../src/access'
import { auditDelete } from '../src/audit/hooks'
import { recordAudit } from '../src/audit/recordAudit'
import { label } from '../src/fields/label'
import { hashConsumerToken, newConsumerToken, tokenHint } from '../src/public/consumers'
import { groups } from './shared/groups'
import { slugs } from './slugs'

/** Where the plaintext of a token just issued waits for the response, within one request. */
const ISSUED_TOKEN = 'feedConsumerIssuedToken'

/** A new consumer gets a token; revocation is final and stamped. */
const issueOrRevoke: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') {
    const token = newConsumerToken()
    req.context[ISSUED_TOKEN] = token
    return {
      ...data,
      tokenHash: hashConsumerToken(token),
      tokenHint: tokenHint(token),
      revoked: false,
      revokedAt: null,
      useCount: 0,
      lastUsedAt: null,
    }
  }
  // Never un-revoked: a leaked token stays dead; issue a new consumer instead.
  const wasRevoked = Boolean(originalDoc?.revoked)
  const revoked = wasRevoked || Boolean(data.revoked)
  return {
    ...data,
    revoked,
    revokedAt: revoked ? (originalDoc?.revokedAt ?? new Date().toISOString()) : null,
  }
}

/**
 * Audits issuing and revoking; the plaintext token of a consumer just created goes into the
 * response of that request (afterChange runs after afterRead) and nowhere else.
 */
const auditConsumer: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'create') {
    await recordAudit({
      req,
      action: 'create',
      collection: slugs.feedConsumers,
      itemId: doc.id,
      details: { name: doc.name, tokenHint: doc.tokenHint },
    })
    const token = req.context[ISSUED_TOKEN]
    delete req.context[ISSUED_TOKEN]
    return typeof token === 'string' ? { ...doc, token } : doc
  }
  if (doc.revoked && !previousDoc?.revoked)
    await recordAudit({
      req,
      action: 'update',
      collection: slugs.feedConsumers,
      itemId: doc.id,
      fromState: 'active',
      toState: 'revoked',
      details: { name: doc.name, tokenHint: doc.tokenHint },
    })
  return doc
}

/**
 * `POST /api/feed-consumers/:id/token`: a new token for an active consumer (the old one stops
 * working at once), returned once. The admin's "issue a token" button calls it.
 */
const reissueToken: Endpoint = {
  path: '/:id/token',
  method: 'post',
  handler: async (req) => {
    if (!isAdmin(req.user))
      return Response.json(
        { errors: [{ message: 'Chỉ quản trị viên được cấp mã truy cập.' }] },
        { status: 403 },
      )
    const id = Number(req.routeParams?.id)
    const consumer = Number.isSafeInteger(id)
      ? await req.payload.findByID({
          collection: slugs.feedConsumers,
          id,
          depth: 0,
          req,
          overrideAccess: false,
          user: req.user,
          disableErrors: true,
        })
      : null
    if (!consumer)
      return Response.json({ errors: [{ message: 'Không tìm thấy.' }] }, { status: 404 })
    if (consumer.revoked)
      return Response.json(
        { errors: [{ message: 'Trang này đã bị thu hồi quyền; hãy tạo trang tiêu thụ mới.' }] },
        { status: 409 },
      )
    const token = newConsumerToken()
    await req.payload.update({
      collection: slugs.feedConsumers,
      id,
      data: { tokenHash: hashConsumerToken(token), tokenHint: tokenHint(token) },
      depth: 0,
      req,
      overrideAccess: true,
      context: { reissue: true },
    })
    await recordAudit({
      req,
      action: 'update',
      collection: slugs.feedConsumers,
      itemId: id,
      details: { name: consumer.name, tokenHint: tokenHint(token), reissued: true },
    })
    return Response.json({ token, tokenHint: tokenHint(token) })
  },
}

/**
 * Intranet sites trusted to read members-audience feeds server to server
 * (`Authorization: Bearer <token>` on /feeds/*). Admins only, for every operation. Units audiences
 * are never served to a consumer.
 */
export const FeedConsumers: CollectionConfig = {
  slug: slugs.feedConsumers,
  graphQL: { singularName: 'FeedConsumer', pluralName: 'FeedConsumers' },
  labels: {
    singular: label('Trang tiêu thụ nguồn tin', 'Feed consumer'),
    plural: label('Trang tiêu thụ nguồn tin', 'Feed consumers'),
  },
  admin: {
    group: groups.system,
    useAsTitle: 'name',
    defaultColumns: ['name', 'tokenHint', 'revoked', 'lastUsedAt', 'useCount'],
    description: label(
      'Trang nội bộ được đọc nguồn tin dành cho đảng viên (gửi "Authorization: Bearer <mã>"). Mã chỉ hiện một lần khi cấp; chỉ lưu bản băm.',
      'Intranet sites allowed to read members feeds (send "Authorization: Bearer <token>"). The token is shown once when issued; only its hash is stored.',
    ),
  },
  access: {
    create: adminsOnly,
    read: adminsOnly,
    update: adminsOnly,
    delete: adminsOnly,
    readVersions: adminsOnly,
    unlock: adminsOnly,
  },
  endpoints: [reissueToken],
  hooks: {
    beforeChange: [issueOrRevoke],
    afterChange: [auditConsumer],
    afterDelete: [auditDelete],
  },
  fields: [
    { name: 'name', label: label('Tên trang', 'Name'), type: 'text', required: true },
    { name: 'note', label: label('Ghi chú', 'Note'), type: 'textarea' },
    {
      name: 'token',
      label: label('Mã truy cập (chỉ hiện một lần)', 'Token (shown once)'),
      type: 'text',
      virtual: true,
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        components: { Field: '/src/admin/ConsumerToken#ConsumerToken' },
      },
    },
    {
      name: 'tokenHash',
      type: 'text',
      index: true,
      unique: true,
      hidden: true,
      access: { read: () => false, create: () => false, update: () => false },
    },
    {
      name: 'tokenHint',
      label: label('Nhận diện mã', 'Token hint'),
      type: 'text',
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'revoked',
      label: label('Đã thu hồi', 'Revoked'),
      type: 'checkbox',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description: label(
          'Thu hồi là vĩnh viễn: mã không dùng được nữa.',
          'Revocation is final: the token stops working.',
        ),
      },
    },
    {
      name: 'revokedAt',
      label: label('Thu hồi lúc', 'Revoked at'),
      type: 'date',
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'lastUsedAt',
      label: label('Dùng lần cuối', 'Last used'),
      type: 'date',
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'useCount',
      label: label('Số lần dùng', 'Use count'),
      type: 'number',
      defaultValue: 0,
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar' },
    },
  ],
}
