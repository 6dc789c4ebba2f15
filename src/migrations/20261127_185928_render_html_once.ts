import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { renderStoredHtml } from '../lib/renderStoredHtml'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "documents" ADD COLUMN "body_html" varchar;
  ALTER TABLE "_documents_v" ADD COLUMN "version_body_html" varchar;
  ALTER TABLE "orientations" ADD COLUMN "talking_points_html" varchar;
  ALTER TABLE "_orientations_v" ADD COLUMN "version_talking_points_html" varchar;
  ALTER TABLE "identified_pages" ADD COLUMN "description_html" varchar;
  ALTER TABLE "_identified_pages_v" ADD COLUMN "version_description_html" varchar;
  ALTER TABLE "references" ADD COLUMN "description_html" varchar;
  ALTER TABLE "_references_v" ADD COLUMN "version_description_html" varchar;
  ALTER TABLE "questions" ADD COLUMN "answer_html" varchar;
  ALTER TABLE "_questions_v" ADD COLUMN "version_answer_html" varchar;`)
  // Render the HTML of every row saved before HTML was stored.
  await renderStoredHtml(db)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "documents" DROP COLUMN "body_html";
  ALTER TABLE "_documents_v" DROP COLUMN "version_body_html";
  ALTER TABLE "orientations" DROP COLUMN "talking_points_html";
  ALTER TABLE "_orientations_v" DROP COLUMN "version_talking_points_html";
  ALTER TABLE "identified_pages" DROP COLUMN "description_html";
  ALTER TABLE "_identified_pages_v" DROP COLUMN "version_description_html";
  ALTER TABLE "references" DROP COLUMN "description_html";
  ALTER TABLE "_references_v" DROP COLUMN "version_description_html";
  ALTER TABLE "questions" DROP COLUMN "answer_html";
  ALTER TABLE "_questions_v" DROP COLUMN "version_answer_html";`)
}
