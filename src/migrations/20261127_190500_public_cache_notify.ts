import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Every committed change to what anonymous readers can see (the five sections, media, units)
 * notifies `sotay_public_cache`, whoever made it: a request on any instance, the scheduler, a
 * command-line tool or plain SQL. NOTIFY is transactional: it is delivered at commit, never for a
 * rolled-back change. Each instance's public read cache LISTENs and empties itself.
 */
const TABLES = ['documents', 'orientations', 'identified_pages', 'references', 'questions', 'media', 'units']

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create or replace function sotay_notify_public_change() returns trigger
    language plpgsql as $$
    begin
      perform pg_notify('sotay_public_cache', tg_table_name);
      return null;
    end $$;`)
  for (const table of TABLES) {
    await db.execute(
      sql.raw(`create trigger "${table}_public_change"
        after insert or update or delete or truncate on "${table}"
        for each statement execute function sotay_notify_public_change();`),
    )
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of TABLES) {
    await db.execute(sql.raw(`drop trigger if exists "${table}_public_change" on "${table}";`))
  }
  await db.execute(sql`drop function if exists sotay_notify_public_change();`)
}
