import pg from 'pg'

import { exactForm, fold, foldedTokens } from '../fold'
import { highlight } from '../highlight'
import type { SearchDocument } from '../types'
import type { SearchBackend, SearchQuery, Viewer } from './types'

export const SEARCH_TABLE = 'search_documents'

/** Columns written for each document, in order; `tsv` is computed from the folded text. */
const COLUMNS = [
  'id',
  'collection',
  'item_id',
  'title',
  'title_exact',
  'title_folded',
  'summary',
  'body',
  'kind',
  'units',
  'audience',
  'year',
  'date',
  'expires_at',
  'url',
  'content_hash',
  'generation',
  'tsv',
] as const

/** The row's parameters; the last one, the folded body, only feeds the `tsv` expression. */
const paramsOf = (doc: SearchDocument, generation: number) => [
  doc.id,
  doc.collection,
  doc.itemId,
  doc.title,
  exactForm(`${doc.title}\n${doc.summary}`),
  fold(doc.title),
  doc.summary,
  doc.body,
  doc.kind,
  doc.units,
  doc.audience,
  doc.year,
  doc.date == null ? null : new Date(doc.date),
  doc.expiresAt == null ? null : new Date(doc.expiresAt),
  doc.url,
  doc.contentHash,
  generation,
  fold(`${doc.summary}\n${doc.body}`),
]

/** `(…, tsv)` value list for one row whose parameters start after `start`. */
const valuesOf = (start: number) => {
  const at = (i: number) => `$${start + i + 1}`
  const plain = COLUMNS.slice(0, -1).map((_, i) => at(i))
  const titleFolded = at(COLUMNS.indexOf('title_folded'))
  const bodyFolded = at(COLUMNS.length - 1)
  return `(${plain.join(', ')}, setweight(to_tsvector('simple', ${titleFolded}), 'A') || setweight(to_tsvector('simple', ${bodyFolded}), 'B'))`
}

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
    max: 8,
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
        const start = params.length
        params.push(...paramsOf(doc, generation))
        return valuesOf(start)
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
      // Words first (prefixes, without diacritics); only when no item has the words does the
      // typo-tolerant trigram match on titles run: an OR of both would defeat both indexes.
      const words = await runSearch(query, `tsv @@ to_tsquery('simple', $1::text)`)
      if (words.total > 0 || query.page > 1) return words
      return runSearch(query, `$2::text <% title_folded`)
    },
    close: () => pool.end(),
  }

  async function runSearch(query: SearchQuery, match: string) {
    const tokens = foldedTokens(query.q)
    const params: unknown[] = [
      tokens.map((token) => `${token}:*`).join(' & '),
      tokens.join(' '),
      exactForm(query.q.trim()),
    ]
    const where: string[] = [
      match,
      `(expires_at is null or expires_at > $${params.push(new Date(query.now))})`,
    ]
    audienceFilter(query.viewer, where, params)
    if (query.kind) where.push(`kind = $${params.push(query.kind)}`)
    if (query.unit) where.push(`$${params.push(query.unit)} = any(units)`)
    if (query.year) where.push(`year = $${params.push(query.year)}`)
    const inSection = query.section ? `collection = $${params.push(query.section)}` : 'true'
    const limitAt = params.push(query.limit)
    const offsetAt = params.push((query.page - 1) * query.limit)
    // One pass over the matches: facets (without the section filter), total and one page of
    // hits. Scores read only the title columns; bodies are fetched for the page alone.
    // Title matches outrank body matches; the whole query as a phrase in the title, and the query
    // as typed (accents and all) rank higher still.
    const { rows } = await pool.query(
      `with matched as materialized (
           select id, collection, date,
                  case when title_tsv @@ to_tsquery('simple', $1::text) or $2::text <% title_folded
                    then 1 + ts_rank(title_tsv, to_tsquery('simple', $1::text))
                      + case when position($2::text in title_folded) > 0 then 3 else 0 end
                      + case when position($3::text in title_exact) > 0 then 2 else 0 end
                    else 0 end as score
             from ${SEARCH_TABLE}
            where ${where.join(' and ')}
         ),
         page as (
           select id, score, date from matched where ${inSection}
            order by score desc, date desc nulls last, id
            limit $${limitAt} offset $${offsetAt}
         )
         select
           (select coalesce(json_object_agg(collection, n), '{}') from
              (select collection, count(*)::int as n from matched group by collection) f) as facets,
           (select count(*)::int from matched where ${inSection}) as total,
           (select coalesce(json_agg(h order by h.score desc, h.date desc nulls last, h.id), '[]') from
              (select d.id, d.collection, d.item_id, d.title, d.summary, d.body, d.kind, d.audience,
                      d.year, d.url, p.score, p.date
                 from page p join ${SEARCH_TABLE} d using (id)) h) as hits`,
      params,
    )
    const row = rows[0]
    return {
      total: row.total,
      facets: { section: row.facets },
      hits: (row.hits as Record<string, unknown>[]).map((hit) => ({
        id: String(hit.id),
        collection: String(hit.collection),
        itemId: Number(hit.item_id),
        title: String(hit.title),
        snippet: highlight(
          `${hit.summary ?? ''}\n${hit.body ?? ''}`.trim() || String(hit.title),
          query.q,
        ),
        kind: (hit.kind as string | null) ?? null,
        audience: String(hit.audience),
        year: (hit.year as number | null) ?? null,
        url: String(hit.url),
        score: Number(hit.score),
      })),
    }
  }
}
