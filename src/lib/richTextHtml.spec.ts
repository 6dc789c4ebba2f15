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
