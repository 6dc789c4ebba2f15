import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

import pg from 'pg'
import writeExcelFile from 'write-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Client, Session } from '../helpers/api'
import { tableForm } from '../helpers/files'
import { ADMIN, type TestServer } from '../helpers/server'
import { expectOk, issueAccount, startWorld, type World } from '../helpers/world'

/**
 * Importing accounts from CSV and XLSX (issue 12): broken rows each reported with nothing
 * written, a dry run, an idempotent re-import, a member moved by a changed row, and invitations:
 * a one-time link that sets the password, refused the second time and once expired.
 */
describe('account import and invitations', () => {
  let server: TestServer
  let api: Client
  let world: World
  let units: { root: string; cellA: string; cellB: string }
  const tag = Date.now().toString(36)
  const email = (name: string) => `${name}-${tag}@import.test`
  const NEW_PASSWORD = 'mat-khau-rieng-cua-toi-2026'

  beforeAll(async () => {
    ;({ server, api, world } = await startWorld())
    const codeOf = async (id: number) =>
      expectOk(await api.get(`/api/units/${id}?depth=0`, { session: world.sessions.admin })).json
        .code as string
    units = {
      root: await codeOf(world.units.root),
      cellA: await codeOf(world.units.cellA),
      cellB: await codeOf(world.units.cellB),
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  const upload = (
    body: Buffer | string,
    { session = world.sessions.admin, dryRun = false, name = 'members.csv' } = {},
  ) => {
    const path = `/api/users/import${dryRun ? '?dryRun=1' : ''}`
    return api.request('POST', path, { session, body: tableForm(body, name) })
  }

  const sql = async <T>(text: string, values: unknown[] = []) => {
    const db = new pg.Client({ connectionString: server.databaseUrl })
    await db.connect()
    try {
      return (await db.query(text, values)).rows as T[]
    } finally {
      await db.end()
    }
  }
  const accountCount = async () =>
    Number((await sql<{ n: string }>('select count(*) as n from users'))[0].n)
  const account = async (address: string) =>
    (
      await sql<Record<string, any>>(
        `select u.*, array(select value::text from users_roles where parent_id = u.id) as roles
           from users u where email = $1`,
        [address],
      )
    )[0]

  const mails = async () => {
    const dir = path.join(server.dataDir, 'mail')
    const files = (await readdir(dir).catch(() => [])).sort()
    return Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')))
  }
  /** The invitation link's token in the newest mail to `address`, once the job runner sent it. */
  const invitationToken = async (address: string) => {
    for (let i = 0; i < 300; i++) {
      const mail = (await mails())
        .map((text) => text.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
        .reverse()
        .find((text) => text.includes(`To: ${address}`))
      const token = mail?.match(/dat-lai-mat-khau\?token=([0-9a-f]+)/)?.[1]
      if (token) return token
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`no invitation mailed to ${address}`)
  }

  const roster = () =>
    [
      'Họ và tên,Email,Số điện thoại,Mã đơn vị,Vai trò,Chức vụ',
      `Nguyễn Văn An,${email('an')},0903 123 456,${units.cellA},Đảng viên,Bí thư chi bộ`,
      `Trần Thị Bình,${email('binh').toUpperCase()},,${units.cellA},,`,
      `Lê Văn Cường,${email('cuong')},+84912345678,${units.cellB},dang vien,Phó bí thư`,
      `Phạm Thị Dung,${email('dung')},,${units.root},Biên tập viên,`,
    ].join('\n')

  it('should let only admins import accounts', async () => {
    expect((await upload(roster(), { session: world.sessions.anonymous })).status).toBe(401)
    for (const role of ['member', 'outsider', 'editor', 'reviewer'] as const) {
      expect((await upload(roster(), { session: world.sessions[role] })).status, role).toBe(403)
    }
    expect(await account(email('an'))).toBeUndefined()
  })

  it('should report every broken row with its line and write nothing', async () => {
    const before = await accountCount()
    const broken = [
      'Họ và tên,Email,Số điện thoại,Mã đơn vị,Vai trò',
      `,${email('x1')},,${units.cellA},`, // 2: no name
      `Sai Email,khong-phai-email,,${units.cellA},`, // 3
      `Trùng A,${email('x4')},,${units.cellA},`, // 4
      `Trùng B,${email('x4')},,${units.cellA},`, // 5: duplicate of 4
      `Không đơn vị,${email('x6')},,KHONG-CO-${tag},`, // 6
      `Vai trò lạ,${email('x7')},,${units.cellA},thủ quỹ`, // 7
      `Xin quyền,${email('x8')},,${units.cellA},Quản trị`, // 8: admin is never imported
      `Số lạ,${email('x9')},12ab,${units.cellA},`, // 9
      `Quản trị,${ADMIN.email},,${units.root},Đảng viên`, // 10: an admin is not changed by file
    ].join('\n')
    for (const dryRun of [true, false]) {
      const res = await upload(broken, { dryRun })
      expect(res.status, res.text).toBe(422)
      const byLine = new Map<number, { column: string; message: string }>(
        res.json.problems.map((p: { line: number }) => [p.line, p]),
      )
      expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([2, 3, 5, 6, 7, 8, 9, 10])
      expect(byLine.get(5)!.message).toMatch(/trùng với dòng 4/)
      expect(byLine.get(6)!.column).toBe('unit')
      expect(byLine.get(8)!.message).toMatch(/quản trị/i)
      expect(byLine.get(9)!.column).toBe('phone')
      expect(byLine.get(10)!.message).toMatch(/quản trị/i)
    }
    expect(await accountCount()).toBe(before)
  })

  it('should answer a file that is not a table of accounts with a 400', async () => {
    const res = await upload('email,ten\na@b.vn,A')
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/Thiếu cột/)
  })

  it('should create the accounts without a password and have the job runner mail each an invitation', async () => {
    const before = await accountCount()
    const dry = expectOk(await upload(roster(), { dryRun: true }))
    expect(dry.json).toMatchObject({ applied: false, created: 4, problems: [] })
    expect(await accountCount()).toBe(before)

    const res = expectOk(await upload(roster()))
    expect(res.json).toMatchObject({ applied: true, created: 4, updated: 0, invited: 4 })
    expect(await accountCount()).toBe(before + 4)
    const an = await account(email('an'))
    expect(an).toMatchObject({
      full_name: 'Nguyễn Văn An',
      phone: '0903123456',
      position: 'Bí thư chi bộ',
      unit_id: world.units.cellA,
      roles: ['member'],
      hash: null,
    })
    expect((await account(email('binh'))).roles).toEqual(['member'])
    expect((await account(email('dung'))).roles).toEqual(['editor'])
    // No password yet: signing in fails like any wrong password.
    const signIn = await api.post('/api/users/login', { email: email('an'), password: 'x' })
    expect(signIn.status).toBe(401)

    const [entry] = expectOk(
      await api.get(
        '/api/audit-log?where[action][equals]=import&where[collectionSlug][equals]=users&sort=-id&limit=1',
        { session: world.sessions.admin },
      ),
    ).json.docs
    expect(entry.details.created).toHaveLength(4)
    expect(entry.details.created).toContain(an.id)
    expect(entry.actor.id ?? entry.actor).toBe(world.users.admin.id)
    for (const name of ['an', 'binh', 'cuong', 'dung']) await invitationToken(email(name))
  })

  it('should set the password once through the invitation, and refuse the link again', async () => {
    const token = await invitationToken(email('an'))
    const reset = await api.post('/api/users/reset-password', { token, password: NEW_PASSWORD })
    expect(reset.status, reset.text).toBe(200)
    const session: Session = await api.login(email('an'), NEW_PASSWORD)
    const me = expectOk(await api.get('/api/users/me', { session })).json.user
    expect(me).toMatchObject({ email: email('an'), fullName: 'Nguyễn Văn An' })
    const again = await api.post('/api/users/reset-password', {
      token,
      password: 'mot-mat-khau-khac-2026',
    })
    expect(again.status).toBe(403)
    // The password stays the one set through the invitation.
    expect(
      (await api.post('/api/users/login', { email: email('an'), password: NEW_PASSWORD })).status,
    ).toBe(200)
  })

  it('should refuse an invitation that has expired', async () => {
    const token = await invitationToken(email('binh'))
    await sql(
      `update users set reset_password_expiration = now() - interval '1 minute' where email = $1`,
      [email('binh')],
    )
    const res = await api.post('/api/users/reset-password', { token, password: NEW_PASSWORD })
    expect(res.status).toBe(403)
    expect(
      (await api.post('/api/users/login', { email: email('binh'), password: NEW_PASSWORD })).status,
    ).toBe(401)
  })

  it('should change nothing when the same file comes again, and move a member by a changed row', async () => {
    const mailsBefore = (await mails()).length
    const again = expectOk(await upload(roster()))
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 4, invited: 0 })

    const cuong = await account(email('cuong'))
    const rows = [
      [{ value: 'Họ và tên' }, { value: 'Email' }, { value: 'Mã đơn vị' }, { value: 'Vai trò' }],
      [
        { value: 'Lê Văn Cường' },
        { value: email('cuong') },
        { value: units.cellA },
        { value: 'Người duyệt' },
      ],
    ]
    const data = await writeExcelFile(rows).toBuffer()
    const moved = expectOk(await upload(data, { name: 'members.xlsx' }))
    expect(moved.json).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    const after = await account(email('cuong'))
    expect(after).toMatchObject({ id: cuong.id, unit_id: world.units.cellA, roles: ['reviewer'] })
    // Columns the file does not have keep the account's values.
    expect(after).toMatchObject({ phone: '+84912345678', position: 'Phó bí thư' })
    expect((await mails()).length).toBe(mailsBefore)
  })

  it('should import thousands of accounts in one file', async () => {
    const lines = ['Họ và tên,Email,Mã đơn vị']
    for (let i = 0; i < 3000; i++) lines.push(`Đảng viên ${i},${email(`bulk${i}`)},${units.cellB}`)
    const started = Date.now()
    const res = expectOk(await upload(lines.join('\n')))
    console.log(`[account import] 3000 accounts in ${Date.now() - started} ms`)
    expect(res.json).toMatchObject({ applied: true, created: 3000, problems: [] })
    expect((await account(email('bulk2999'))).unit_id).toBe(world.units.cellB)
  }, 300_000)

  describe('the cell secretary', () => {
    let secretary: { id: number; email: string; session: Session }
    const cellAccounts = async (unit: number) =>
      (
        await sql<{ id: number }>('select id from users where unit_id = $1 order by id', [unit])
      ).map((row) => Number(row.id))

    beforeAll(async () => {
      secretary = await issueAccount(api, world.sessions.admin, {
        roles: ['secretary'],
        unit: world.units.cellA,
        fullName: 'Bí thư chi bộ A',
        position: 'Bí thư chi bộ',
      })
    })

    it('should see the accounts of their own cell, and no other, over REST and GraphQL', async () => {
      const expected = await cellAccounts(world.units.cellA)
      expect(expected).toContain(world.users.member.id)
      expect(expected).toContain(secretary.id)
      const list = expectOk(
        await api.get('/api/users?limit=100&depth=0&sort=id', { session: secretary.session }),
      ).json
      expect(list.docs.map((doc: { id: number }) => doc.id)).toEqual(expected)
      const member = list.docs.find((doc: { id: number }) => doc.id === world.users.member.id)
      expect(member).toMatchObject({ email: world.users.member.email, unit: world.units.cellA })
      const graphql = expectOk(
        await api.graphql('{ Users(limit: 100, sort: "id") { docs { id email } } }', {
          session: secretary.session,
        }),
      ).json
      expect(graphql.data.Users.docs.map((doc: { id: number }) => doc.id)).toEqual(expected)
      for (const other of [world.users.outsider.id, world.users.admin.id, world.users.editor.id]) {
        expect(
          (await api.get(`/api/users/${other}`, { session: secretary.session })).status,
        ).not.toBe(200)
      }
      const elsewhere = expectOk(
        await api.get(`/api/users?where[unit][equals]=${world.units.cellB}`, {
          session: secretary.session,
        }),
      ).json
      expect(elsewhere.docs).toEqual([])
    })

    it('should read as a member of the cell does, and change no one else', async () => {
      const { documents } = world.items
      expect(
        (await api.get(`/api/documents/${documents.units.id}`, { session: secretary.session }))
          .status,
      ).toBe(200)
      expect(
        (await api.get(`/api/documents/${documents.draft.id}`, { session: secretary.session }))
          .status,
      ).not.toBe(200)
      const change = await api.patch(
        `/api/users/${world.users.member.id}`,
        { fullName: 'Đổi tên' },
        { session: secretary.session },
      )
      expect(change.status).not.toBe(200)
      await api.patch(
        `/api/users/${secretary.id}`,
        { roles: ['admin'] },
        { session: secretary.session },
      )
      expect(
        (
          await sql<{ value: string }>('select value::text from users_roles where parent_id = $1', [
            secretary.id,
          ])
        ).map((r) => r.value),
      ).toEqual(['secretary'])
      // A member who is not a secretary still sees only themselves.
      const own = expectOk(
        await api.get('/api/users?limit=100', { session: world.sessions.member }),
      ).json
      expect(own.docs.map((doc: { id: number }) => doc.id)).toEqual([world.users.member.id])
    })

    it('should be named by an import row as "Bí thư chi bộ"', async () => {
      const file = `Họ và tên,Email,Mã đơn vị,Vai trò\nBí thư B,${email('bithu-b')},${units.cellB},Bí thư chi bộ\n`
      expectOk(await upload(file))
      expect((await account(email('bithu-b'))).roles).toEqual(['secretary'])
    })
  })
})
