import { Client } from 'typesense'

import { exactForm, fold, foldedTokens } from '../fold'
import { highlight } from '../highlight'
import type { SearchDocument } from '../types'
import type { SearchBackend, SearchQuery, Viewer } from './types'

export const TYPESENSE_ALIAS = process.env.TYPESENSE_COLLECTION || 'sotay-search'

/** Explicit schema: folded companions beside the accented text, facets for the filters. */
export const typesenseSchema = (name: string) => ({
  name,
  fields: [
    { name: 'collection', type: 'string' as const, facet: true },
    { name: 'item_id', type: 'int32' as const },
    { name: 'title', type: 'string' as const, index: false, optional: true },
    // The Vietnamese locale keeps diacritics; without one Typesense folds them away.
    { name: 'title_exact', type: 'string' as const, locale: 'vi' },
    { name: 'title_folded', type: 'string' as const },
    { name: 'summary', type: 'string' as const, index: false, optional: true },
    { name: 'body', type: 'string' as const, index: false, optional: true },
    { name: 'folded', type: 'string' as const },
    { name: 'kind', type: 'string' as const, facet: true, optional: true },
    { name: 'units', type: 'int32[]' as const, facet: true, optional: true },
    { name: 'audience', type: 'string' as const, facet: true },
    { name: 'year', type: 'int32' as const, facet: true, optional: true },
    { name: 'date', type: 'int64' as const, optional: true },
    { name: 'expires_at', type: 'int64' as const, optional: true },
    { name: 'url', type: 'string' as const, index: false, optional: true },
    { name: 'content_hash', type: 'string' as const, index: false, optional: true },
    // When the document was written (epoch ms): a rebuild carries over what was written meanwhile.
    { name: 'indexed_at', type: 'int64' as const, optional: true },
  ],
  default_sorting_field: 'item_id',
  token_separators: ['-', '/'],
})

const toTypesense = (doc: SearchDocument) => ({
  id: doc.id,
  collection: doc.collection,
  item_id: doc.itemId,
  title: doc.title,
  title_exact: exactForm(doc.title),
  title_folded: fold(doc.title),
  summary: doc.summary,
  body: doc.body,
  folded: fold(`${doc.summary}\n${doc.body}`),
  kind: doc.kind ?? undefined,
  units: doc.units,
  audience: doc.audience,
  year: doc.year ?? undefined,
  date: doc.date ?? undefined,
  // Far future for items that never expire, so one numeric filter covers both.
  expires_at: doc.expiresAt ?? 32503680000000,
  url: doc.url,
  content_hash: doc.contentHash,
  indexed_at: Date.now(),
})

/** Typesense filter_by values are backquoted strings. */
const quote = (value: string) => `\`${value.replace(/`/g, '')}\``

/** The audience part of filter_by; also what a scoped search key embeds for browser-side use. */
export const audienceFilterBy = (viewer: Viewer) => {
  if (viewer.kind === 'staff') return ''
  if (viewer.kind === 'anonymous') return 'audience:=public'
  const units = viewer.unitPath.length
    ? ` || (audience:=units && units:=[${viewer.unitPath.join(',')}])`
    : ''
  return `(audience:=[public,members]${units})`
}

const parseNodes = (urls: string) =>
  urls
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => {
      const url = new URL(raw)
      return {
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
        protocol: url.protocol.replace(':', ''),
        path: url.pathname === '/' ? '' : url.pathname,
      }
    })

/**
 * Typesense behind an alias: writes go to the collection the alias names; a rebuild fills a new
 * collection and swaps the alias, so searches never see a half-built index. Several nodes come
 * from a comma-separated TYPESENSE_URL.
 */
