import { describe, expect, it } from 'vitest'

import { queryProblem } from './requestGuard'

describe('queryProblem', () => {
  it.each([
    '',
    'limit=10&page=2',
    'where[or][0][and][1][title][like]=ngh%E1%BB%8B%20quy%E1%BA%BFt',
    'q=%C4%91%E1%BA%A3ng+vi%C3%AAn',
  ])('should accept %j', (search) => {
    expect(queryProblem(search)).toBeNull()
  })

  it.each([
    ['an invalid escape', 'q=%E0%A4%A'],
    ['bytes that are not UTF-8', 'q=%FF%FE'],
    ['an escaped NUL in a value', 'where[title][equals]=%00'],
    ['an escaped NUL in a key', 'a%00=1'],
    ['a key nested 13 deep', `where${'[and][0]'.repeat(6)}[x]=1`],
  ])('should refuse %s', (_what, search) => {
    expect(queryProblem(search)).toMatch(/.{10,}/)
  })
})
