import pg from 'pg'

import { exactForm, fold, foldedTokens } from '../fold'
import { highlight } from '../highlight'
import type { SearchDocument } from '../types'
import type { SearchBackend, SearchQuery, Viewer } from './types'

export const SEARCH_TABLE = 'search_documents'

/** Columns written for each document, in order. */
const COLUMNS = [
  'id',
  'collection',
  'item_id',
  'title',
  'title_exact',
  'title_folded',
  'summary',
  'body',
  'folded',
  'kind',
  'units',
  'audience',
  'year',
  'date',
  'expires_at',
  'url',
  'content_hash',
  'generation',
] as const

const rowOf = (doc: SearchDocument, generation: number) => [
  doc.id,
  doc.collection,
  doc.itemId,
  doc.title,
  exactForm(`${doc.title}\n${doc.summary}`),
  fold(doc.title),
  doc.summary,
  doc.body,
  fold(`${doc.summary}\n${doc.body}`),
  doc.kind,
  doc.units,
  doc.audience,
  doc.year,
  doc.date == null ? null : new Date(doc.date),
  doc.expiresAt == null ? null : new Date(doc.expiresAt),
  doc.url,
  doc.contentHash,
  generation,
]

/** Adds the viewer's audience filter to `where`, returning the next parameter index. */
const audienceFilter = (viewer: Viewer, where: string[], params: unknown[]) => {
  if (viewer.kind === 'staff') return
  if (viewer.kind === 'anonymous') {
    where.push(`audience = 'public'`)
    return
  }
  params.push(viewer.unitPath)
  where.push(
    `(audience in ('public', 'members') or (audience = 'units' and units && $${params.length}::int[]))`,
  )
}

/**
 * The index in a table of the same PostgreSQL database: folded text, a `tsvector` over it for
 * word-prefix search, and trigrams (pg_trgm) on titles for typos.
 */
export const postgresBackend = ({
  connectionString = process.env.SEARCH_DATABASE_URL || process.env.DATABASE_URL,
  wordSimilarity = 0.45,
}: { connectionString?: string; wordSimilarity?: number } = {}): SearchBackend => {
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
  })
  pool.on('error', () => {
    // An idle client lost its connection; the next query opens a new one.
  })
  pool.on('connect', (client) => {
    void client
      .query(`set pg_trgm.word_similarity_threshold = ${Number(wordSimilarity)}`)
      .catch(() => {})
  })

  const write = async (docs: SearchDocument[], generation: number) => {
    if (docs.length === 0) return
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500)
      const params: unknown[] = []
      const values = batch.map((doc) => {
        const row = rowOf(doc, generation)
        const start = params.length
        params.push(...row)
        return `(${row.map((_, j) => `$${start + j + 1}`).join(', ')})`
      })
      await pool.query(
        `insert into ${SEARCH_TABLE} (${COLUMNS.join(', ')}) values ${values.join(', ')}
         on conflict (id) do update set ${COLUMNS.filter((c) => c !== 'id')
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}, updated_at = now()`,
        params,
      )
    }
  }

  return {
    name: 'postgres',
    init: async () => {
      await pool.query(`select 1 from ${SEARCH_TABLE} limit 0`)
    },
    upsert: (docs) => write(docs, 0),
    remove: async (ids) => {
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
    },
    search: async (query: SearchQuery) => {
      const tokens = foldedTokens(query.q)
      const folded = tokens.join(' ')
      const tsquery = tokens.map((token) => `${token}:*`).join(' & ')
      const exact = exactForm(query.q.trim())
      const params: unknown[] = [tsquery, folded, exact]
      const where: string[] = [
        `(tsv @@ to_tsquery('simple', $1::text) or $2::text <% title_folded)`,
        // $3 (the exact form) is only used for ranking; this keeps its type known in every query.
        `$3::text is not null`,
        `(expires_at is null or expires_at > $${params.push(new Date(query.now))})`,
      ]
      audienceFilter(query.viewer, where, params)
      if (query.kind) where.push(`kind = $${params.push(query.kind)}`)
      if (query.unit) where.push(`$${params.push(query.unit)} = any(units)`)
      if (query.year) where.push(`year = $${params.push(query.year)}`)
      const facetWhere = where.join(' and ')
      if (query.section) where.push(`collection = $${params.push(query.section)}`)
      const hitWhere = where.join(' and ')
      const facetParams = params.slice(0, query.section ? params.length - 1 : params.length)

      // Title matches outrank body matches; the whole query as a phrase in the title, and the
      // query as typed (accents and all), rank higher still.
      const score = `(ts_rank(tsv, to_tsquery('simple', $1::text))
        + word_similarity($2::text, title_folded)
        + case when position($2::text in title_folded) > 0 then 3 else 0 end
        + case when position($2::text in folded) > 0 then 0.5 else 0 end
        + case when position($3::text in title_exact) > 0 then 2 else 0 end)`
      const limitAt = params.push(query.limit)
      const offsetAt = params.push((query.page - 1) * query.limit)
      const [hits, facets] = await Promise.all([
        pool.query(
          `select id, collection, item_id, title, summary, body, kind, audience, year, url,
                  ${score} as score, count(*) over () as total
             from ${SEARCH_TABLE}
            where ${hitWhere}
            order by score desc, date desc nulls last, id
            limit $${limitAt} offset $${offsetAt}`,
          params,
        ),
        pool.query(
          `select collection, count(*)::int as n from ${SEARCH_TABLE} where ${facetWhere} group by collection`,
          facetParams,
        ),
      ])
      const total =
        hits.rows.length > 0
          ? Number(hits.rows[0].total)
          : query.page === 1
            ? 0
            : Number(
                (
                  await pool.query(
                    `select count(*)::int as n from ${SEARCH_TABLE} where ${hitWhere}`,
                    params.slice(0, limitAt - 1),
                  )
                ).rows[0].n,
              )
      return {
        total,
        facets: { section: Object.fromEntries(facets.rows.map((row) => [row.collection, row.n])) },
        hits: hits.rows.map((row) => ({
          id: row.id,
          collection: row.collection,
          itemId: row.item_id,
          title: row.title,
          snippet: highlight(
            `${row.summary ?? ''}\n${row.body ?? ''}`.trim() || row.title,
            query.q,
          ),
          kind: row.kind,
          audience: row.audience,
          year: row.year,
          url: row.url,
          score: Number(row.score),
        })),
      }
    },
    close: () => pool.end(),
  }
}
