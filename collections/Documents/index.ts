import type { CollectionConfig } from 'payload'

import { dayInput } from '../../src/fields/date'
import { label, options } from '../../src/fields/label'
import { richTextWithHtml } from '../../src/fields/richText'
import { contentCollection } from '../shared/contentCollection'
import { slugs } from '../slugs'
import { readSuccessor, readSupersededBy, readValidity, validateSupersedes } from './hooks/validity'

export const documentKinds = options([
  ['nghi-quyet', 'Nghị quyết', 'Resolution'],
  ['chi-thi', 'Chỉ thị', 'Directive'],
  ['ket-luan', 'Kết luận', 'Conclusion'],
  ['quy-dinh', 'Quy định', 'Regulation'],
  ['huong-dan', 'Hướng dẫn', 'Guidance'],
  ['ke-hoach', 'Kế hoạch', 'Plan'],
  ['thong-bao', 'Thông báo', 'Notice'],
  ['bao-cao', 'Báo cáo', 'Report'],
])

export const Documents = contentCollection({
  slug: slugs.documents,
  graphQL: { singularName: 'Document', pluralName: 'Documents' },
  labels: {
    singular: label('Văn bản', 'Document'),
    plural: label('Văn bản của Đảng bộ', 'Party documents'),
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['symbol', 'title', 'kind', 'issueDate', '_status', 'audience'],
  },
  fields: [
    { name: 'title', label: label('Trích yếu', 'Title'), type: 'text', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'symbol',
          label: label('Số, ký hiệu', 'Symbol/number'),
          type: 'text',
          required: true,
          index: true,
          admin: { placeholder: '05-NQ/TU' },
        },
        {
          name: 'kind',
          label: label('Loại văn bản', 'Kind'),
          type: 'select',
          required: true,
          options: documentKinds,
          index: true,
        },
      ],
    },
    {
      name: 'issuingBody',
      label: label('Cơ quan ban hành', 'Issuing body'),
      type: 'text',
      required: true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'issueDate',
          label: label('Ngày ban hành', 'Issue date'),
          type: 'date',
          admin: dayInput,
          required: true,
          index: true,
        },
        {
          name: 'effectiveDate',
          label: label('Ngày hiệu lực', 'Effective date'),
          type: 'date',
          admin: dayInput,
        },
        {
          name: 'expiryDate',
          label: label('Ngày hết hiệu lực', 'Expiry date'),
          type: 'date',
          admin: dayInput,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'supersedes',
          label: label('Thay thế văn bản', 'Supersedes'),
          type: 'relationship',
          relationTo: slugs.documents,
          index: true,
          validate: validateSupersedes,
        },
        {
          name: 'supersededBy',
          label: label('Bị thay thế bởi', 'Superseded by'),
          type: 'relationship',
          relationTo: slugs.documents,
          // Read from the newer document's `supersedes`. Never written from this side: that would
          // change another, live document without review. Supersession is set on the newer
          // document, whose new version goes through review like any other edit.
          virtual: true,
          access: { create: () => false, update: () => false },
          admin: { readOnly: true },
          hooks: { afterRead: [readSupersededBy] },
        },
      ],
    },
    {
      name: 'validity',
      label: label('Hiệu lực', 'Validity'),
      type: 'select',
      virtual: true,
      options: options([
        ['in_force', 'Còn hiệu lực', 'In force'],
        ['not_yet_in_force', 'Chưa có hiệu lực', 'Not yet in force'],
        ['expired', 'Hết hiệu lực', 'Expired'],
        ['superseded', 'Đã bị thay thế', 'Superseded'],
      ]),
      admin: { position: 'sidebar', readOnly: true },
      access: { create: () => false, update: () => false },
      hooks: { afterRead: [readValidity] },
    },
    {
      name: 'successor',
      type: 'json',
      virtual: true,
      admin: { hidden: true },
      access: { create: () => false, update: () => false },
      hooks: { afterRead: [readSuccessor] },
    },
    { name: 'summary', label: label('Tóm tắt', 'Summary'), type: 'textarea' },
    ...richTextWithHtml({ name: 'body', vi: 'Nội dung', en: 'Body' }),
    {
      name: 'attachments',
      label: label('Tệp đính kèm', 'Attachments'),
      type: 'upload',
      relationTo: slugs.media,
      hasMany: true,
    },
  ],
}) satisfies CollectionConfig
