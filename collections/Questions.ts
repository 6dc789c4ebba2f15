import type {
  Access,
  CollectionBeforeChangeHook,
  CollectionBeforeValidateHook,
  Endpoint,
  FieldAccess,
} from 'payload'

import { audienceWhere, authenticated, isStaff, unitIdOf } from '../src/access'
import { label, options } from '../src/fields/label'
import { richTextWithHtml } from '../src/fields/richText'
import { contentCollection } from './shared/contentCollection'
import { slugs } from './slugs'

/** Members read their own questions and the published FAQ their audience allows. */
const readQuestions: Access = async ({ req }) => {
  if (isStaff(req.user)) return true
  const faq = {
    and: [
      { _status: { equals: 'published' } },
      { isFaq: { equals: true } },
      await audienceWhere(req),
    ],
  }
  if (!req.user) return faq
  return { or: [{ askedBy: { equals: req.user.id } }, faq] }
}

/** The asker's identity is never shown to other readers, the FAQ included. */
const staffOrAsker: FieldAccess = ({ req, doc }) => {
  if (isStaff(req.user)) return true
  const askedBy = doc?.askedBy
  const askerId = askedBy && typeof askedBy === 'object' ? askedBy.id : askedBy
  return req.user != null && askerId === req.user.id
}

/**
 * A member's question is always theirs, from their unit, new and unpublished; what staff write
 * (answer, state, FAQ, audience) is not theirs to set. Runs before validation, so ids a member sends
 * are dropped unchecked (validating them would tell whether such a user or unit exists).
 */
const fillMemberQuestion: CollectionBeforeValidateHook = ({ data = {}, operation, req }) => {
  // No user: the system itself (seed, imports) with overrideAccess, not a member.
  if (!req.user || isStaff(req.user) || operation !== 'create') return data
  return {
    title: data.title,
    topic: data.topic,
    question: data.question,
    reviewState: 'draft',
    askedBy: req.user?.id,
    unit: unitIdOf(req.user),
    state: 'new',
    isFaq: false,
    audience: 'members',
    _status: 'draft',
  }
}

const markAnswered: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (data._status === 'published' && (data.isFaq ?? originalDoc?.isFaq)) data.state = 'published'
  if (!isStaff(req.user)) return data
  if (data.answer && (data.state === 'new' || data.state === 'assigned')) data.state = 'answered'
  if (data.answer && !data.answeredBy) data.answeredBy = req.user?.id
  return data
}

/**
 * `GET /api/questions/mine`: the signed-in member's own questions, newest first, with their state
 * and answer. (`askedBy` cannot be queried by readers: its read access depends on the row.)
 */
const myQuestions: Endpoint = {
  path: '/mine',
  method: 'get',
  handler: async (req) => {
    if (!req.user) {
      return Response.json(
        { errors: [{ message: 'Vui lòng đăng nhập để xem câu hỏi của mình.' }] },
        { status: 401 },
      )
    }
    const { docs } = await req.payload.find({
      collection: slugs.questions,
      where: { askedBy: { equals: req.user.id } },
      sort: '-createdAt',
      limit: 50,
      depth: 0,
      // Whose questions is decided above; the asker reads their own rows whatever their state.
      overrideAccess: true,
      select: {
        title: true,
        topic: true,
        question: true,
        state: true,
        answerHtml: true,
        createdAt: true,
      },
      req,
    })
    return Response.json({ docs })
  },
}

export const Questions = contentCollection({
  slug: slugs.questions,
  graphQL: { singularName: 'Question', pluralName: 'Questions' },
  labels: {
    singular: label('Câu hỏi', 'Question'),
    plural: label('Hỏi – Đáp', 'Questions & answers'),
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'topic', 'state', 'isFaq', '_status', 'updatedAt'],
  },
  access: { create: authenticated, read: readQuestions },
  endpoints: [myQuestions],
  hooks: { beforeValidate: [fillMemberQuestion], beforeChange: [markAnswered] },
  fields: [
    {
      name: 'title',
      label: label('Câu hỏi (ngắn gọn)', 'Question (short)'),
      type: 'text',
      required: true,
    },
    { name: 'topic', label: label('Chủ đề', 'Topic'), type: 'text' },
    {
      name: 'question',
      label: label('Nội dung câu hỏi', 'Question'),
      type: 'textarea',
      required: true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'askedBy',
          label: label('Người hỏi', 'Asked by'),
          type: 'relationship',
          relationTo: slugs.users,
          index: true,
          access: { read: staffOrAsker },
        },
        {
          name: 'unit',
          label: label('Đơn vị người hỏi', "Asker's unit"),
          type: 'relationship',
          relationTo: slugs.units,
          access: { read: staffOrAsker },
        },
      ],
    },
    ...richTextWithHtml({ name: 'answer', vi: 'Trả lời', en: 'Answer' }),
    {
      name: 'answeredBy',
      label: label('Người trả lời', 'Answered by'),
      type: 'relationship',
      relationTo: slugs.users,
      access: { read: ({ req }) => isStaff(req.user) },
      admin: { position: 'sidebar' },
    },
    {
      name: 'state',
      label: label('Tình trạng', 'State'),
      type: 'select',
      defaultValue: 'new',
      index: true,
      options: options([
        ['new', 'Mới', 'New'],
        ['assigned', 'Đã phân công', 'Assigned'],
        ['answered', 'Đã trả lời', 'Answered'],
        ['published', 'Đã công bố', 'Published'],
        ['rejected', 'Từ chối', 'Rejected'],
      ]),
      admin: { position: 'sidebar' },
    },
    {
      name: 'isFaq',
      label: label('Công bố thành Hỏi – Đáp chung', 'Publish as FAQ'),
      type: 'checkbox',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description: label(
          'Danh tính người hỏi không bao giờ hiển thị.',
          "The asker's identity is never shown.",
        ),
      },
    },
  ],
})