export const typesenseBackend = ({
  urls = process.env.TYPESENSE_URL ?? '',
  apiKey = process.env.TYPESENSE_API_KEY ?? '',
  alias = TYPESENSE_ALIAS,
}: { urls?: string; apiKey?: string; alias?: string } = {}): SearchBackend & {
  scopedKey: (searchKey: string, viewer: Viewer, ttlSeconds?: number) => string
} => {
  const client = new Client({
    nodes: parseNodes(urls),
    apiKey,
    connectionTimeoutSeconds: 5,
    numRetries: 3,
    retryIntervalSeconds: 0.2,
    logLevel: 'silent',
  })

  const importDocs = (collection: string, docs: SearchDocument[]) =>
    importRows(collection, docs.map(toTypesense))

  const importRows = async (collection: string, rows: { id: string }[]) => {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500)
      const results = await client
        .collections(collection)
        .documents()
        .import(batch, { action: 'upsert' })
        .catch((err: { importResults?: { success: boolean; error?: string }[] }) => {
          if (err.importResults) return err.importResults
          throw err
        })
      const failed = results
        .map((result, index) => ({ result, id: batch[index].id }))
        .filter(({ result }) => !result.success)
      if (failed.length) {
        throw new Error(
          `Typesense refused ${failed.length} of ${batch.length} documents: ${failed
            .slice(0, 5)
            .map(({ id, result }) => `${id}: ${(result as { error?: string }).error}`)
            .join('; ')}`,
        )
      }
    }
  }

  const currentCollection = async () => (await client.aliases(alias).retrieve()).collection_name

  return {
    name: 'typesense',
    init: async () => {
      try {
        await currentCollection()
      } catch {
        const name = `${alias}-${Date.now()}`
        await client.collections().create(typesenseSchema(name))
        await client.aliases().upsert(alias, { collection_name: name })
      }
    },
    upsert: async (docs) => importDocs(alias, docs),
    remove: async (ids) => {
      for (const id of ids) {
        await client
          .collections(alias)
          .documents(id)
          .delete()
          .catch((err: { httpStatus?: number }) => {
            if (err.httpStatus !== 404) throw err
          })
      }
    },
    removeExpired: async (now) => {
      const res = await client
        .collections(alias)
        .documents()
        .delete({ filter_by: `expires_at:<=${now}` })
      return (res as { num_deleted?: number }).num_deleted ?? 0
    },
    listHashes: async () => {
      const jsonl = await client
        .collections(alias)
        .documents()
        .export({ include_fields: 'id,content_hash' })
      const map = new Map<string, string>()
      for (const line of jsonl.split('\n')) {
        if (!line.trim()) continue
        const row = JSON.parse(line) as { id: string; content_hash?: string }
        map.set(row.id, row.content_hash ?? '')
      }
      return map
    },
    rebuild: async (fill) => {
      const started = Date.now()
      const previous = await currentCollection().catch(() => null)
      const name = `${alias}-${Date.now()}`
      await client.collections().create(typesenseSchema(name))
      await fill((docs) => importDocs(name, docs))
      await client.aliases().upsert(alias, { collection_name: name })
      if (previous) {
        // What the sync worker wrote to the old collection while this one was filled.
        const meanwhile = await client
          .collections(previous)
          .documents()
          .export({ filter_by: `indexed_at:>=${started}` })
        const rows = meanwhile
          .split('\n')
          .filter((line) => line.trim())
          .map((line) => JSON.parse(line) as { id: string })
        if (rows.length) await importRows(name, rows)
        await client.collections(previous).delete()
      }
    },
    search: async (query: SearchQuery) => {
      const filters = [`expires_at:>${query.now}`]
      const audience = audienceFilterBy(query.viewer)
      if (audience) filters.push(audience)
      if (query.kind) filters.push(`kind:=${quote(query.kind)}`)
      if (query.unit) filters.push(`units:=${query.unit}`)
      if (query.year) filters.push(`year:=${query.year}`)
      const facetFilter = filters.join(' && ')
      if (query.section) filters.push(`collection:=${quote(query.section)}`)
      // Typesense's _eval() parser counts parentheses even inside backquotes: drop them.
      const exact = exactForm(query.q.trim()).replace(/[()`]/g, ' ').replace(/\s+/g, ' ').trim()
      const res = await client
        .collections(alias)
        .documents()
        .search({
          q: foldedTokens(query.q).join(' '),
          query_by: 'title_folded,folded',
          query_by_weights: '4,1',
          num_typos: 2,
          prefix: true,
          filter_by: filters.join(' && '),
          // Accented matches first: items whose title contains the query as typed.
          sort_by: exact
            ? `_eval(title_exact:${quote(exact)}):desc,_text_match:desc,date:desc`
            : '_text_match:desc,date:desc',
          facet_by: 'collection',
          page: query.page,
          per_page: query.limit,
          include_fields: 'id,collection,item_id,title,summary,body,kind,audience,year,url',
        })
      // facet counts must ignore the section filter: a second, facet-only request.
      const facets = query.section
        ? await client
            .collections(alias)
            .documents()
            .search({
              q: foldedTokens(query.q).join(' '),
              query_by: 'title_folded,folded',
              num_typos: 2,
              prefix: true,
              filter_by: facetFilter,
              facet_by: 'collection',
              per_page: 0,
            })
        : res
      return {
        total: res.found,
        facets: {
          section: Object.fromEntries(
            (facets.facet_counts?.[0]?.counts ?? []).map((count) => [count.value, count.count]),
          ),
        },
        hits: (res.hits ?? []).map((hit) => {
          const doc = hit.document as Record<string, unknown>
          return {
            id: String(doc.id),
            collection: String(doc.collection),
            itemId: Number(doc.item_id),
            title: String(doc.title ?? ''),
            snippet: highlight(
              `${doc.summary ?? ''}\n${doc.body ?? ''}`.trim() || String(doc.title),
              query.q,
            ),
            kind: (doc.kind as string) ?? null,
            audience: String(doc.audience),
            year: (doc.year as number) ?? null,
            url: String(doc.url ?? ''),
            score: Number(hit.text_match ?? 0),
          }
        }),
      }
    },
    /** A key that can only search, with the viewer's audience filter embedded (for browser use). */
    scopedKey: (searchKey, viewer, ttlSeconds = 3600) =>
      client.keys().generateScopedSearchKey(searchKey, {
        filter_by: audienceFilterBy(viewer) || 'audience:!=none',
        expires_at: Math.floor(Date.now() / 1000) + ttlSeconds,
      }),
    close: async () => {},
  }
}
