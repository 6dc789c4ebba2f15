import pg from 'pg'

import { exactTokens, fold, foldedTokens } from '../fold'
import { highlight } from '../highlight'
import type { SearchDocument } from '../types'
import type { SearchBackend, SearchHit, SearchQuery, SearchResult, Viewer } from './types'

export const SEARCH_TABLE = 'search_documents'
export const TITLE_TABLE = 'search_titles'

/** Longest word kept in the index (PostgreSQL refuses lexemes over 2 KB; nobody types these). */
const MAX_TOKEN = 100
/** Rows per write statement. */
const WRITE_BATCH = 500

const lexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
const usable = (token: string) => token.length <= MAX_TOKEN

/** `tsvector` input of the distinct words, without positions: what the match index needs. */
export const wordsVector = (tokens: string[]) =>
  [...new Set(tokens.filter(usable))].map(lexeme).join(' ')

/** `tsvector` input with positions, for phrase matches in titles. */
export const positionalVector = (tokens: string[]) =>
  tokens
    .filter(usable)
    .map((token, i) => `${lexeme(token)}:${Math.min(i + 1, 16383)}`)
    .join(' ')

/** The query's words, all required, the last one as a prefix (search as you type). */
export const wordsQuery = (tokens: string[], join = ' & ') =>
  tokens
    .filter(usable)
    .map((token, i, all) => (i === all.length - 1 ? `${lexeme(token)}:*` : lexeme(token)))
    .join(join)

/** Collects query parameters and returns their `$n` placeholders. */
const parameters = () => {
  const values: unknown[] = []
  return { values, add: (value: unknown) => `$${values.push(value)}` }
}

/** The viewer's audience, expiry and the optional filters, on columns both tables have. */
const filters = (query: SearchQuery, add: (value: unknown) => string, alias: string) => {
  const c = (column: string) => `${alias}.${column}`
  const where = [`(${c('expires_at')} is null or ${c('expires_at')} > ${add(new Date(query.now))})`]
  const viewer: Viewer = query.viewer
  if (viewer.kind === 'anonymous') where.push(`${c('audience')} = 'public'`)
  if (viewer.kind === 'member') {
    where.push(
      `(${c('audience')} in ('public', 'members') or (${c('audience')} = 'units' and ${c('units')} && ${add(viewer.unitPath)}::int[]))`,
    )
  }
  if (query.kind) where.push(`${c('kind')} = ${add(query.kind)}`)
  if (query.unit) where.push(`${add(query.unit)}::int = any(${c('units')})`)
  if (query.year) where.push(`${c('year')} = ${add(query.year)}::int`)
  return where
}
const sectionFilter = (query: SearchQuery, add: (value: unknown) => string, alias: string) =>
  query.section ? [`${alias}.collection = ${add(query.section)}`] : []

type Ranked = { id: string; score: number }

/**
 * The index in two tables of the same PostgreSQL database, both written by the sync worker only:
 *
 * - `search_documents`: every folded word of title, summary and body in one `tsv` (GIN), the
 *   filters, and the texts shown in results. Rows are narrow (texts and `tsv` out of line), so
 *   counting the matches of a common word per section reads little.
 * - `search_titles`: the title's words with positions, folded and as typed, for ranking, and the
 *   folded title with trigrams for typos.
 *
 * A query counts matches per section in one table while it ranks title matches in the other (two
 * connections, in parallel); title matches come first, best first, then the rest by date. Words
 * are tokenized here, by the same function at index and query time, and passed as `tsvector` and
 * `tsquery` values, so PostgreSQL's parser never splits them differently.
 */
