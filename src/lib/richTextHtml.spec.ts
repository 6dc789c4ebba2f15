import { describe, expect, it } from 'vitest'

import { blocksToLexical } from './lexical'
import { toSafeHtml } from './richTextHtml'

const linkState = (url: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'link',
            version: 3,
            direction: 'ltr',
            format: '',
            indent: 0,
            fields: { url, linkType: 'custom', newTab: false },
            children: [
              {
                type: 'text',
                text: 'bấm vào',
                format: 0,
                version: 1,
                detail: 0,
                mode: 'normal',
                style: '',
              },
            ],
          },
        ],
      },
    ],
  },
})

describe('toSafeHtml', () => {
  it('should render headings, lists and quotes from blocks', () => {
    const html = toSafeHtml(
      blocksToLexical(['## Mục tiêu', 'Đoạn văn.', '- Một', '- Hai', '> Trích dẫn']),
    )
    expect(html).toContain('<h2>Mục tiêu</h2><p>Đoạn văn.</p><ul class="list-bullet">')
    expect(html.match(/<li[^>]*>(.*?)<\/li>/g)?.map((li) => li.replace(/<[^>]+>/g, ''))).toEqual([
      'Một',
      'Hai',
    ])
    expect(html).toContain('<blockquote>Trích dẫn</blockquote>')
  })

  it('should escape markup typed as text', () => {
    const html = toSafeHtml(
      blocksToLexical(['<script>alert("x")</script> & <img src=x onerror=alert(1)>']),
    )
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
  })

  it('should neutralise javascript: links', () => {
    const html = toSafeHtml(linkState('javascript:alert(document.cookie)'))
    expect(html).not.toContain('javascript:')
    expect(html).toContain('bấm vào')
  })

  it('should keep ordinary links', () => {
    expect(toSafeHtml(linkState('https://example.vn/a?b=1'))).toContain(
      'href="https://example.vn/a?b=1"',
    )
  })

  it('should render nothing for empty or foreign values', () => {
    expect(toSafeHtml(null)).toBe('')
    expect(toSafeHtml('plain string')).toBe('')
    expect(toSafeHtml({ root: { type: 'root', children: [] } })).toBe('')
  })
})

describe('toSafeHtml under a strict content security policy', () => {
  const paragraph = (text: string, extra: Record<string, unknown> = {}) => ({
    type: 'paragraph',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: text
      ? [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }]
      : [],
    ...extra,
  })
  const state = (children: unknown[]) => ({ root: { type: 'root', version: 1, children } })

  it('should write no inline style: empty attributes dropped, alignment as a class', () => {
    const lists = toSafeHtml(blocksToLexical(['- một', '- hai']))
    expect(lists).toBe('<ul class="list-bullet"><li value="1">một</li><li value="2">hai</li></ul>')
    const centered = toSafeHtml(state([paragraph('Giữa', { format: 'center' })]))
    expect(centered).toBe('<p class="align-center">Giữa</p>')
    const indented = toSafeHtml(state([paragraph('Thụt lề', { indent: 2 })]))
    expect(indented).not.toMatch(/style=/)
    expect(indented).toContain('Thụt lề')
  })

  it('should trim empty paragraphs at both ends, keeping those between', () => {
    const html = toSafeHtml(
      state([
        paragraph(''),
        paragraph('Một'),
        paragraph(''),
        paragraph('Hai'),
        paragraph(''),
        paragraph(''),
      ]),
    )
    expect(html).toBe('<p>Một</p><p><br /></p><p>Hai</p>')
  })

  it('should leave text that looks like attributes alone', () => {
    expect(toSafeHtml(blocksToLexical(['a style="b" class=""']))).toBe(
      '<p>a style=&quot;b&quot; class=&quot;&quot;</p>',
    )
  })
})
