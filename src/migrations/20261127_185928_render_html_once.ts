import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { toSafeHtml } from '../lib/richTextHtml'

/** Rich-text column → its stored HTML companion, in each table and its versions table. */
const RENDERED: [table: string, source: string, target: string][] = [
  ['documents', 'body', 'body_html'],
  ['_documents_v', 'version_body', 'version_body_html'],
  ['orientations', 'talking_points', 'talking_points_html'],
  ['_orientations_v', 'version_talking_points', 'version_talking_points_html'],
  ['identified_pages', 'description', 'description_html'],
  ['_identified_pages_v', 'version_description', 'version_description_html'],
  ['references', 'description', 'description_html'],
  ['_references_v', 'version_description', 'version_description_html'],
  ['questions', 'answer', 'answer_html'],
  ['_questions_v', 'version_answer', 'version_answer_html'],
]
const BATCH = 200

/** Renders the HTML of every row saved before HTML was stored, in keyset batches. */
const backfill = async (db: MigrateUpArgs['db']) => {
  for (const [table, source, target] of RENDERED) {
    let after = 0
    for (;;) {
      const { rows } = (await db.execute(
        sql.raw(
          `select id, "${source}" as rich from "${table}" where id > ${after} and "${source}" is not null order by id limit ${BATCH}`,
        ),
      )) as unknown as { rows: { id: number; rich: unknown }[] }
      if (rows.length === 0) break
      after = rows[rows.length - 1].id
      const rendered = rows.map((row) => ({ id: row.id, html: toSafeHtml(row.rich) }))
      await db.execute(sql`
        update ${sql.raw(`"${table}"`)} as t set ${sql.raw(`"${target}"`)} = v.html
          from json_to_recordset(${JSON.stringify(rendered)}::json) as v(id int, html text)
         where t.id = v.id`)
    }
  }
}

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
  await backfill(db)
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
