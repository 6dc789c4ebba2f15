import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { audienceWhere, isStaff, staffOnly } from '../../src/access'
import { label, options } from '../../src/fields/label'
import { groups } from '../shared/groups'
import { slugs } from '../slugs'
import { auditDelete, auditUpload } from '../../src/audit/hooks'
import { checkImageDimensions } from './hooks/checkImageDimensions'

export const mediaMimeTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'application/epub+zip',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'video/mp4',
]

export const Media: CollectionConfig = {
  slug: slugs.media,
  graphQL: { singularName: 'MediaItem', pluralName: 'Media' },
  labels: { singular: label('Tệp', 'File'), plural: label('Tệp & hình ảnh', 'Files & images') },
  admin: {
    group: groups.library,
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'visibility', 'updatedAt'],
  },
  access: {
    create: staffOnly,
    // A file is readable like the widest published item that uses it (see syncMediaVisibility).
    read: async ({ req }) => {
      if (isStaff(req.user)) return true
      return audienceWhere(req, { audienceField: 'visibility', unitsField: 'visibleUnits' })
    },
    update: staffOnly,
    delete: staffOnly,
    unlock: staffOnly,
    readVersions: staffOnly,
  },
  hooks: {
    beforeOperation: [checkImageDimensions],
    afterChange: [auditUpload],
    afterDelete: [auditDelete],
  },
  upload: {
    // Absolute, so the server process and Next's bundle agree (MEDIA_DIR or ./media).
    staticDir: process.env.MEDIA_DIR || path.resolve(process.cwd(), 'media'),
    mimeTypes: mediaMimeTypes,
    imageSizes: [
      { name: 'thumbnail', width: 320, height: 320, position: 'centre' },
      { name: 'card', width: 768, withoutEnlargement: true },
      { name: 'large', width: 1600, withoutEnlargement: true },
    ],
    adminThumbnail: 'thumbnail',
    focalPoint: true,
  },
  fields: [
    { name: 'alt', label: label('Mô tả ảnh (alt)', 'Alt text'), type: 'text' },
    { name: 'caption', label: label('Chú thích', 'Caption'), type: 'text' },
    {
      name: 'visibility',
      label: label('Ai được xem tệp', 'Who can see the file'),
      type: 'select',
      required: true,
      defaultValue: 'staff',
      index: true,
      options: options([
        ['staff', 'Chỉ cán bộ biên tập', 'Staff only'],
        ['public', 'Công khai', 'Public'],
        ['members', 'Đảng viên', 'Members'],
        ['units', 'Các đơn vị', 'Units'],
      ]),
      access: { create: () => false, update: () => false },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: label(
          'Tự động theo nội dung đã xuất bản dùng tệp này.',
          'Derived from the published items that use this file.',
        ),
      },
    },
    {
      name: 'visibleUnits',
      type: 'relationship',
      relationTo: slugs.units,
      hasMany: true,
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true, condition: (d) => d?.visibility === 'units' },
    },
  ],
}
