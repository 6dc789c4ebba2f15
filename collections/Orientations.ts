import { dayInput } from '../src/fields/date'
import { label, options } from '../src/fields/label'
import { richTextWithHtml } from '../src/fields/richText'
import { contentCollection } from './shared/contentCollection'
import { slugs } from './slugs'

export const Orientations = contentCollection({
  slug: slugs.orientations,
  graphQL: { singularName: 'Orientation', pluralName: 'Orientations' },
  labels: {
    singular: label('Định hướng', 'Orientation'),
    plural: label('Định hướng công tác tư tưởng', 'Ideological-work orientations'),
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'topic', 'period', 'periodStart', '_status', 'audience'],
  },
  fields: [
    { name: 'title', label: label('Tiêu đề', 'Title'), type: 'text', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'period',
          label: label('Kỳ', 'Period'),
          type: 'select',
          required: true,
          defaultValue: 'month',
          options: options([
            ['month', 'Tháng', 'Month'],
            ['week', 'Tuần', 'Week'],
          ]),
        },
        {
          name: 'periodStart',
          label: label('Từ ngày', 'Period start'),
          type: 'date',
          admin: dayInput,
          required: true,
          index: true,
        },
        { name: 'topic', label: label('Chủ đề', 'Topic'), type: 'text', required: true },
      ],
    },
    {
      name: 'keyMessages',
      label: label('Thông điệp chính', 'Key messages'),
      type: 'array',
      fields: [
        { name: 'text', label: label('Thông điệp', 'Message'), type: 'textarea', required: true },
      ],
    },
    ...richTextWithHtml({
      name: 'talkingPoints',
      vi: 'Gợi ý nội dung sinh hoạt chi bộ',
      en: 'Talking points for cell meetings',
    }),
    {
      name: 'relatedDocuments',
      label: label('Văn bản liên quan', 'Related documents'),
      type: 'relationship',
      relationTo: slugs.documents,
      hasMany: true,
    },
    {
      name: 'relatedReferences',
      label: label('Tài liệu tham khảo liên quan', 'Related references'),
      type: 'relationship',
      relationTo: slugs.references,
      hasMany: true,
    },
    {
      name: 'audio',
      label: label('Bản audio (podcast)', 'Audio (podcast)'),
      type: 'upload',
      relationTo: slugs.media,
    },
  ],
})
