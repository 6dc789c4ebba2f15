import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_log_action" ADD VALUE IF NOT EXISTS 'unit_merge';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "audit_log" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_log_action";
  CREATE TYPE "public"."enum_audit_log_action" AS ENUM('create', 'update', 'submit', 'request_changes', 'approve', 'publish', 'unpublish', 'archive', 'schedule', 'schedule_failed', 'delete', 'login', 'login_failed', 'role_change', 'override', 'account_create', 'account_update', 'password_reset_request', 'password_reset', 'password_change', 'upload', 'file_replace', 'save_draft', 'export', 'backup', 'restore', 'import', 'unit_move');
  ALTER TABLE "audit_log" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_log_action" USING "action"::"public"."enum_audit_log_action";`)
}
