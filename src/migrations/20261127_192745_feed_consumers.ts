import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "feed_consumers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"note" varchar,
  	"token_hash" varchar,
  	"token_hint" varchar,
  	"revoked" boolean DEFAULT false,
  	"revoked_at" timestamp(3) with time zone,
  	"last_used_at" timestamp(3) with time zone,
  	"use_count" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "feed_consumers_id" integer;
  CREATE UNIQUE INDEX "feed_consumers_token_hash_idx" ON "feed_consumers" USING btree ("token_hash");
  CREATE INDEX "feed_consumers_updated_at_idx" ON "feed_consumers" USING btree ("updated_at");
  CREATE INDEX "feed_consumers_created_at_idx" ON "feed_consumers" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_feed_consumers_fk" FOREIGN KEY ("feed_consumers_id") REFERENCES "public"."feed_consumers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_feed_consumers_id_idx" ON "payload_locked_documents_rels" USING btree ("feed_consumers_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "feed_consumers" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "feed_consumers" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_feed_consumers_fk";
  
  DROP INDEX "payload_locked_documents_rels_feed_consumers_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "feed_consumers_id";`)
}
