import { describe, expect, it } from 'vitest'

import { DEMO_PASSWORD_DEFAULT } from '../seed'
import { passwordProblem } from './passwordPolicy'

describe('passwordProblem', () => {
  it.each([
    ['123', 'short'],
    ['matkhau123', 'common Vietnamese'],
    ['123456789a', 'common'],
    ['Matkhau2026!', 'common word with digits and a symbol'],
    ['0912345678', 'digits only (a phone number)'],
    ['aaaaaaaaaaaa', 'one letter repeated'],
    ['qwertyuiop', 'keyboard run'],
  ])('should refuse %s (%s)', (password) => {
    expect(passwordProblem({ password, minLength: 10 })).not.toBeNull()
  })

  it('should refuse a password containing the email name', () => {
    expect(passwordProblem({ password: 'hoa.nguyen-2026!', email: 'hoa.nguyen@sotay.vn' })).toMatch(
      /tên tài khoản/,
    )
  })

  it.each([
    ['the demo accounts', DEMO_PASSWORD_DEFAULT, 'dangvien@sotay.local'],
    ['the test fixtures', 'test-password-123', 'member-abc123@test.local'],
    ['a passphrase', 'ba con mèo đi học', 'hoa@sotay.vn'],
  ])('should accept %s', (_name, password, email) => {
    expect(passwordProblem({ password, email, minLength: 10 })).toBeNull()
  })

  it('should follow the configured minimum length', () => {
    expect(passwordProblem({ password: 'ba con mèo', minLength: 12 })).toMatch(/ít nhất 12/)
  })
})
