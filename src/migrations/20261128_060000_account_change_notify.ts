import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** The account tables whose rows decide who a session cookie signs in, and as what. */
const TABLES = ['users', 'users_roles', 'users_sessions']

/**
 * Every committed change to an account (a sign-in or sign-out, a deactivation, new roles or unit)
 * notifies `sotay_public_cache` with the table's name, whoever made it: each instance forgets the
 * sessions it had already checked for the read cache (src/server/audienceKey.ts). Content answers
 * stay: no answer a member or an anonymous reader is given shows an account.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const table of TABLES) {
    await db.execute(
      sql.raw(`create trigger "${table}_account_change"
        after insert or update or delete or truncate on "${table}"
        for each statement execute function sotay_notify_public_change();`),
    )
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of TABLES) {
    await db.execute(sql.raw(`drop trigger if exists "${table}_account_change" on "${table}";`))
  }
}
