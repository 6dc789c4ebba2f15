import writeExcelFile from 'write-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Client, Session } from '../helpers/api'
import { tableForm } from '../helpers/files'
import type { TestServer } from '../helpers/server'
import {
  expectOk,
  issueAccount,
  minimalItem,
  publishItem,
  startWorld,
  type World,
} from '../helpers/world'

/**
 * Importing the unit tree from CSV and XLSX (issue 12): broken rows each reported with nothing
 * written, a dry run that writes nothing, an idempotent re-import, a move that keeps the unit's
 * members and is in the audit log, and the door closed to everyone but admins. Then merging two
 * units: members, units below and content (with its history and search entries) follow.
 */
describe('unit import and merge', () => {
  let server: TestServer
  let api: Client
  let world: World
  const tag = Date.now().toString(36).toUpperCase()
  const code = (name: string) => `${tag}-${name}`

  beforeAll(async () => {
    ;({ server, api, world } = await startWorld())
  })
  afterAll(async () => {
    await server?.stop()
  })

  const upload = (
    body: Buffer | string,
    { session = world.sessions.admin, dryRun = false, name = 'units.csv' } = {},
  ) => {
    const path = `/api/units/import${dryRun ? '?dryRun=1' : ''}`
    return api.request('POST', path, { session, body: tableForm(body, name) })
  }

  /** Every unit, page by page (a list answers at most 100 per page). */
  const allUnits = async () => {
    type Unit = { id: number; code: string; name: string; kind: string; parent: number | null }
    const units: Unit[] = []
    for (let page = 1; ; page++) {
      const res = expectOk(
        await api.get(`/api/units?limit=100&page=${page}&depth=0&sort=id`, {
          session: world.sessions.admin,
        }),
      )
      units.push(...(res.json.docs as Unit[]))
      if (!res.json.hasNextPage) return units
    }
  }
  const byCode = async () => new Map((await allUnits()).map((unit) => [unit.code, unit]))

  const auditOf = async (action: string, session: Session = world.sessions.admin) => {
    const res = expectOk(
      await api.get(
        `/api/audit-log?where[action][equals]=${action}&where[collectionSlug][equals]=units&limit=100&sort=-id&depth=0`,
        { session },
      ),
    )
    return res.json.docs as Record<string, any>[]
  }

  // A city committee, two upper-level committees, grassroots organisations and cells; children
  // listed before their parents, Vietnamese headers, semicolons, kinds without diacritics.
  const tree = [
    'Mã đơn vị;Tên đơn vị;Loại;Mã đơn vị cấp trên',
    `${code('CB1')};Chi bộ khu phố 1;chi bo;${code('P1')}`,
    `${code('CB2')};Chi bộ khu phố 2;Chi bộ;${code('P1')}`,
    `${code('P1')};Đảng bộ phường 1;Đảng bộ;${code('Q1')}`,
    `${code('P2')};Đảng bộ phường 2;dang-bo;${code('Q1')}`,
    `${code('Q1')};Đảng bộ quận 1;;${code('TP')}`,
    `${code('Q3')};Đảng bộ quận 3;Đảng bộ cấp trên cơ sở;${code('TP')}`,
    `${code('TP')};Đảng bộ thành phố;Đảng bộ;`,
  ].join('\n')

  it('should let only admins import: anonymous 401, members and staff 403', async () => {
    const before = (await allUnits()).length
    expect((await upload(tree, { session: world.sessions.anonymous })).status).toBe(401)
    for (const role of ['member', 'outsider', 'editor', 'reviewer'] as const) {
      const res = await upload(tree, { session: world.sessions[role] })
      expect(res.status, role).toBe(403)
      expect(res.json.errors[0].message).toMatch(/quản trị/)
    }
    expect((await allUnits()).length).toBe(before)
  })

  it('should report every broken row with its line and write nothing', async () => {
    const before = await allUnits()
    const broken = [
      'code,name,kind,parent code',
      `${code('X1')},Chi bộ một,chi-bo,${code('X9')}`, // 2: parent in the file (row 9)
      `,Không mã,chi-bo,`, // 3: no code
      `${code('X1')},Trùng mã,chi-bo,`, // 4: duplicate of line 2
      `${code('X3')},Loại lạ,ban-chi-huy,`, // 5: unknown kind
      `${code('X4')},Cấp trên không có,chi-bo,KHONG-CO-${tag}`, // 6: unknown parent
      `${code('X5')},,chi-bo,`, // 7: no name
      `${code('X6')},Tự trực thuộc,chi-bo,${code('X6')}`, // 8: its own parent
      `${code('X9')},Vòng A,dang-bo,${code('X10')}`, // 9: loop X9 → X10 → X9
      `${code('X10')},Vòng B,dang-bo,${code('X9')}`, // 10
      `bad code!,Mã xấu,chi-bo,`, // 11: malformed code
    ].join('\n')
    for (const dryRun of [true, false]) {
      const res = await upload(broken, { dryRun })
      expect(res.status, res.text).toBe(422)
      expect(res.json.applied).toBe(false)
      const lines = res.json.problems.map((p: { line: number }) => p.line)
      expect(lines).toEqual(expect.arrayContaining([3, 4, 5, 6, 7, 8, 9, 10, 11]))
      const at = (line: number) =>
        res.json.problems.filter((p: { line: number }) => p.line === line)
      expect(at(4)[0].message).toMatch(/trùng với dòng 2/)
      expect(at(5)[0].column).toBe('kind')
      expect(at(6)[0].message).toContain(`KHONG-CO-${tag}`)
      expect(at(7)[0].column).toBe('name')
      expect(at(9)[0].message).toMatch(/vòng lặp/)
    }
    const after = await allUnits()
    expect(after.length).toBe(before.length)
    expect(after.filter((unit) => unit.code.startsWith(`${tag}-X`))).toEqual([])
  })

  it('should answer a file that is not a table of units with a 400 that names the problem', async () => {
    const cases: [Buffer | string, RegExp][] = [
      ['', /rỗng|tệp/i],
      ['ten,loai\nChi bộ,chi-bo', /Thiếu cột/],
      [Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), /UTF-8|NUL/],
      [Buffer.from('PK\u0003\u0004 not really a workbook'), /Excel/],
      ['code,name\n"unterminated,Chi bộ', /CSV/],
    ]
    for (const [body, message] of cases) {
      const res = await upload(body)
      expect(res.status, String(body)).toBe(400)
      expect(res.json.errors[0].message).toMatch(message)
    }
  })

  it('should show a dry run of a good file and write nothing', async () => {
    const res = expectOk(await upload(tree, { dryRun: true }))
    expect(res.json).toMatchObject({
      dryRun: true,
      applied: false,
      rows: 7,
      created: 7,
      problems: [],
    })
    expect([...(await byCode()).keys()].filter((c) => c.startsWith(tag))).toEqual([])
  })

  it('should import the tree parents first, and change nothing when the same file comes again', async () => {
    const res = expectOk(await upload(tree))
    expect(res.json).toMatchObject({ applied: true, created: 7, updated: 0, moved: 0 })
    const units = await byCode()
    const idOf = (name: string) => units.get(code(name))!.id
    expect(units.get(code('CB1'))).toMatchObject({ kind: 'chi-bo', parent: idOf('P1') })
    expect(units.get(code('P1'))).toMatchObject({ kind: 'dang-bo', parent: idOf('Q1') })
    // No kind given: a unit with units below it is a Đảng bộ.
    expect(units.get(code('Q1'))).toMatchObject({ kind: 'dang-bo', parent: idOf('TP') })
    expect(units.get(code('TP'))!.parent).toBeNull()
    const created = await auditOf('create')
    expect(created.filter((e) => String(e.details?.code).startsWith(tag))).toHaveLength(7)
    const imports = await auditOf('import')
    expect(imports[0]).toMatchObject({ details: { created: 7, file: 'units.csv' } })
    expect(imports[0].actor).toBe(world.users.admin.id)

    const again = expectOk(await upload(tree))
    expect(again.json).toMatchObject({ created: 0, updated: 0, moved: 0, unchanged: 7 })
    expect((await auditOf('import'))[0].id).toBe(imports[0].id)
    expect((await byCode()).size).toBe(units.size)
  })

  it('should move a unit with its members and record the move; renames are updates', async () => {
    const units = await byCode()
    // The fixture's cell A (with the member in it) goes under ward 2 by its code.
    const cellA = (await allUnits()).find((unit) => unit.id === world.units.cellA)!
    const file = [
      'code,name,kind,parent',
      `${cellA.code},${cellA.name},chi-bo,${code('P2')}`,
      `${code('CB2')},Chi bộ khu phố 2 (mới),chi-bo,${code('P1')}`,
    ].join('\n')
    const res = expectOk(await upload(file))
    expect(res.json).toMatchObject({ applied: true, created: 0, moved: 1, updated: 1 })
    const moved = (await byCode()).get(cellA.code)!
    expect(moved.id).toBe(world.units.cellA)
    expect(moved.parent).toBe(units.get(code('P2'))!.id)
    const member = expectOk(
      await api.get(`/api/users/${world.users.member.id}?depth=0`, {
        session: world.sessions.admin,
      }),
    ).json
    expect(member.unit).toBe(world.units.cellA)
    const [move] = await auditOf('unit_move')
    expect(move).toMatchObject({
      itemId: String(world.units.cellA),
      fromState: String(world.units.root),
      toState: String(units.get(code('P2'))!.id),
    })
    const [rename] = await auditOf('update')
    expect(rename.details.changed.name).toEqual({
      from: 'Chi bộ khu phố 2',
      to: 'Chi bộ khu phố 2 (mới)',
    })
  })

  it('should refuse a file that would put a unit below its own descendant', async () => {
    const file = [
      'code,name,kind,parent',
      `${code('Q1')},Đảng bộ quận 1,dang-bo,${code('CB1')}`,
    ].join('\n')
    const res = await upload(file)
    expect(res.status).toBe(422)
    expect(res.json.problems[0]).toMatchObject({ line: 2, column: 'parent' })
    expect((await byCode()).get(code('Q1'))!.parent).toBe((await byCode()).get(code('TP'))!.id)
  })

  it('should refuse a tree deeper than access can follow, at any length of chain', async () => {
    // A chain of 3,000 units, each below the one before: every unit from level 16 down is named.
    const lines = ['code,name,kind,parent', `${code('D0')},Sâu 0,dang-bo,`]
    for (let i = 1; i < 3000; i++)
      lines.push(`${code(`D${i}`)},Sâu ${i},dang-bo,${code(`D${i - 1}`)}`)
    const res = await upload(lines.join('\n'), { dryRun: true })
    expect(res.status).toBe(422)
    expect(res.json.problems).toHaveLength(3000 - 16)
    expect(res.json.problems[0]).toMatchObject({ line: 18, code: code('D16'), column: 'parent' })
    expect(res.json.problems[0].message).toMatch(/sâu quá 16 cấp/)
  })

  it('should read an XLSX workbook with English headers the same way', async () => {
    const rows = [
      [{ value: 'Unit code' }, { value: 'Unit name' }, { value: 'Kind' }, { value: 'Parent code' }],
      [
        { value: code('CB3') },
        { value: 'Chi bộ khu phố 3' },
        { value: 'Chi bộ' },
        { value: code('P2') },
      ],
      [
        { value: code('Q3') },
        { value: 'Đảng bộ quận 3' },
        { value: 'dang-bo' },
        { value: code('TP') },
      ],
    ]
    const data = await writeExcelFile(rows).toBuffer()
    const res = expectOk(await upload(data, { name: 'units.xlsx' }))
    expect(res.json).toMatchObject({ rows: 2, created: 1, unchanged: 1, problems: [] })
    expect((await byCode()).get(code('CB3'))).toMatchObject({ name: 'Chi bộ khu phố 3' })
  })

  it('should import hundreds of units in one file, children before parents', async () => {
    const lines = ['code,name,kind,parent']
    // 12 upper-level committees × 6 grassroots × 9 cells: 732 units, deepest first.
    for (let q = 0; q < 12; q++)
      for (let p = 0; p < 6; p++)
        for (let c = 0; c < 9; c++)
          lines.push(`${code(`B${q}.${p}.${c}`)},Chi bộ ${c},chi-bo,${code(`B${q}.${p}`)}`)
    for (let q = 0; q < 12; q++)
      for (let p = 0; p < 6; p++)
        lines.push(`${code(`B${q}.${p}`)},Đảng bộ cơ sở ${p},dang-bo,${code(`B${q}`)}`)
    for (let q = 0; q < 12; q++) lines.push(`${code(`B${q}`)},Đảng bộ ${q},dang-bo,${code('TP')}`)
    const started = Date.now()
    const res = expectOk(await upload(lines.join('\n')))
    console.log(`[unit import] ${lines.length - 1} units in ${Date.now() - started} ms`)
    expect(res.json).toMatchObject({ applied: true, created: 732, problems: [] })
    const units = await byCode()
    expect(units.get(code('B11.5.8'))!.parent).toBe(units.get(code('B11.5'))!.id)
  }, 300_000)

  describe('merging a unit into another', () => {
    const post = (id: number, body: unknown, session: Session = world.sessions.admin) =>
      api.post(`/api/units/${id}/merge`, body, { session })
    const unitBody = (name: string, parent: number, kind = 'dang-bo') => ({
      name,
      kind,
      code: code(name),
      parent,
    })
    const createUnit = async (name: string, parent: number, kind?: string) =>
      expectOk(
        await api.post('/api/units', unitBody(name, parent, kind), {
          session: world.sessions.admin,
        }),
      ).json.doc.id as number

    let wardA: number
    let wardB: number
    let cellBelowA: number
    let mergedMember: { id: number; session: Session }
    let onlyA: { id: number; title: string }
    let bothAB: { id: number; title: string }

    beforeAll(async () => {
      wardA = await createUnit('MA', world.units.root)
      wardB = await createUnit('MB', world.units.root)
      cellBelowA = await createUnit('MA-C1', wardA, 'chi-bo')
      mergedMember = await issueAccount(api, world.sessions.admin, {
        roles: ['member'],
        unit: wardA,
        fullName: 'Đảng viên phường A',
      })
      const sessions = { editor: world.sessions.editor, reviewer: world.sessions.reviewer }
      const item = async (label: string, units: number[]) => {
        const doc = await publishItem(api, sessions, 'orientations', {
          ...minimalItem.orientations(`${tag} merge ${label}`),
          audience: 'units',
          audienceUnits: units,
        })
        return { id: doc.id as number, title: doc.title as string }
      }
      onlyA = await item('onlyA', [wardA])
      bothAB = await item('bothAB', [wardA, wardB])
    })

    it('should refuse everyone but admins, and requests that make no sense, changing nothing', async () => {
      expect((await post(wardA, { into: wardB }, world.sessions.anonymous)).status).toBe(401)
      for (const role of ['member', 'outsider', 'editor', 'reviewer'] as const) {
        expect((await post(wardA, { into: wardB }, world.sessions[role])).status, role).toBe(403)
      }
      const refusals: [number, unknown, number, RegExp][] = [
        [wardA, { into: wardA }, 400, /chính nó/],
        [wardA, { into: cellBelowA }, 400, /nằm dưới/],
        [wardA, { into: 2_000_000_000 }, 404, /đơn vị đích/],
        [2_000_000_000, { into: wardB }, 404, /Không có đơn vị/],
        [wardA, { into: 'B' }, 400, /đơn vị đích/],
        [wardA, {}, 400, /into/],
      ]
      for (const [id, body, status, message] of refusals) {
        const res = await post(id, body)
        expect(res.status, JSON.stringify(body)).toBe(status)
        expect(res.json.errors[0].message).toMatch(message)
      }
      const units = await byCode()
      expect(units.get(code('MA'))?.id).toBe(wardA)
      expect(units.get(code('MA-C1'))?.parent).toBe(wardA)
    })

    it('should move members, units below and content to the target, keep history, and log it', async () => {
      const res = expectOk(await post(wardA, { into: wardB }))
      expect(res.json).toMatchObject({
        merged: { id: wardA, code: code('MA') },
        into: { id: wardB, code: code('MB') },
        children: 1,
        members: 1,
      })
      expect(res.json.items).toBeGreaterThanOrEqual(2)
      expect(res.json.versions).toBeGreaterThanOrEqual(2)

      const units = await byCode()
      expect(units.has(code('MA'))).toBe(false)
      expect(units.get(code('MA-C1'))?.parent).toBe(wardB)
      const admin = { session: world.sessions.admin }
      const member = expectOk(await api.get(`/api/users/${mergedMember.id}?depth=0`, admin)).json
      expect(member.unit).toBe(wardB)
      for (const item of [onlyA, bothAB]) {
        const doc = expectOk(await api.get(`/api/orientations/${item.id}?depth=0`, admin)).json
        // Addressed to the target once, even where it was addressed to both.
        expect(doc.audienceUnits).toEqual([wardB])
        const versions = expectOk(
          await api.get(
            `/api/orientations/versions?where[parent][equals]=${item.id}&depth=0&limit=50`,
            admin,
          ),
        ).json.docs
        expect(versions.length).toBeGreaterThan(0)
        for (const version of versions)
          expect(version.version.audienceUnits ?? []).not.toContain(wardA)
      }

      // The member (now in ward B) still reads the item; a member of another cell does not.
      expect(
        (await api.get(`/api/orientations/${onlyA.id}`, { session: mergedMember.session })).status,
      ).toBe(200)
      expect(
        (await api.get(`/api/orientations/${onlyA.id}`, { session: world.sessions.outsider }))
          .status,
      ).toBe(404)

      const [entry] = await auditOf('unit_merge')
      expect(entry).toMatchObject({
        itemId: String(wardA),
        toState: String(wardB),
        actor: world.users.admin.id,
        details: { merged: { code: code('MA'), name: 'MA' }, members: 1, children: 1 },
      })
      const [moved] = await auditOf('unit_move')
      expect(moved).toMatchObject({ itemId: String(cellBelowA), toState: String(wardB) })
    })

    it('should index the merged content again so search follows the new unit', async () => {
      const word = encodeURIComponent(onlyA.title)
      let found = false
      for (let i = 0; i < 60 && !found; i++) {
        const res = expectOk(
          await api.get(`/api/search?q=${word}&limit=20`, { session: mergedMember.session }),
        )
        found = res.json.hits.some((hit: { itemId: number }) => hit.itemId === onlyA.id)
        if (!found) await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(found).toBe(true)
      const outsider = expectOk(
        await api.get(`/api/search?q=${word}&limit=20`, { session: world.sessions.outsider }),
      )
      expect(outsider.json.hits.map((hit: { itemId: number }) => hit.itemId)).not.toContain(
        onlyA.id,
      )
    })
  })
})
