import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** The five sections: their main tables hold drafts of never-published items too. */
const SECTIONS = ['documents', 'orientations', 'identified_pages', 'references', 'questions']

/**
 * The public cache is emptied only by changes anonymous readers may see: in the five sections, a
 * row that is or was published. Creating a draft inserted a row and notified every instance, which
 * emptied every public cache whenever an editor started an item (drafts of published items live in
 * the versions tables and never notified). Media and units keep their statement-level triggers.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const table of SECTIONS) {
    await db.execute(
      sql.raw(`
        drop trigger if exists "${table}_public_change" on "${table}";
        drop trigger if exists "${table}_public_insert" on "${table}";
        drop trigger if exists "${table}_public_update" on "${table}";
        drop trigger if exists "${table}_public_delete" on "${table}";
        drop trigger if exists "${table}_public_truncate" on "${table}";
        create trigger "${table}_public_insert"
          after insert on "${table}" for each row
          when (new._status = 'published')
          execute function sotay_notify_public_change();
        create trigger "${table}_public_update"
          after update on "${table}" for each row
          when (old._status = 'published' or new._status = 'published')
          execute function sotay_notify_public_change();
        create trigger "${table}_public_delete"
          after delete on "${table}" for each row
          when (old._status = 'published')
          execute function sotay_notify_public_change();
        create trigger "${table}_public_truncate"
          after truncate on "${table}" for each statement
          execute function sotay_notify_public_change();`),
    )
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of SECTIONS) {
    await db.execute(
      sql.raw(`
        drop trigger if exists "${table}_public_insert" on "${table}";
        drop trigger if exists "${table}_public_update" on "${table}";
        drop trigger if exists "${table}_public_delete" on "${table}";
        drop trigger if exists "${table}_public_truncate" on "${table}";
        create trigger "${table}_public_change"
          after insert or update or delete or truncate on "${table}"
          for each statement execute function sotay_notify_public_change();`),
    )
  }
}
