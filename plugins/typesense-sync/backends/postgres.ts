import pg from 'pg'

import { exactTokens, foldedTokens } from '../fold'
import { highlight } from '../highlight'
import type { SearchDocument } from '../types'
import type { SearchBackend, SearchHit, SearchQuery, SearchResult, Viewer } from './types'

export const SEARCH_TABLE = 'search_documents'
export const TITLE_TABLE = 'search_titles'
export const TEXT_TABLE = 'search_texts'
export const WORDS_TABLE = 'search_words'

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

/**
 * A `tsquery` of the query's words, all required; each word may have alternatives (typo
 * corrections). The last word as typed is a prefix (search as you type).
 */
export const wordsQuery = (groups: string[][], join = ' & ') =>
  groups
    .map((alternatives, i) => {
      const last = i === groups.length - 1
      const terms = alternatives.map((token, j) => `${lexeme(token)}${last && j === 0 ? ':*' : ''}`)
      return terms.length > 1 ? `(${terms.join(' | ')})` : terms[0]
    })
    .join(join)

/** Words shorter than this are never corrected (as Typesense: no typo below four letters). */
const MIN_TYPO_LENGTH = 4
/** Corrections tried per word. */
const TYPO_CANDIDATES = 3

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
 * The index in tables of the same PostgreSQL database, all written by the sync worker only:
 *
 * - `search_documents`: every folded word of title, summary and body in one `tsv` (GIN) and the
 *   filters. No texts, so the rows stay small and counting the matches of a common word per
 *   section reads little.
 * - `search_titles`: the title's words with positions, folded and as typed, for ranking.
 * - `search_texts`: what a hit shows (title, summary, body, url), read for one page only.
 * - `search_words`: every word seen, for typo correction.
 *
 * A query counts matches per section in the first table while it ranks title matches in the
 * second (two connections, in parallel); title matches come first, best first, then the rest by
 * date. Words are tokenized here, by the same function at index and query time, and passed as
 * `tsvector` and `tsquery` values, so PostgreSQL's parser never splits them differently.
 */
