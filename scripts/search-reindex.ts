/**
 * `npm run search:reindex`: rebuilds the search index from the database, in batches, with a
 * progress bar. Safe while the server runs (PostgreSQL: rows replaced in place, stale ones dropped
 * at the end; Typesense: a new collection swapped in behind the alias).
 */
import { contentSlugs } from '../collections/slugs'
import { withPayload } from './payload-tool'

const bar = (done: number, total: number) => {
  const width = 30
  const filled = total ? Math.round((done / total) * width) : width
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
}

await withPayload(async (payload) => {
  // Plugin modules only after Payload has loaded its config (see src/server/index.ts).
  const { getSearchBackend } = await import('../plugins/typesense-sync')
  const { reindexAll } = await import('../plugins/typesense-sync/maintenance')
  const backend = getSearchBackend()
  await backend.init()
  const started = Date.now()
  const count = await reindexAll(payload, contentSlugs, ({ collection, done, total }) => {
    process.stderr.write(`\r${collection.padEnd(17)} ${bar(done, total)}   `)
    if (done >= total) process.stderr.write('\n')
  })
  console.log(
    `Reindexed ${count} items into the ${backend.name} backend in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  )
})
