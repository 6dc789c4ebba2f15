import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import type { Blocks } from '../seed/types'

type LexicalState = SerializedEditorState & { [k: string]: unknown }

type TextNode = {
  type: 'text'
  text: string
  format: number
  detail: 0
  mode: 'normal'
  style: ''
  version: 1
}

/** A Lexical text node (exported for tests that build rich text by hand). */
export const text = (value: string): TextNode => ({
  type: 'text',
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})

/** A Lexical element node. */
export const element = (
  type: string,
  children: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

/**
 * Lexical editor state from simple blocks: `## ` heading, `- ` bullet (consecutive bullets form
 * one list), `> ` quotation, anything else a paragraph.
 */
export const blocksToLexical = (blocks: Blocks) => {
  const children: unknown[] = []
  let list: { children: unknown[] } | null = null
  for (const block of blocks) {
    if (block.startsWith('- ')) {
      if (!list) {
        list = element('list', [], { listType: 'bullet', start: 1, tag: 'ul' })
        children.push(list)
      }
      list.children.push(
        element('listitem', [text(block.slice(2))], { value: list.children.length + 1 }),
      )
      continue
    }
    list = null
    if (block.startsWith('## '))
      children.push(element('heading', [text(block.slice(3))], { tag: 'h2' }))
    else if (block.startsWith('> ')) children.push(element('quote', [text(block.slice(2))]))
    else children.push(element('paragraph', [text(block)], { textFormat: 0, textStyle: '' }))
  }
  // The generated types want a typed node list; these nodes are Lexical's own serialized shape.
  return { root: element('root', children) } as unknown as LexicalState
}
