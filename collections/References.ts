import { validateHttpUrl } from '../src/fields/validators'
import { label, options } from '../src/fields/label'
import { richTextWithHtml } from '../src/fields/richText'
import { contentCollection } from './shared/contentCollection'
import { slugs } from './slugs'

export const References = contentCollection({
  slug: slugs.references,
  graphQL: { singularName: 'Reference', pluralName: 'References' },
  labels: {
    singular: label('Tài liệu tham khảo', 'Reference'),
    plural: label('Tài liệu tham khảo', 'References'),
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'author', 'year', '_status', 'audience'],
  },
  fields: [
    { name: 'title', label: label('Tên tài liệu', 'Title'), type: 'text', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          label: label('Loại', 'Kind'),
          type: 'select',
          required: true,
          index: true,
          options: options([
            ['book', 'Sách', 'Book'],
            ['article', 'Bài viết', 'Article'],
            ['video', 'Video', 'Video'],
            ['podcast', 'Podcast', 'Podcast'],
            ['other', 'Khác', 'Other'],
          ]),
        },
        { name: 'author', label: label('Tác giả', 'Author'), type: 'text' },
        {
          name: 'publisher',
          label: label('Nhà xuất bản / nguồn', 'Publisher/source'),
          type: 'text',
        },
        {
          name: 'year',
          label: label('Năm', 'Year'),
          type: 'number',
          min: 1900,
          max: 2100,
          admin: { step: 1 },
        },
      ],
    },
    {
      name: 'topics',
      label: label('Chủ đề', 'Topics'),
      type: 'text',
      hasMany: true,
    },
    { name: 'summary', label: label('Tóm tắt', 'Summary'), type: 'textarea' },
    ...richTextWithHtml({ name: 'description', vi: 'Giới thiệu', en: 'Description' }),
    {
      type: 'row',
      fields: [
        {
          name: 'file',
          label: label('Tệp (PDF, EPUB, audio, video)', 'File'),
          type: 'upload',
          relationTo: slugs.media,
        },
        {
          name: 'externalUrl',
          label: label('Liên kết ngoài', 'External URL'),
          type: 'text',
          validate: validateHttpUrl('externalUrl'),
        },
      ],
    },
    {
      name: 'duration',
      label: label('Thời lượng (giây)', 'Duration (seconds)'),
      type: 'number',
      min: 0,
      admin: { condition: (data) => data?.kind === 'video' || data?.kind === 'podcast' },
    },
    {
      name: 'cover',
      label: label('Ảnh bìa', 'Cover image'),
      type: 'upload',
      relationTo: slugs.media,
    },
  ],
})
