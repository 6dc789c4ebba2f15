import { createHash } from 'node:crypto'
import { Transform, type Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'

import type { SequenceValue } from './format'

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Session settings that make COPY's text the same whoever reads it: dumping, loading and checking
 * a table again must not depend on the server's or the client's defaults (time zone, date style).
 */
export const prepareSession = async (client: pg.Client) => {
  await client.query(`
    set timezone = 'UTC';
    set datestyle = 'ISO, YMD';
    set intervalstyle = 'postgres';
    set extra_float_digits = 3;
    set bytea_output = 'hex';
    set client_encoding = 'UTF8';
    set synchronize_seqscans = off;
  `)
}

export type TableShape = { name: string; columns: string[] }

/** The ordinary tables of the `public` schema with their stored columns (not generated ones). */
export const listTables = async (client: pg.Client): Promise<TableShape[]> => {
  const { rows } = await client.query(`
    select c.relname::text as name,
           array_agg(a.attname::text order by a.attnum) as columns
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                          and a.attgenerated = ''
     where n.nspname = 'public' and c.relkind = 'r'
     group by c.relname
     order by c.relname`)
  return rows as TableShape[]
}

export const listSequenceNames = async (client: pg.Client): Promise<string[]> => {
  const { rows } = await client.query(`
    select c.relname::text as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'S'
     order by c.relname`)
  return rows.map((row) => row.name as string)
}

export const readSequences = async (client: pg.Client): Promise<SequenceValue[]> => {
  const values: SequenceValue[] = []
  for (const name of await listSequenceNames(client)) {
    const { rows } = await client.query(
      `select last_value::text as value, is_called from ${quoteIdent(name)}`,
    )
    values.push({ name, lastValue: rows[0].value, isCalled: rows[0].is_called })
  }
  return values
}

export type CopyResult = { rows: number; bytes: number; sha256: string }

const columnList = (columns: string[]) => columns.map(quoteIdent).join(', ')

/** Counts and hashes what passes through. */
export const measuring = (onBytes?: (bytes: number) => void) => {
  const hash = createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      bytes += chunk.length
      onBytes?.(chunk.length)
      callback(null, chunk)
    },
  })
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) }
}

/** `COPY table (columns) TO STDOUT` into `sink`, streamed; returns rows, bytes and SHA-256. */
export const copyOut = async (
  client: pg.Client,
  table: TableShape,
  sink: Writable,
  onBytes?: (bytes: number) => void,
): Promise<CopyResult> => {
  const source = client.query(
    copyTo(`copy ${quoteIdent(table.name)} (${columnList(table.columns)}) to stdout`),
  )
  const meter = measuring(onBytes)
  await pipeline(source, meter.stream, sink)
  return { rows: source.rowCount, ...meter.result() }
}

/** `COPY table (columns) FROM STDIN` from `source`, streamed; returns the rows loaded. */
export const copyIn = async (client: pg.Client, table: TableShape, source: Readable) => {
  const sink = client.query(
    copyFrom(`copy ${quoteIdent(table.name)} (${columnList(table.columns)}) from stdin`),
  )
  await pipeline(source, sink)
  return sink.rowCount
}
