import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The PostgreSQL search backend's table (plugins/typesense-sync/backends/postgres.ts): folded text
 * with a generated tsvector for word-prefix search and trigram indexes for typos. Written by the
 * search sync worker only; rebuilt by `npm run search:reindex`.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE IF NOT EXISTS "search_documents" (
      "id" text PRIMARY KEY,
      "collection" text NOT NULL,
      "item_id" integer NOT NULL,
      "title" text NOT NULL,
      "title_exact" text NOT NULL,
      "title_folded" text NOT NULL,
      "summary" text,
      "body" text,
      "kind" text,
      "units" integer[] NOT NULL DEFAULT '{}',
      "audience" text NOT NULL,
      "year" integer,
      "date" timestamptz,
      "expires_at" timestamptz,
      "url" text NOT NULL,
      "content_hash" text NOT NULL,
      "generation" bigint NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "title_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "title_folded")) STORED,
      -- title (weight A) and summary/body (weight B), folded; written by the backend
      "tsv" tsvector NOT NULL
    ) WITH (toast_tuple_target = 256);
    -- Keep rows narrow: the tsvector and the texts live out of line, so the scans that filter and
    -- count matches read small pages; snippets and the GIN index do not need them inline.
    ALTER TABLE "search_documents" ALTER COLUMN "tsv" SET STORAGE EXTERNAL;
    ALTER TABLE "search_documents" ALTER COLUMN "body" SET STORAGE EXTERNAL;
    ALTER TABLE "search_documents" ALTER COLUMN "summary" SET STORAGE EXTERNAL;
    CREATE INDEX IF NOT EXISTS "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");
    CREATE INDEX IF NOT EXISTS "search_documents_title_trgm_idx" ON "search_documents" USING gin ("title_folded" gin_trgm_ops);
    -- No btree on audience or collection: with one, the planner filters its (large) result by
    -- detoasting every tsvector instead of starting from the GIN index.
    CREATE INDEX IF NOT EXISTS "search_documents_expires_idx" ON "search_documents" ("expires_at") WHERE "expires_at" IS NOT NULL;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "search_documents";`)
}
