/**
 * Reads an uploaded table (CSV or XLSX) into rows of named text cells, for the imports of units
 * and accounts. Parsing is left to maintained libraries (csv-parse, read-excel-file); this module
 * only finds the columns by their header, in Vietnamese or English, with or without diacritics.
 *
 * Every problem with the file as a whole (not a table, an unknown format, a missing column, too
 * many rows) is a {@link TableError}: the caller answers it with a 400 that names it.
 */
import { parse } from 'csv-parse/sync'
import { readSheet } from 'read-excel-file/node'

import { fold } from '../../plugins/typesense-sync/fold'

export class TableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TableError'
  }
}

/** The rows of a table, and which of the columns asked for its header has. */
export type Table<K extends string> = { rows: TableRow<K>[]; present: Set<K> }

/** One data row: its line in the file as a person sees it (the header is line 1). */
export type TableRow<K extends string> = { line: number; cells: Record<K, string> }

/** The columns an import reads: each with the header spellings it accepts, and whether needed. */
export type ColumnSpec<K extends string> = Record<K, { headers: string[]; required?: boolean }>

/** What every import answers: the counts, and each row's problem (nothing written if any). */
export type ImportReport<P> = {
  dryRun: boolean
  applied: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
  problems: P[]
}

/** Limits: enough for a province's tree and a district's members per file. */
export const MAX_TABLE_ROWS = 100_000
const MAX_CELL_CHARS = 1000

const isZip = (data: Buffer) =>
  data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04

/** A header as compared: folded (no diacritics, lower case), only letters and digits. */
const headerKey = (value: string) => fold(value).replace(/[^a-z0-9]/g, '')

const cellText = (value: unknown): string => {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).normalize('NFC').trim()
}

const readGrid = async (data: Buffer): Promise<unknown[][]> => {
  if (isZip(data)) {
    try {
      return (await readSheet(data)) as unknown[][]
    } catch (err) {
      throw new TableError(
        `Không đọc được tệp Excel (.xlsx): ${(err as Error).message?.slice(0, 200) || 'tệp hỏng'}.`,
      )
    }
  }
  if (data.includes(0)) {
    throw new TableError('Tệp không phải bảng CSV hay Excel (.xlsx): có ký tự NUL.')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    throw new TableError('Tệp CSV phải mã hoá UTF-8 (khi lưu từ Excel, chọn "CSV UTF-8").')
  }
  try {
    return parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 64 * 1024,
    }) as unknown[][]
  } catch (err) {
    throw new TableError(`Tệp CSV sai định dạng: ${(err as Error).message.slice(0, 200)}.`)
  }
}

/**
 * Reads `data` (CSV in UTF-8, with `,`, `;` or tab between cells, or an XLSX workbook's first
 * sheet) and returns its rows by column name. Rows with every cell empty are skipped.
 */
export const readTable = async <K extends string>(
  data: Buffer,
  columns: ColumnSpec<K>,
): Promise<Table<K>> => {
  if (data.length === 0) throw new TableError('Tệp rỗng.')
  const grid = await readGrid(data)
  const headerIndex = grid.findIndex((row) => row.some((cell) => cellText(cell) !== ''))
  if (headerIndex < 0) throw new TableError('Tệp không có dòng nào.')
  const header = grid[headerIndex].map((cell) => headerKey(cellText(cell)))
  const positions = {} as Record<K, number>
  const missing: string[] = []
  for (const [name, spec] of Object.entries(columns) as [K, ColumnSpec<K>[K]][]) {
    const accepted = new Set(spec.headers.map(headerKey))
    const at = header.findIndex((key) => accepted.has(key))
    positions[name] = at
    if (at < 0 && spec.required) missing.push(`"${spec.headers[0]}"`)
  }
  if (missing.length) {
    throw new TableError(
      `Thiếu cột ${missing.join(', ')} ở dòng tiêu đề (dòng ${headerIndex + 1}).`,
    )
  }
  const rows: TableRow<K>[] = []
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const raw = grid[i]
    if (!raw.some((cell) => cellText(cell) !== '')) continue
    if (rows.length >= MAX_TABLE_ROWS) {
      throw new TableError(
        `Tệp có quá ${MAX_TABLE_ROWS.toLocaleString('vi-VN')} dòng: hãy chia nhỏ.`,
      )
    }
    const cells = {} as Record<K, string>
    for (const name of Object.keys(columns) as K[]) {
      const at = positions[name]
      const text = at < 0 ? '' : cellText(raw[at])
      if (text.length > MAX_CELL_CHARS || text.includes('\0')) {
        throw new TableError(
          `Dòng ${i + 1}: ô "${columns[name].headers[0]}" quá dài hoặc có ký tự NUL.`,
        )
      }
      cells[name] = text
    }
    rows.push({ line: i + 1, cells })
  }
  const present = new Set((Object.keys(columns) as K[]).filter((name) => positions[name] >= 0))
  return { rows, present }
}
