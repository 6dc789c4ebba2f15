import type { Field } from 'payload'

import { toSafeHtml } from '../lib/richTextHtml'
import { label } from './label'

/**
 * A Lexical rich-text field plus a read-only `<name>Html` companion rendered on the server, so the
 * thin front end and the feeds never interpret Lexical JSON.
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
    virtual: true,
    admin: { hidden: true, readOnly: true },
    access: { create: () => false, update: () => false },
    hooks: {
      afterRead: [({ siblingData }) => toSafeHtml(siblingData?.[name])],
    },
  },
]
