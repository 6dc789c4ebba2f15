import type { CollectionConfig } from 'payload'

import { isStaff } from '../src/access'
import { auditActions } from '../src/audit/recordAudit'
import { label } from '../src/fields/label'
import { groups } from './shared/groups'
import { slugs } from './slugs'

const nobody = () => false

/**
 * Append-only, hash-chained record of every workflow step, publication, deletion, login and role
 * change. Entries are written only by `recordAudit`; no API can change or remove one, and
 * `npm run audit:verify` detects a row altered or removed directly in the database.
 */
export const AuditLog: CollectionConfig = {
  slug: slugs.auditLog,
  graphQL: { singularName: 'AuditEntry', pluralName: 'AuditLog' },
  labels: {
    singular: label('Nhật ký', 'Audit entry'),
    plural: label('Nhật ký hệ thống', 'Audit log'),
  },
  admin: {
    group: groups.system,
    useAsTitle: 'action',
    defaultColumns: [
      'at',
      'action',
      'actorEmail',
      'collectionSlug',
      'itemId',
      'fromState',
      'toState',
    ],
    description: label(
      'Chỉ đọc. Mỗi mục được nối chuỗi băm với mục trước.',
      'Read-only. Each entry is hash-chained to the one before it.',
    ),
  },
  access: {
    read: ({ req }) => isStaff(req.user),
    create: nobody,
    update: nobody,
    delete: nobody,
    unlock: nobody,
    readVersions: nobody,
  },
  timestamps: true,
  fields: [
    { name: 'at', label: label('Thời điểm', 'Time'), type: 'text', required: true, index: true },
    {
      name: 'actor',
      label: label('Người thực hiện', 'Actor'),
      type: 'relationship',
      relationTo: slugs.users,
    },
    { name: 'actorEmail', label: label('Email', 'Email'), type: 'text' },
    {
      name: 'action',
      label: label('Hành động', 'Action'),
      type: 'select',
      required: true,
      index: true,
      options: auditActions.map((value) => ({ value, label: value })),
    },
    { name: 'collectionSlug', label: label('Mảng', 'Collection'), type: 'text', index: true },
    { name: 'itemId', label: label('Mã mục', 'Item id'), type: 'text', index: true },
    { name: 'version', label: label('Phiên bản', 'Version'), type: 'text' },
    { name: 'fromState', label: label('Từ trạng thái', 'From state'), type: 'text' },
    { name: 'toState', label: label('Sang trạng thái', 'To state'), type: 'text' },
    { name: 'reason', label: label('Lý do / nhận xét', 'Reason / comment'), type: 'textarea' },
    { name: 'requestId', label: label('Mã yêu cầu', 'Request id'), type: 'text' },
    { name: 'details', label: label('Chi tiết', 'Details'), type: 'json' },
    { name: 'prevHash', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'hash', type: 'text', required: true, unique: true, admin: { readOnly: true } },
  ],
}
