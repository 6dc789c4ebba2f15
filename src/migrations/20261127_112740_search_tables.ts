import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Splits the PostgreSQL search backend's index by what each query reads, so no scan reads what it
 * does not need (plugins/typesense-sync/backends/postgres.ts):
 *
 * - `search_documents`: every matchable word in one `tsv` (GIN) and the filters; nothing else,
 *   so counting the matches per section visits small rows.
 * - `search_titles`: the title's words with positions, folded and as typed, kept inline, plus the
 *   filters; ranking reads only the (far fewer) rows whose title matches.
 * - `search_texts`: the title, summary, body and url a hit shows.
 * - `search_words`: every folded word seen, with trigrams, to correct typos word by word.
 *
 * Rows moved here get an empty content hash, so the next reconcile (nightly, or
 * `npm run search:reconcile`) rewrites each with the backend's own tokens.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "search_titles" (
      "id" text PRIMARY KEY REFERENCES "search_documents" ("id") ON DELETE CASCADE,
      "collection" text NOT NULL,
      "audience" text NOT NULL,
      "units" integer[] NOT NULL DEFAULT '{}',
      "kind" text,
      "year" integer,
      "date" timestamptz,
      "expires_at" timestamptz,
      -- folded title words with positions (phrase and prefix matches); inline
      "title_tsv" tsvector NOT NULL,
      -- the title's words as typed (lowercase, accents kept), for exact-accent ranking; inline
      "exact_tsv" tsvector NOT NULL
    );
    ALTER TABLE "search_titles" ALTER COLUMN "title_tsv" SET STORAGE MAIN;
    ALTER TABLE "search_titles" ALTER COLUMN "exact_tsv" SET STORAGE MAIN;
    CREATE INDEX IF NOT EXISTS "search_titles_tsv_idx" ON "search_titles" USING gin ("title_tsv");

    -- Every folded word the index has seen, with trigrams: typo correction, word by word.
    CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
    CREATE TABLE IF NOT EXISTS "search_words" ("word" text PRIMARY KEY);
    CREATE INDEX IF NOT EXISTS "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);

    -- What a hit shows, read for one page of results only.
    CREATE TABLE IF NOT EXISTS "search_texts" (
      "id" text PRIMARY KEY REFERENCES "search_documents" ("id") ON DELETE CASCADE,
      "title" text NOT NULL,
      "summary" text,
      "body" text,
      "url" text NOT NULL
    );
    INSERT INTO "search_texts" SELECT "id", "title", "summary", "body", "url" FROM "search_documents";

    INSERT INTO "search_titles"
      SELECT "id", "collection", "audience", "units", "kind", "year", "date", "expires_at",
             to_tsvector('simple', "title_folded"), to_tsvector('simple', lower("title"))
        FROM "search_documents";
    INSERT INTO "search_words"
      SELECT DISTINCT w.lexeme FROM "search_documents" d, unnest(d."tsv") w ON CONFLICT DO NOTHING;
    UPDATE "search_documents" SET "content_hash" = '';

    DROP INDEX IF EXISTS "search_documents_title_trgm_idx";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "title_tsv";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "title_exact";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "title_folded";
    -- A row under about 2 KB is never toasted, whatever its storage settings: the texts leave
    -- this table so that its rows stay small.
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "title";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "summary";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "body";
    ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "url";
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "title" text NOT NULL DEFAULT '';
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "summary" text;
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "body" text;
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "url" text NOT NULL DEFAULT '';
    UPDATE "search_documents" d SET "title" = x."title", "summary" = x."summary", "body" = x."body", "url" = x."url"
      FROM "search_texts" x WHERE x."id" = d."id";
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "title_exact" text NOT NULL DEFAULT '';
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "title_folded" text NOT NULL DEFAULT '';
    UPDATE "search_documents" SET "title_exact" = lower("title"), "title_folded" = lower("title");
    ALTER TABLE "search_documents" ADD COLUMN IF NOT EXISTS "title_tsv" tsvector
      GENERATED ALWAYS AS (to_tsvector('simple', "title_folded")) STORED;
    CREATE INDEX IF NOT EXISTS "search_documents_title_trgm_idx" ON "search_documents" USING gin ("title_folded" gin_trgm_ops);
    UPDATE "search_documents" SET "content_hash" = '';
    DROP TABLE IF EXISTS "search_titles";
    DROP TABLE IF EXISTS "search_texts";
    DROP TABLE IF EXISTS "search_words";
  `)
}