export const postgresBackend = ({
  connectionString = process.env.SEARCH_DATABASE_URL || process.env.DATABASE_URL,
  wordSimilarity = 0.45,
}: { connectionString?: string; wordSimilarity?: number } = {}): SearchBackend => {
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
    // The planner prices a sequential scan of these tables without the out-of-line tsvectors it
    // would have to read, so it picks one for common words and runs ten times slower: the search
    // connections always go through the indexes. No parallel workers: two cores serve many users.
    options: [
      `-c pg_trgm.word_similarity_threshold=${Number(wordSimilarity)}`,
      '-c enable_seqscan=off',
      '-c max_parallel_workers_per_gather=0',
      '-c jit=off',
    ].join(' '),
  })
  pool.on('error', () => {
    // An idle client lost its connection; the next query opens a new one.
  })
  const write = async (docs: SearchDocument[], generation: number) => {
    if (docs.length === 0) return
    const client = await pool.connect()
    try {
      await client.query('begin')
      for (let i = 0; i < docs.length; i += WRITE_BATCH) {
        await writeBatch(client, docs.slice(i, i + WRITE_BATCH), generation)
      }
      await client.query('commit')
    } catch (err) {
      await client.query('rollback').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  return {
    name: 'postgres',
    init: async () => {
      await pool.query(`select 1 from ${SEARCH_TABLE}, ${TITLE_TABLE} limit 0`)
    },
    upsert: (docs) => write(docs, 0),
    remove: async (ids) => {
      // search_titles rows go with them (on delete cascade).
      if (ids.length)
        await pool.query(`delete from ${SEARCH_TABLE} where id = any($1::text[])`, [ids])
    },
    removeExpired: async (now) => {
      const res = await pool.query(`delete from ${SEARCH_TABLE} where expires_at <= $1`, [
        new Date(now),
      ])
      return res.rowCount ?? 0
    },
    listHashes: async () => {
      const { rows } = await pool.query(`select id, content_hash from ${SEARCH_TABLE}`)
      return new Map(rows.map((row) => [row.id as string, row.content_hash as string]))
    },
    rebuild: async (fill) => {
      // Rows are replaced in place and stale ones dropped at the end: search keeps answering.
      const generation = Date.now()
      await fill((docs) => write(docs, generation))
      await pool.query(`delete from ${SEARCH_TABLE} where generation <> $1`, [generation])
      await pool.query(`analyze ${SEARCH_TABLE}, ${TITLE_TABLE}`)
    },
    search: async (query) => {
      const result = await searchWords(query)
      // Only when no item has the words does the typo-tolerant trigram match on titles run.
      if (result.total > 0 || query.page > 1) return result
      return searchTypos(query)
    },
    close: () => pool.end(),
  }

  async function writeBatch(client: pg.PoolClient, docs: SearchDocument[], generation: number) {
    const column = <T>(pick: (doc: SearchDocument) => T) => docs.map(pick)
    const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString())
    const units = column((doc) => `{${doc.units.join(',')}}`)
    await client.query(
      `insert into ${SEARCH_TABLE} (id, collection, item_id, title, summary, body, kind, units,
         audience, year, date, expires_at, url, content_hash, tsv, generation)
       select id, collection, item_id, title, summary, body, kind, units::int[], audience, year,
              date, expires_at, url, content_hash, tsv::tsvector, $16
         from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::int[], $11::timestamptz[],
                     $12::timestamptz[], $13::text[], $14::text[], $15::text[])
           as r(id, collection, item_id, title, summary, body, kind, units, audience, year, date,
                expires_at, url, content_hash, tsv)
       on conflict (id) do update set collection = excluded.collection,
         item_id = excluded.item_id, title = excluded.title, summary = excluded.summary,
         body = excluded.body, kind = excluded.kind, units = excluded.units,
         audience = excluded.audience, year = excluded.year, date = excluded.date,
         expires_at = excluded.expires_at, url = excluded.url,
         content_hash = excluded.content_hash, tsv = excluded.tsv,
         generation = excluded.generation, updated_at = now()`,
      [
        column((doc) => doc.id),
        column((doc) => doc.collection),
        column((doc) => doc.itemId),
        column((doc) => doc.title),
        column((doc) => doc.summary),
        column((doc) => doc.body),
        column((doc) => doc.kind),
        units,
        column((doc) => doc.audience),
        column((doc) => doc.year),
        column((doc) => iso(doc.date)),
        column((doc) => iso(doc.expiresAt)),
        column((doc) => doc.url),
        column((doc) => doc.contentHash),
        column((doc) => wordsVector(foldedTokens(`${doc.title}\n${doc.summary}\n${doc.body}`))),
        generation,
      ],
    )
    await client.query(
      `insert into ${TITLE_TABLE} (id, collection, audience, units, kind, year, date, expires_at,
         title_folded, title_tsv, exact_tsv)
       select id, collection, audience, units::int[], kind, year, date, expires_at, title_folded,
              title_tsv::tsvector, exact_tsv::tsvector
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                     $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])
           as r(id, collection, audience, units, kind, year, date, expires_at, title_folded,
                title_tsv, exact_tsv)
       on conflict (id) do update set collection = excluded.collection,
         audience = excluded.audience, units = excluded.units, kind = excluded.kind,
         year = excluded.year, date = excluded.date, expires_at = excluded.expires_at,
         title_folded = excluded.title_folded, title_tsv = excluded.title_tsv,
         exact_tsv = excluded.exact_tsv`,
      [
        column((doc) => doc.id),
        column((doc) => doc.collection),
        column((doc) => doc.audience),
        units,
        column((doc) => doc.kind),
        column((doc) => doc.year),
        column((doc) => iso(doc.date)),
        column((doc) => iso(doc.expiresAt)),
        column((doc) => fold(doc.title)),
        column((doc) => positionalVector(foldedTokens(doc.title))),
        column((doc) => positionalVector(exactTokens(doc.title))),
      ],
    )
  }

  /** Facets and total over every match, and one page: title matches by score, then the rest by date. */
  async function searchWords(query: SearchQuery): Promise<SearchResult> {
    const tokens = foldedTokens(query.q).filter(usable)
    const exact = exactTokens(query.q.trim()).filter(usable)
    const words = wordsQuery(tokens)
    const end = query.page * query.limit
    const start = end - query.limit

    const counting = (async () => {
      const p = parameters()
      const match = p.add(words)
      const { rows } = await pool.query(
        `select collection, count(*)::int as n from ${SEARCH_TABLE} d
          where d.tsv @@ ${match}::tsquery and ${filters(query, p.add, 'd').join(' and ')}
          group by collection`,
        p.values,
      )
      return Object.fromEntries(rows.map((row) => [row.collection as string, row.n as number]))
    })()

    const rankingTitles = (async () => {
      const p = parameters()
      const match = p.add(words)
      const phrase = p.add(wordsQuery(tokens, ' <-> '))
      const exactPhrase = exact.length
        ? `t.exact_tsv @@ ${p.add(wordsQuery(exact, ' <-> '))}::tsquery`
        : 'false'
      const { rows } = await pool.query(
        `select t.id, 1 + ts_rank(t.title_tsv, ${match}::tsquery)
                  + case when t.title_tsv @@ ${phrase}::tsquery then 3 else 0 end
                  + case when ${exactPhrase} then 2 else 0 end as score
           from ${TITLE_TABLE} t
          where t.title_tsv @@ ${match}::tsquery
            and ${[...filters(query, p.add, 't'), ...sectionFilter(query, p.add, 't')].join(' and ')}
          order by score desc, t.date desc nulls last, t.id
          limit ${p.add(end)}`,
        p.values,
      )
      return rows.map((row) => ({ id: row.id as string, score: Number(row.score) }))
    })()

    const [facets, titled] = await Promise.all([counting, rankingTitles])
    const total = query.section
      ? (facets[query.section] ?? 0)
      : Object.values(facets).reduce((sum, n) => sum + n, 0)
    let ranked: Ranked[] = titled.slice(start, end)
    if (titled.length < end && total > titled.length) {
      // The title matches ran out before this page did: the rest are the body matches, newest first.
      const p = parameters()
      const match = p.add(words)
      const { rows } = await pool.query(
        `select d.id from ${SEARCH_TABLE} d
          where d.tsv @@ ${match}::tsquery
            and ${[...filters(query, p.add, 'd'), ...sectionFilter(query, p.add, 'd')].join(' and ')}
            and not exists (select 1 from ${TITLE_TABLE} t
                             where t.id = d.id and t.title_tsv @@ ${match}::tsquery)
          order by d.date desc nulls last, d.id
          limit ${p.add(end - Math.max(start, titled.length))}
          offset ${p.add(Math.max(0, start - titled.length))}`,
        p.values,
      )
      ranked = [...ranked, ...rows.map((row) => ({ id: row.id as string, score: 0 }))]
    }
    return { total, facets: { section: facets }, hits: await hitsOf(ranked, query.q) }
  }

  /** Titles within a typo or two of the words (trigram word similarity), when nothing matched. */
  async function searchTypos(query: SearchQuery): Promise<SearchResult> {
    const p = parameters()
    const q = p.add(foldedTokens(query.q).join(' '))
    const { rows } = await pool.query(
      `with matched as materialized (
         select t.id, t.collection, t.date, word_similarity(${q}, t.title_folded) as score
           from ${TITLE_TABLE} t
          where ${q} <% t.title_folded and ${filters(query, p.add, 't').join(' and ')}
       )
       select
         (select coalesce(json_object_agg(collection, n), '{}') from
            (select collection, count(*)::int as n from matched group by collection) f) as facets,
         (select coalesce(json_agg(json_build_object('id', id, 'score', score)
                   order by score desc, date desc nulls last, id), '[]') from
            (select id, score, date from matched where ${query.section ? `collection = ${p.add(query.section)}` : 'true'}
              order by score desc, date desc nulls last, id limit ${p.add(query.limit)}) page) as hits`,
      p.values,
    )
    const facets = rows[0].facets as Record<string, number>
    const total = query.section
      ? (facets[query.section] ?? 0)
      : Object.values(facets).reduce((sum, n) => sum + n, 0)
    return {
      total,
      facets: { section: facets },
      hits: await hitsOf(rows[0].hits as Ranked[], query.q),
    }
  }

  /** The page's rows with their texts, in rank order, with highlighted snippets. */
  async function hitsOf(ranked: Ranked[], q: string): Promise<SearchHit[]> {
    if (ranked.length === 0) return []
    const { rows } = await pool.query(
      `select id, collection, item_id, title, summary, body, kind, audience, year, url
         from ${SEARCH_TABLE} where id = any($1::text[])`,
      [ranked.map((hit) => hit.id)],
    )
    const byId = new Map(rows.map((row) => [row.id as string, row]))
    return ranked.flatMap(({ id, score }) => {
      const hit = byId.get(id)
      if (!hit) return [] // removed between the two reads
      return [
        {
          id,
          collection: String(hit.collection),
          itemId: Number(hit.item_id),
          title: String(hit.title),
          snippet: highlight(
            `${hit.summary ?? ''}\n${hit.body ?? ''}`.trim() || String(hit.title),
            q,
          ),
          kind: (hit.kind as string | null) ?? null,
          audience: String(hit.audience),
          year: (hit.year as number | null) ?? null,
          url: String(hit.url),
          score,
        },
      ]
    })
  }
}
