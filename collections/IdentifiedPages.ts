import { validateHttpUrl } from '../src/fields/validators'
import { canonicalUrl } from '../src/lib/canonicalUrl'
import { dayInput } from '../src/fields/date'
import { label, options } from '../src/fields/label'
import { richTextWithHtml } from '../src/fields/richText'
import { contentCollection } from './shared/contentCollection'
import { slugs } from './slugs'

export const IdentifiedPages = contentCollection({
  slug: slugs.identifiedPages,
  graphQL: { singularName: 'IdentifiedPage', pluralName: 'IdentifiedPages' },
  labels: {
    singular: label('Trang nhận diện', 'Identified page'),
    plural: label('Nhận diện', 'Identified pages'),
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'platform', 'classification', 'pageStatus', '_status', 'audience'],
  },
  fields: [
    { name: 'name', label: label('Tên trang/nhóm/kênh', 'Name'), type: 'text', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'platform',
          label: label('Nền tảng', 'Platform'),
          type: 'select',
          required: true,
          options: options([
            ['facebook-page', 'Trang Facebook', 'Facebook page'],
            ['facebook-group', 'Nhóm Facebook', 'Facebook group'],
            ['youtube', 'YouTube', 'YouTube'],
            ['tiktok', 'TikTok', 'TikTok'],
            ['zalo', 'Zalo', 'Zalo'],
            ['website', 'Trang web', 'Website'],
            ['other', 'Khác', 'Other'],
          ]),
        },
        {
          name: 'classification',
          label: label('Phân loại', 'Classification'),
          type: 'select',
          required: true,
          index: true,
          options: options([
            ['official', 'Chính thống (theo dõi, chia sẻ)', 'Official (follow and share)'],
            ['hostile', 'Xấu, độc (nhận diện, không chia sẻ)', 'Hostile (recognise, do not share)'],
          ]),
        },
        {
          // Not `status`: Postgres would name its enum like the drafts' `_status` enum.
          name: 'pageStatus',
          label: label('Trạng thái', 'Status'),
          type: 'select',
          defaultValue: 'active',
          options: options([
            ['active', 'Đang hoạt động', 'Active'],
            ['renamed', 'Đã đổi tên', 'Renamed'],
            ['removed', 'Đã gỡ bỏ', 'Removed'],
          ]),
        },
      ],
    },
    {
      name: 'url',
      label: label('Địa chỉ (URL)', 'URL'),
      type: 'text',
      required: true,
      unique: true,
      index: true,
      hooks: { beforeValidate: [({ value }) => canonicalUrl(value)] },
      admin: {
        description: label('Tự chuẩn hoá (bỏ www., tham số theo dõi…).', 'Canonicalised on save.'),
      },
      validate: validateHttpUrl('url'),
    },
    { name: 'reason', label: label('Lý do, nhận xét', 'Reason'), type: 'textarea', required: true },
    ...richTextWithHtml({ name: 'description', vi: 'Mô tả chi tiết', en: 'Description' }),
    {
      name: 'evidence',
      label: label('Bằng chứng (ảnh chụp)', 'Evidence (screenshots)'),
      type: 'upload',
      relationTo: slugs.media,
      hasMany: true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'firstSeen',
          label: label('Phát hiện lần đầu', 'First seen'),
          type: 'date',
          admin: dayInput,
        },
        {
          name: 'lastVerified',
          label: label('Kiểm tra lần cuối', 'Last verified'),
          type: 'date',
          admin: dayInput,
        },
      ],
    },
    {
      name: 'rebuttals',
      label: label('Bài phản bác, định hướng', 'Rebuttal links'),
      type: 'relationship',
      relationTo: [slugs.references, slugs.orientations],
      hasMany: true,
    },
  ],
})
