import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import {
  convertLexicalToHTML,
  defaultHTMLConverters,
  LinkHTMLConverter,
} from '@payloadcms/richtext-lexical/html'

type InternalDoc = { relationTo?: string; value?: number | string | { id?: number | string } }

/** Internal links point at the item's page in the reader portal. */
const internalDocToHref = ({ linkNode }: { linkNode: { fields: { doc?: unknown } } }) => {
  const doc = linkNode.fields.doc as InternalDoc | undefined
  const id = typeof doc?.value === 'object' ? doc.value?.id : doc?.value
  return doc?.relationTo && id != null ? `/#/${doc.relationTo}/${id}` : '#'
}

/**
 * Lexical JSON to HTML. Text is escaped and link URLs pass `sanitizeUrl` in Payload's converters;
 * node types we do not render (uploads, blocks, relationships) produce nothing rather than markup.
 */
export const toSafeHtml = (value: unknown): string => {
  if (!value || typeof value !== 'object' || !('root' in value)) return ''
  return convertLexicalToHTML({
    data: value as SerializedEditorState,
    disableContainer: true,
    converters: {
      ...defaultHTMLConverters,
      ...LinkHTMLConverter({ internalDocToHref }),
      upload: () => '',
      relationship: () => '',
      unknown: () => '',
    },
  })
}
