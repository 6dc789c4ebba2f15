import { MigrateUpArgs, MigrateDownArgs } from '@payloadcms/db-postgres'

import { renderStoredHtml } from '../lib/renderStoredHtml'

/** Stored HTML is rendered again: no inline styles (a CSP violation), no empty end paragraphs. */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await renderStoredHtml(db)
}

/** Nothing to undo: the previous rendering is not kept. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
