/**
 * `npm run search:reconcile [-- --dry-run]`: compares database and index by id and content hash,
 * reports the drift and (unless --dry-run) repairs it. Exits 0 when nothing drifted or all was
 * repaired, 1 when drift was found in a dry run.
 */
import { contentSlugs } from '../collections/slugs'
import { withPayload } from './payload-tool'

const isDryRun = process.argv.includes('--dry-run')

await withPayload(async (payload) => {
  // Plugin modules only after Payload has loaded its config (see src/server/index.ts).
  const { reconcile } = await import('../plugins/typesense-sync/maintenance')
  const report = await reconcile(payload, contentSlugs, { repair: !isDryRun })
  const drift = report.missing.length + report.stale.length + report.extra.length
  console.log(
    `Search reconcile: ${report.missing.length} missing, ${report.stale.length} stale, ${report.extra.length} extra` +
      (drift === 0
        ? ' — index agrees with the database.'
        : isDryRun
          ? ' (dry run: nothing changed).'
          : ' — repaired.'),
  )
  for (const [label, ids] of Object.entries({
    missing: report.missing,
    stale: report.stale,
    extra: report.extra,
  })) {
    if (ids.length)
      console.log(`  ${label}: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}`)
  }
  return isDryRun && drift > 0 ? 1 : 0
})
