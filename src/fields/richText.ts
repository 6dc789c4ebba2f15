import type { Field } from 'payload'

import { toSafeHtml } from '../lib/richTextHtml'
import { label } from './label'

/**
 * A Lexical rich-text field plus a read-only `<name>Html` companion rendered on the server, so the
 * thin front end and the feeds never interpret Lexical JSON. The HTML is rendered once, when a
 * version is saved (drafts included), and stored beside the rich text: reads only send it.
 * Whatever a client sends for `<name>Html` is dropped (field access), then replaced here.
 */
export const richTextWithHtml = ({
  name,
  vi,
  en,
  required = false,
}: {
  name: string
  vi: string
  en: string
  required?: boolean
}): Field[] => [
  { name, label: label(vi, en), type: 'richText', required },
  {
    name: `${name}Html`,
    type: 'textarea',
    admin: { hidden: true, readOnly: true },
    access: { create: () => false, update: () => false },
    hooks: {
      beforeChange: [({ siblingData }) => toSafeHtml(siblingData?.[name])],
    },
  },
]
