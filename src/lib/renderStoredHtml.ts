import { type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { toSafeHtml } from './richTextHtml'

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

/**
 * Renders again the stored HTML of every row that has rich text, in keyset batches: for a
 * migration, when the rendering (`toSafeHtml`) changes.
 */
export const renderStoredHtml = async (db: MigrateUpArgs['db']) => {
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
