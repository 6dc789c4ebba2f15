/**
 * Importing the unit tree from a table (CSV or XLSX): code, name, kind, parent code.
 *
 * - Every row is checked before anything is written, and every row's problem is reported with its
 *   line (missing or malformed code, duplicate code, unknown kind, unknown parent, a parent chain
 *   that loops). A file with any problem changes nothing.
 * - A dry run reports what would happen (created, renamed, moved, unchanged) and writes nothing.
 * - Units are matched by code, so importing the same file again changes nothing; a changed row
 *   updates its unit (a new parent moves it, with its members and content, which refer to the
 *   unit and not to its place in the tree).
 * - The writes run in one transaction through Payload (its hooks and the audit log see each unit
 *   created, changed or moved) and parents are written before their children.
 */
import type { PayloadRequest } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { fold } from '../../plugins/typesense-sync/fold'
import { recordAudit } from '../audit/recordAudit'
import { MAX_UNIT_DEPTH } from '../access/unitAncestry'
import { idOf } from '../lib/ids'
import { slugs } from '../../collections/slugs'
import { type ColumnSpec, type ImportReport, readTable } from './table'

export const unitColumns = {
  code: { headers: ['Mã đơn vị', 'Mã', 'code', 'unit code'], required: true },
  name: { headers: ['Tên đơn vị', 'Tên', 'name', 'unit name'], required: true },
  kind: { headers: ['Loại', 'Loại đơn vị', 'kind', 'type'] },
  parent: {
    headers: ['Mã đơn vị cấp trên', 'Mã cấp trên', 'Trực thuộc', 'parent code', 'parent'],
  },
} satisfies ColumnSpec<string>

type UnitKind = 'dang-bo' | 'chi-bo'

/** Kinds as people write them: the codes, or the Vietnamese names with or without diacritics. */
const KINDS: Record<string, UnitKind> = {
  'dang-bo': 'dang-bo',
  'dang bo': 'dang-bo',
  'dang bo co so': 'dang-bo',
  'dang bo cap tren co so': 'dang-bo',
  'party committee': 'dang-bo',
  'chi-bo': 'chi-bo',
  'chi bo': 'chi-bo',
  'chi bo co so': 'chi-bo',
  'party cell': 'chi-bo',
  cell: 'chi-bo',
}

/** Unit codes: letters, digits and . _ - /, as committees number their organisations. */
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,63}$/u
const MAX_NAME = 200

export type RowProblem = { line: number; code?: string; column?: string; message: string }

export type UnitImportReport = ImportReport<RowProblem> & {
  /** Units put under another parent (with their members and content). */
  moved: number
}

type Planned = {
  line: number
  code: string
  name: string
  kind: UnitKind | null
  parentCode: string
}

type Existing = { id: number; code: string; name: string; kind: string; parent: number | null }

/** Every unit, read as the request's user. */
const loadUnits = async (req: PayloadRequest): Promise<Existing[]> => {
  const { docs } = await req.payload.find({
    collection: slugs.units,
    limit: 0,
    pagination: false,
    depth: 0,
    req,
    user: req.user,
    overrideAccess: false,
    select: { code: true, name: true, kind: true, parent: true },
  })
  return docs.map((doc) => ({
    id: Number(doc.id),
    code: String(doc.code ?? ''),
    name: String(doc.name ?? ''),
    kind: String(doc.kind ?? ''),
    parent: idOf(doc.parent),
  }))
}

/** No level: the unit is on a loop of parents, or below one. */
const LOOP = -1

/**
 * Checks every row; returns the rows to write, parents before their children, and the problems
 * found (line order).
 */
