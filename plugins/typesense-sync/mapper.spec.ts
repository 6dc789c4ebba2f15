import { describe, expect, it } from 'vitest'

import { highlight } from './highlight'
import { toSearchDocument } from './mapper'

const lexical = (text: string) => ({
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
})

describe('toSearchDocument', () => {
  const doc = {
    id: 7,
    _status: 'published',
    title: 'Nghị quyết về đảng viên',
    symbol: '05-NQ/TU',
    kind: 'nghi-quyet',
    issuingBody: 'Ban Thường vụ',
    issueDate: '2026-03-01T00:00:00.000Z',
    summary: 'Tóm tắt',
    body: lexical('Nội dung chính'),
    audience: 'units',
    audienceUnits: [{ id: 3 }, 4],
  }

  it('should map a published document', () => {
    expect(toSearchDocument({ collection: 'documents', doc })).toMatchObject({
      id: 'documents:7',
      itemId: 7,
      title: 'Nghị quyết về đảng viên',
      summary: '05-NQ/TU — Tóm tắt',
      body: 'Ban Thường vụ\nNội dung chính',
      kind: 'nghi-quyet',
      units: [3, 4],
      audience: 'units',
      year: 2026,
      url: '/#/documents/7',
    })
  })

  it.each([
    ['a draft', { ...doc, _status: 'draft' }, {}],
    ['a superseded document', doc, { isSuperseded: true }],
    [
      'an expired document',
      { ...doc, expiryDate: '2026-04-01' },
      { now: Date.parse('2026-05-01') },
    ],
  ])('should keep %s out of the index', (_, input, extra) => {
    expect(toSearchDocument({ collection: 'documents', doc: input, ...extra })).toBeNull()
  })

  it('should index only questions published as FAQ', () => {
    const question = {
      id: 1,
      _status: 'published',
      title: 'Hỏi',
      question: '?',
      audience: 'public',
    }
    expect(toSearchDocument({ collection: 'questions', doc: question })).toBeNull()
    expect(
      toSearchDocument({ collection: 'questions', doc: { ...question, isFaq: true } })?.id,
    ).toBe('questions:1')
  })

  it('should change the content hash when the content changes, and only then', () => {
    const a = toSearchDocument({ collection: 'documents', doc })!
    const b = toSearchDocument({ collection: 'documents', doc: { ...doc } })!
    const c = toSearchDocument({ collection: 'documents', doc: { ...doc, title: 'Khác' } })!
    expect(a.contentHash).toBe(b.contentHash)
    expect(a.contentHash).not.toBe(c.contentHash)
  })
})

describe('highlight', () => {
  it('should mark query words matched without diacritics, and escape the rest', () => {
    expect(highlight('Đảng viên <b>trẻ</b>', 'dang vien')).toBe(
      '<mark>Đảng</mark> <mark>viên</mark> &lt;b&gt;trẻ&lt;/b&gt;',
    )
  })

  it('should cut a long text around the first match', () => {
    const text = `${'a '.repeat(200)}đảng viên${' b'.repeat(200)}`
    const snippet = highlight(text, 'đảng', 60)
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet).toContain('<mark>đảng</mark>')
    expect(snippet.endsWith('…')).toBe(true)
  })
})
