import { describe, expect, it } from 'vitest'

import { itemPath as serverItemPath } from '../../public/items'
import { itemPath, listPath, parseRoute } from './routes.js'
import { yearWhere } from './sections/years.js'
import { formatBytes, formatDate, formatDuration, truncate } from './util.js'

const at = (href: string) => {
  const url = new URL(href, 'https://sotay.example.vn')
  return { pathname: url.pathname, search: url.search, hash: url.hash }
}

describe('portal routes', () => {
  it('should read real paths, old hash links and account pages', () => {
    expect(parseRoute(at('/'))).toEqual({ view: 'home' })
    expect(parseRoute(at('/?q=nghi+quyet'))).toEqual({ view: 'home' })
    expect(parseRoute(at('/van-ban/12-nghi-quyet-05'))).toEqual({
      view: 'item',
      slug: 'documents',
      id: '12',
    })
    expect(parseRoute(at('/nhan-dien/7'))).toEqual({
      view: 'item',
      slug: 'identified-pages',
      id: '7',
    })
    const list = parseRoute(at('/tham-khao?loai=podcast&trang=2'))
    expect(list.view).toBe('list')
    if (list.view === 'list') {
      expect(list.slug).toBe('references')
      expect(list.params.get('trang')).toBe('2')
    }
    // Links shared before real paths existed keep working.
    expect(parseRoute(at('/#/orientations/3'))).toEqual({
      view: 'item',
      slug: 'orientations',
      id: '3',
    })
    expect(parseRoute(at('/#questions')).view).toBe('list')
    expect(parseRoute(at('/dang-nhap?tiep=/van-ban')).view).toBe('login')
    expect(parseRoute(at('/dat-lai-mat-khau?token=abc')).view).toBe('reset')
    // An unknown old hash on the home page is just the home page.
    expect(parseRoute(at('/#/nope/1'))).toEqual({ view: 'home' })
    for (const bad of ['/khong-co', '/van-ban/abc', '/van-ban/1/2', '/admin-x'])
      expect(parseRoute(at(bad)).view, bad).toBe('not-found')
  })

  it('should write the same item paths as the host, and list paths with their filters', () => {
    const title = '05-NQ/TU — Nghị quyết về Đảng bộ phường Thụy An, giai đoạn 2025–2030'
    expect(itemPath('documents', 5, title)).toBe(serverItemPath('documents', 5, title))
    expect(itemPath('questions', 9, '')).toBe('/hoi-dap/9')
    expect(listPath('documents', new URLSearchParams({ loai: 'chi-thi', trang: '2' }))).toBe(
      '/van-ban?loai=chi-thi&trang=2',
    )
  })
})

describe('portal formats', () => {
  it('should write sizes and durations the Vietnamese way', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1,5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatBytes(undefined)).toBe('')
    expect(formatDuration(3900)).toBe('1 giờ 5 phút')
    expect(formatDuration(750)).toBe('12 phút 30 giây')
    expect(formatDuration(-1)).toBe('')
    expect(truncate('một hai ba bốn năm sáu', 12)).toBe('một hai ba…')
    // Dates are Vietnam's (UTC+7): 17:00 UTC on 31 December is already New Year's Day there.
    expect(formatDate('2025-12-31T17:00:00.000Z')).toBe('01/01/2026')
    expect(formatDate('2025-12-31T16:59:59.000Z')).toBe('31/12/2025')
    expect(formatDate('2026-03-15')).toBe('15/03/2026')
    expect(formatDate('không phải ngày')).toBe('')
  })

  it('should filter a year as a Vietnamese calendar year, and ignore a year that is not one', () => {
    expect(yearWhere('issueDate', '2026')).toBe(
      '&where[issueDate][greater_than_equal]=2025-12-31T17:00:00.000Z&where[issueDate][less_than]=2026-12-31T17:00:00.000Z',
    )
    expect(yearWhere('issueDate', '20x6')).toBe('')
    expect(yearWhere('issueDate', '99999')).toBe('')
  })
})