const checkRows = (
  rows: { line: number; cells: Record<keyof typeof unitColumns, string> }[],
  existing: Existing[],
) => {
  const problems: RowProblem[] = []
  /** The first line of each code in the file, whether or not its row has a problem. */
  const lineOf = new Map<string, number>()
  const planned: Planned[] = []
  /** Rows with a usable code (possibly other problems): their parent is checked too. */
  const candidates: { line: number; code: string; parentCode: string }[] = []
  const existingByCode = new Map(existing.map((unit) => [unit.code, unit]))
  for (const { line, cells } of rows) {
    const code = cells.code
    const problem = (message: string, column: string) =>
      problems.push({ line, code: code || undefined, column, message })
    if (!code) {
      problem('Thiếu mã đơn vị.', 'code')
      continue
    }
    if (!CODE.test(code)) {
      problem(
        'Mã đơn vị chỉ gồm chữ, số và . _ - / (tối đa 64 ký tự), bắt đầu bằng chữ hoặc số.',
        'code',
      )
      continue
    }
    const earlier = lineOf.get(code)
    if (earlier !== undefined) {
      problem(`Mã đơn vị "${code}" trùng với dòng ${earlier}.`, 'code')
      continue
    }
    lineOf.set(code, line)
    const before = problems.length
    if (!cells.name) problem('Thiếu tên đơn vị.', 'name')
    else if (cells.name.length > MAX_NAME) problem(`Tên đơn vị dài quá ${MAX_NAME} ký tự.`, 'name')
    const kind = cells.kind ? (KINDS[fold(cells.kind).replace(/\s+/g, ' ').trim()] ?? null) : null
    if (cells.kind && !kind) {
      problem(`Loại đơn vị "${cells.kind}" không rõ: ghi "Đảng bộ" hoặc "Chi bộ".`, 'kind')
    }
    if (cells.parent === code) problem('Đơn vị không thể trực thuộc chính nó.', 'parent')
    candidates.push({ line, code, parentCode: cells.parent })
    if (problems.length === before) {
      planned.push({ line, code, name: cells.name, kind, parentCode: cells.parent })
    }
  }
  const plannedByCode = new Map(planned.map((row) => [row.code, row]))

  // Parents: in the file (a row with its own problem is reported there), or in the handbook.
  for (const row of candidates) {
    if (
      row.parentCode &&
      row.parentCode !== row.code &&
      !lineOf.has(row.parentCode) &&
      !existingByCode.has(row.parentCode)
    ) {
      problems.push({
        line: row.line,
        code: row.code,
        column: 'parent',
        message: `Không có đơn vị cấp trên mã "${row.parentCode}" (trong tệp hay trong sổ tay).`,
      })
    }
  }

  // Loops and depth: the tree after the import (the file's parents over the handbook's). Each
  // unit's level (the number of units above it) is found once, so a file of any shape costs one
  // walk per unit; a unit on a loop, or below one, has no level.
  const idToCode = new Map(existing.map((unit) => [unit.id, unit.code]))
  const parentAfter = (code: string): string | null => {
    const row = plannedByCode.get(code)
    if (row) return row.parentCode || null
    const unit = existingByCode.get(code)
    return unit?.parent != null ? (idToCode.get(unit.parent) ?? null) : null
  }
  const levels = new Map<string, number>()
  const levelOf = (start: string) => {
    const path: string[] = []
    const onPath = new Set<string>()
    let above = 0
    for (let at: string | null = start; at !== null; at = parentAfter(at)) {
      const known = levels.get(at)
      if (known !== undefined) {
        above = known === LOOP ? LOOP : known + 1
        break
      }
      if (onPath.has(at)) {
        above = LOOP
        break
      }
      onPath.add(at)
      path.push(at)
    }
    for (const code of path.reverse()) {
      levels.set(code, above)
      if (above !== LOOP) above++
    }
    return levels.get(start)!
  }
  for (const row of planned) {
    const level = levelOf(row.code)
    const problem = (message: string) =>
      problems.push({ line: row.line, code: row.code, column: 'parent', message })
    if (level === LOOP)
      problem('Cây đơn vị thành vòng lặp: một đơn vị không thể nằm dưới chính nó.')
    else if (level >= MAX_UNIT_DEPTH)
      problem(`Đơn vị nằm sâu quá ${MAX_UNIT_DEPTH} cấp: hãy xếp lại cây đơn vị.`)
  }
  problems.sort((a, b) => a.line - b.line)
  // Parents before their children: by level in the tree after the import.
  const parentsFirst = [...planned].sort(
    (a, b) => levels.get(a.code)! - levels.get(b.code)! || a.line - b.line,
  )
  return { planned: parentsFirst, problems }
}

/**
 * Reads `data` (CSV or XLSX), checks it against the handbook and, unless `dryRun` or a problem was
 * found, writes it in one transaction as `req`'s user. Throws TableError for a file that is not a
 * table of units at all.
 */
export const importUnits = async (
  req: PayloadRequest,
  data: Buffer,
  { dryRun, fileName }: { dryRun: boolean; fileName?: string },
): Promise<UnitImportReport> => {
  const { payload } = req
  const { rows } = await readTable(data, unitColumns)
  const existing = await loadUnits(req)
  const { planned, problems } = checkRows(rows, existing)
  const existingByCode = new Map(existing.map((unit) => [unit.code, unit]))
  const report: UnitImportReport = {
    dryRun,
    applied: false,
    rows: rows.length,
    created: 0,
    updated: 0,
    moved: 0,
    unchanged: 0,
    problems,
  }
  const ids = new Map(existing.map((unit) => [unit.code, unit.id]))
  const changes: { row: Planned; unit?: Existing }[] = []
  for (const row of planned) {
    const unit = existingByCode.get(row.code)
    if (!unit) {
      report.created++
      changes.push({ row })
      continue
    }
    const parentId = row.parentCode ? (ids.get(row.parentCode) ?? -1) : null
    const move = parentId !== unit.parent
    const edit = row.name !== unit.name || (row.kind !== null && row.kind !== unit.kind)
    if (move) report.moved++
    else if (edit) report.updated++
    else report.unchanged++
    if (move || edit) changes.push({ row, unit })
  }
  if (dryRun || problems.length > 0 || changes.length === 0) return report

  const hasChildren = new Set(planned.map((row) => row.parentCode).filter(Boolean))
  // Written as the request's user: the collection's own access rules apply too.
  const asCaller = { req, user: req.user, overrideAccess: false, depth: 0 } as const
  const isOwnTransaction = await initTransaction(req)
  try {
    for (const { row, unit } of changes) {
      const parent = row.parentCode ? ids.get(row.parentCode) : null
      if (parent === undefined) throw new Error(`parent ${row.parentCode} was not written first`)
      const base = { code: row.code, name: row.name, parent }
      if (unit) {
        const data = row.kind ? { ...base, kind: row.kind } : base
        await payload.update({ collection: slugs.units, id: unit.id, data, ...asCaller })
      } else {
        // No kind given: a unit with units below it in the file is a Đảng bộ.
        const kind = row.kind ?? (hasChildren.has(row.code) ? 'dang-bo' : 'chi-bo')
        const data = { ...base, kind }
        const created = await payload.create({ collection: slugs.units, data, ...asCaller })
        ids.set(row.code, Number(created.id))
      }
    }
    await recordAudit({
      req,
      action: 'import',
      collection: slugs.units,
      details: {
        file: fileName ?? null,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        moved: report.moved,
        unchanged: report.unchanged,
      },
    })
    if (isOwnTransaction) await commitTransaction(req)
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
  report.applied = true
  return report
}
