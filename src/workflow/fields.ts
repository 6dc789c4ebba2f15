import type { Field } from 'payload'

import { slugs } from '../../collections/slugs'
import { staffOnlyField } from '../access'
import { label, options } from '../fields/label'

export const reviewStateOptions = options([
  ['draft', 'Bản nháp', 'Draft'],
  ['in_review', 'Chờ duyệt', 'In review'],
  ['changes_requested', 'Cần sửa', 'Changes requested'],
  ['approved', 'Đã duyệt, chờ lịch xuất bản', 'Approved, scheduled'],
  ['published', 'Đã xuất bản', 'Published'],
  ['unpublished', 'Đã gỡ xuất bản', 'Unpublished'],
  ['archived', 'Lưu trữ', 'Archived'],
])

/** Review state, authorship for four-eyes, the reviewer's comment and the schedule. */
export const workflowFields: Field[] = [
  {
    name: 'workflow',
    type: 'ui',
    admin: {
      position: 'sidebar',
      components: { Field: '/src/admin/WorkflowPanel#WorkflowPanel' },
    },
  },
  {
    name: 'reviewState',
    label: label('Trạng thái duyệt', 'Review state'),
    type: 'select',
    defaultValue: 'draft',
    index: true,
    options: reviewStateOptions,
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'reviewComment',
    label: label('Nhận xét của người duyệt', "Reviewer's comment"),
    type: 'textarea',
    admin: {
      position: 'sidebar',
      readOnly: true,
      condition: (data) => Boolean(data?.reviewComment),
    },
  },
  {
    type: 'row',
    admin: { position: 'sidebar' },
    fields: [
      {
        name: 'publishAt',
        label: label('Hẹn giờ xuất bản', 'Publish at'),
        type: 'date',
        index: true,
        admin: { date: { pickerAppearance: 'dayAndTime' } },
      },
      {
        name: 'unpublishAt',
        label: label('Hẹn giờ gỡ', 'Unpublish at'),
        type: 'date',
        index: true,
        admin: { date: { pickerAppearance: 'dayAndTime' } },
      },
    ],
  },
  {
    name: 'createdBy',
    label: label('Người tạo', 'Created by'),
    type: 'relationship',
    relationTo: slugs.users,
    access: { read: staffOnlyField },
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'lastEditedBy',
    label: label('Người sửa sau cùng', 'Last edited by'),
    type: 'relationship',
    relationTo: slugs.users,
    access: { read: staffOnlyField },
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'history',
    type: 'ui',
    admin: { components: { Field: '/src/admin/WorkflowHistory#WorkflowHistory' } },
  },
]