export const postgresBackend = ({
  connectionString = process.env.SEARCH_DATABASE_URL || process.env.DATABASE_URL,
  typoSimilarity = 0.2,
}: { connectionString?: string; typoSimilarity?: number } = {}): SearchBackend => {
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
    // The planner underprices matching a tsvector row by row (and reading out-of-line ones), so for
    // common words it picks a sequential scan that runs several times slower than the GIN index:
    // the search connections always go through the indexes. No parallel workers: a few cores
    // serve many users at once.
    options: [
      `-c pg_trgm.similarity_threshold=${Number(typoSimilarity)}`,
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
      await pool.query(
        `select 1 from ${SEARCH_TABLE}, ${TITLE_TABLE}, ${TEXT_TABLE}, ${WORDS_TABLE} limit 0`,
      )
    },
    upsert: (docs) => write(docs, 0),
    remove: async (ids) => {
      // Their search_titles and search_texts rows go with them (on delete cascade).
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
      // Rows the sync worker wrote meanwhile (generation 0, newer) are not stale: they stay.
      const generation = Date.now()
      const { rows } = await pool.query('select now() as started')
      await fill((docs) => write(docs, generation))
      await pool.query(`delete from ${SEARCH_TABLE} where generation <> $1 and updated_at < $2`, [
        generation,
        rows[0].started,
      ])
      // Every row was rewritten: make the old versions' space reusable and refresh statistics.
      await pool.query(`vacuum analyze ${SEARCH_TABLE}, ${TITLE_TABLE}, ${TEXT_TABLE}`)
    },
    search: async (query) => {
      const tokens = foldedTokens(query.q).filter(usable)
      const exact = exactTokens(query.q.trim()).filter(usable)
      const result = await searchWords(
        query,
        tokens.map((token) => [token]),
        exact,
      )
      if (result.total > 0) return result
      // Nothing has all the words: try each word with its closest known words (typos).
      const corrected = await corrections(tokens)
      if (corrected.every((group) => group.length === 1)) return result
      return searchWords(query, corrected, null)
    },
    close: () => pool.end(),
  }

  async function writeBatch(client: pg.PoolClient, docs: SearchDocument[], generation: number) {
    const column = <T>(pick: (doc: SearchDocument) => T) => docs.map(pick)
    const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString())
    const units = column((doc) => `{${doc.units.join(',')}}`)
    const tokenLists = docs.map((doc) =>
      [...new Set(foldedTokens(`${doc.title}\n${doc.summary}\n${doc.body}`))].filter(usable),
    )
    await client.query(
      `insert into ${SEARCH_TABLE} (id, collection, item_id, kind, units, audience, year, date,
         expires_at, content_hash, tsv, generation)
       select id, collection, item_id, kind, units::int[], audience, year, date, expires_at,
              content_hash, tsv::tsvector, $12
         from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
                     $7::int[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])
           as r(id, collection, item_id, kind, units, audience, year, date, expires_at,
                content_hash, tsv)
       on conflict (id) do update set collection = excluded.collection,
         item_id = excluded.item_id, kind = excluded.kind, units = excluded.units,
         audience = excluded.audience, year = excluded.year, date = excluded.date,
         expires_at = excluded.expires_at, content_hash = excluded.content_hash,
         tsv = excluded.tsv, generation = excluded.generation, updated_at = now()`,
      [
        column((doc) => doc.id),
        column((doc) => doc.collection),
        column((doc) => doc.itemId),
        column((doc) => doc.kind),
        units,
        column((doc) => doc.audience),
        column((doc) => doc.year),
        column((doc) => iso(doc.date)),
        column((doc) => iso(doc.expiresAt)),
        column((doc) => doc.contentHash),
        tokenLists.map(wordsVector),
        generation,
      ],
    )
    await client.query(
      `insert into ${TEXT_TABLE} (id, title, summary, body, url)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       on conflict (id) do update set title = excluded.title, summary = excluded.summary,
         body = excluded.body, url = excluded.url`,
      [
        column((doc) => doc.id),
        column((doc) => doc.title),
        column((doc) => doc.summary),
        column((doc) => doc.body),
        column((doc) => doc.url),
      ],
    )
    await client.query(
      `insert into ${TITLE_TABLE} (id, collection, audience, units, kind, year, date, expires_at,
         title_tsv, exact_tsv)
       select id, collection, audience, units::int[], kind, year, date, expires_at,
              title_tsv::tsvector, exact_tsv::tsvector
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                     $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[])
           as r(id, collection, audience, units, kind, year, date, expires_at, title_tsv, exact_tsv)
       on conflict (id) do update set collection = excluded.collection,
         audience = excluded.audience, units = excluded.units, kind = excluded.kind,
         year = excluded.year, date = excluded.date, expires_at = excluded.expires_at,
         title_tsv = excluded.title_tsv, exact_tsv = excluded.exact_tsv`,
      [
        column((doc) => doc.id),
        column((doc) => doc.collection),
        column((doc) => doc.audience),
        units,
        column((doc) => doc.kind),
        column((doc) => doc.year),
        column((doc) => iso(doc.date)),
        column((doc) => iso(doc.expiresAt)),
        column((doc) => positionalVector(foldedTokens(doc.title))),
        column((doc) => positionalVector(exactTokens(doc.title))),
      ],
    )
    // New words for typo correction, sorted so concurrent writers lock them in the same order.
    const words = [...new Set(tokenLists.flat())].filter((w) => w.length >= MIN_TYPO_LENGTH).sort()
    await client.query(
      `insert into ${WORDS_TABLE} (word) select unnest($1::text[]) on conflict do nothing`,
      [words],
    )
  }

  /**
   * Each word with up to TYPO_CANDIDATES known words within one edit (two from seven letters, as
   * Typesense), nearest first. Candidates come from the trigram index, the distance from
   * `levenshtein`; words under four letters stay as typed.
   */
  async function corrections(tokens: string[]): Promise<string[][]> {
    const { rows } = await pool.query(
      `select t.n::int as n, w.word
         from unnest($1::text[]) with ordinality as t(token, n)
         cross join lateral (
           select word, levenshtein(word, t.token) as distance from ${WORDS_TABLE}
            where length(t.token) >= ${MIN_TYPO_LENGTH} and word % t.token and word <> t.token
              and levenshtein(word, t.token) <= case when length(t.token) >= 7 then 2 else 1 end
            order by distance, similarity(word, t.token) desc, word
            limit ${TYPO_CANDIDATES}) w`,
      [tokens],
    )
    return tokens.map((token, i) => [
      token,
      ...rows.filter((row) => row.n === i + 1).map((row) => row.word as string),
    ])
  }

  /**
   * Facets and total over every match, and one page: title matches by score, then the other
   * matches by date. `exact` (the words as typed) ranks accented title matches higher; null when
   * the words are corrections.
   */
  async function searchWords(
    query: SearchQuery,
    groups: string[][],
    exact: string[] | null,
  ): Promise<SearchResult> {
    const words = wordsQuery(groups)
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

    const rankingTitles = async (): Promise<Ranked[]> => {
      const p = parameters()
      const match = p.add(words)
      const phrase = p.add(wordsQuery(groups, ' <-> '))
      const exactPhrase = exact?.length
        ? `t.exact_tsv @@ ${p.add(
            wordsQuery(
              exact.map((token) => [token]),
              ' <-> ',
            ),
          )}::tsquery`
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
    }

    // The page does not wait for the count: it runs beside it on another connection.
    const paging = (async () => {
      const titled = await rankingTitles()
      const ranked = titled.slice(start, end)
      if (titled.length === end) return ranked
      // The title matches ran out before this page did, so `titled` holds all of them: the rest
      // are the other matches, newest first.
      const p = parameters()
      const { rows } = await pool.query(
        `select d.id from ${SEARCH_TABLE} d
          where d.tsv @@ ${p.add(words)}::tsquery
            and ${[...filters(query, p.add, 'd'), ...sectionFilter(query, p.add, 'd')].join(' and ')}
            and not (d.id = any(${p.add(titled.map((hit) => hit.id))}::text[]))
          order by d.date desc nulls last, d.id
          limit ${p.add(end - Math.max(start, titled.length))}
          offset ${p.add(Math.max(0, start - titled.length))}`,
        p.values,
      )
      return [...ranked, ...rows.map((row) => ({ id: row.id as string, score: 0 }))]
    })().then((ranked) => hitsOf(ranked, groups.flat().join(' ')))

    const [facets, hits] = await Promise.all([counting, paging])
    const total = query.section
      ? (facets[query.section] ?? 0)
      : Object.values(facets).reduce((sum, n) => sum + n, 0)
    return { total, facets: { section: facets }, hits }
  }

  /** The page's rows with their texts, in rank order, with highlighted snippets. */
  async function hitsOf(ranked: Ranked[], q: string): Promise<SearchHit[]> {
    if (ranked.length === 0) return []
    const { rows } = await pool.query(
      `select d.id, d.collection, d.item_id, d.kind, d.audience, d.year,
              x.title, x.summary, x.body, x.url
         from ${SEARCH_TABLE} d join ${TEXT_TABLE} x using (id)
        where d.id = any($1::text[])`,
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
