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
  return tidy(
    convertLexicalToHTML({
      data: value as SerializedEditorState,
      disableContainer: true,
      converters: {
        ...defaultHTMLConverters,
        ...LinkHTMLConverter({ internalDocToHref }),
        upload: () => '',
        relationship: () => '',
        unknown: () => '',
      },
    }),
  )
}

const ALIGN = /\sstyle="text-align:\s*(left|center|right|justify|start|end);?"/g
const EMPTY_PARAGRAPH = '<p><br /></p>'

/**
 * Readers' pages allow no inline style (`style-src 'self'`), so the converter's style attributes
 * would each be a CSP violation: empty ones (`class="" style=""` on list items) are dropped,
 * alignment becomes a class (`align-center`, styled by the portal and the embeds), any other
 * inline style is dropped. Empty paragraphs at the start and the end are trimmed. Only the
 * converter's own markup is touched: text is escaped before it gets here, so it holds no `"`.
 */
export const tidy = (html: string): string => {
  let out = html
    .replace(/\s+class=""/g, '')
    .replace(/\s+style=""/g, '')
    .replace(ALIGN, ' class="align-$1"')
    .replace(/\s+style="[^"]*"/g, '')
    .replace(/<(li|p|h[1-6]|blockquote)\s+(value="\d+")?\s*>/g, (_m, tag, value) =>
      value ? `<${tag} ${value}>` : `<${tag}>`,
    )
  while (out.startsWith(EMPTY_PARAGRAPH)) out = out.slice(EMPTY_PARAGRAPH.length)
  while (out.endsWith(EMPTY_PARAGRAPH)) out = out.slice(0, -EMPTY_PARAGRAPH.length)
  return out
}
