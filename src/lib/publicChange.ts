import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

/** The channel every instance's public read cache listens on (see src/server/changeListener.ts). */
export const PUBLIC_CHANGE_CHANNEL = 'sotay_public_cache'

/**
 * Tells every instance that something anonymous readers see changed outside the tables whose
 * triggers already notify (the search index, which may live in Typesense): their public caches
 * empty themselves when the notification arrives.
 */
export const notifyPublicChange = async (payload: Payload, what: string) => {
  const { drizzle } = payload.db as unknown as {
    drizzle: { execute: (q: unknown) => Promise<unknown> }
  }
  await drizzle.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${what})`)
}
