import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_documents_kind" AS ENUM('nghi-quyet', 'chi-thi', 'ket-luan', 'quy-dinh', 'huong-dan', 'ke-hoach', 'thong-bao', 'bao-cao');
  CREATE TYPE "public"."enum_documents_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum_documents_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_documents_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__documents_v_version_kind" AS ENUM('nghi-quyet', 'chi-thi', 'ket-luan', 'quy-dinh', 'huong-dan', 'ke-hoach', 'thong-bao', 'bao-cao');
  CREATE TYPE "public"."enum__documents_v_version_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum__documents_v_version_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__documents_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_orientations_period" AS ENUM('month', 'week');
  CREATE TYPE "public"."enum_orientations_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum_orientations_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_orientations_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__orientations_v_version_period" AS ENUM('month', 'week');
  CREATE TYPE "public"."enum__orientations_v_version_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum__orientations_v_version_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__orientations_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_identified_pages_platform" AS ENUM('facebook-page', 'facebook-group', 'youtube', 'tiktok', 'zalo', 'website', 'other');
  CREATE TYPE "public"."enum_identified_pages_classification" AS ENUM('official', 'hostile');
  CREATE TYPE "public"."enum_identified_pages_page_status" AS ENUM('active', 'renamed', 'removed');
  CREATE TYPE "public"."enum_identified_pages_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum_identified_pages_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_identified_pages_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__identified_pages_v_version_platform" AS ENUM('facebook-page', 'facebook-group', 'youtube', 'tiktok', 'zalo', 'website', 'other');
  CREATE TYPE "public"."enum__identified_pages_v_version_classification" AS ENUM('official', 'hostile');
  CREATE TYPE "public"."enum__identified_pages_v_version_page_status" AS ENUM('active', 'renamed', 'removed');
  CREATE TYPE "public"."enum__identified_pages_v_version_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum__identified_pages_v_version_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__identified_pages_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_references_kind" AS ENUM('book', 'article', 'video', 'podcast', 'other');
  CREATE TYPE "public"."enum_references_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum_references_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_references_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__references_v_version_kind" AS ENUM('book', 'article', 'video', 'podcast', 'other');
  CREATE TYPE "public"."enum__references_v_version_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum__references_v_version_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__references_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_questions_state" AS ENUM('new', 'assigned', 'answered', 'published', 'rejected');
  CREATE TYPE "public"."enum_questions_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum_questions_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_questions_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__questions_v_version_state" AS ENUM('new', 'assigned', 'answered', 'published', 'rejected');
  CREATE TYPE "public"."enum__questions_v_version_audience" AS ENUM('public', 'members', 'units');
  CREATE TYPE "public"."enum__questions_v_version_review_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__questions_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_media_visibility" AS ENUM('staff', 'public', 'members', 'units');
  CREATE TYPE "public"."enum_units_kind" AS ENUM('dang-bo', 'chi-bo');
  CREATE TYPE "public"."enum_users_roles" AS ENUM('admin', 'editor', 'reviewer', 'member');
  CREATE TYPE "public"."enum_audit_log_action" AS ENUM('create', 'update', 'submit', 'request_changes', 'approve', 'publish', 'unpublish', 'archive', 'schedule', 'schedule_failed', 'delete', 'login', 'login_failed', 'role_change', 'override');
  CREATE TABLE "documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"symbol" varchar,
  	"kind" "enum_documents_kind",
  	"issuing_body" varchar,
  	"issue_date" timestamp(3) with time zone,
  	"effective_date" timestamp(3) with time zone,
  	"expiry_date" timestamp(3) with time zone,
  	"supersedes_id" integer,
  	"summary" varchar,
  	"body" jsonb,
  	"audience" "enum_documents_audience" DEFAULT 'members',
  	"review_state" "enum_documents_review_state" DEFAULT 'draft',
  	"review_comment" varchar,
  	"publish_at" timestamp(3) with time zone,
  	"unpublish_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"last_edited_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_documents_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "_documents_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_symbol" varchar,
  	"version_kind" "enum__documents_v_version_kind",
  	"version_issuing_body" varchar,
  	"version_issue_date" timestamp(3) with time zone,
  	"version_effective_date" timestamp(3) with time zone,
  	"version_expiry_date" timestamp(3) with time zone,
  	"version_supersedes_id" integer,
  	"version_summary" varchar,
  	"version_body" jsonb,
  	"version_audience" "enum__documents_v_version_audience" DEFAULT 'members',
  	"version_review_state" "enum__documents_v_version_review_state" DEFAULT 'draft',
  	"version_review_comment" varchar,
  	"version_publish_at" timestamp(3) with time zone,
  	"version_unpublish_at" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_last_edited_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__documents_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_documents_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "orientations_key_messages" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "orientations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"period" "enum_orientations_period" DEFAULT 'month',
  	"period_start" timestamp(3) with time zone,
  	"topic" varchar,
  	"talking_points" jsonb,
  	"audio_id" integer,
  	"audience" "enum_orientations_audience" DEFAULT 'members',
  	"review_state" "enum_orientations_review_state" DEFAULT 'draft',
  	"review_comment" varchar,
  	"publish_at" timestamp(3) with time zone,
  	"unpublish_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"last_edited_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_orientations_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "orientations_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"documents_id" integer,
  	"references_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "_orientations_v_version_key_messages" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"text" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_orientations_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_period" "enum__orientations_v_version_period" DEFAULT 'month',
  	"version_period_start" timestamp(3) with time zone,
  	"version_topic" varchar,
  	"version_talking_points" jsonb,
  	"version_audio_id" integer,
  	"version_audience" "enum__orientations_v_version_audience" DEFAULT 'members',
  	"version_review_state" "enum__orientations_v_version_review_state" DEFAULT 'draft',
  	"version_review_comment" varchar,
  	"version_publish_at" timestamp(3) with time zone,
  	"version_unpublish_at" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_last_edited_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__orientations_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_orientations_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"documents_id" integer,
  	"references_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "identified_pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"platform" "enum_identified_pages_platform",
  	"classification" "enum_identified_pages_classification",
  	"page_status" "enum_identified_pages_page_status" DEFAULT 'active',
  	"url" varchar,
  	"reason" varchar,
  	"description" jsonb,
  	"first_seen" timestamp(3) with time zone,
  	"last_verified" timestamp(3) with time zone,
  	"audience" "enum_identified_pages_audience" DEFAULT 'members',
  	"review_state" "enum_identified_pages_review_state" DEFAULT 'draft',
  	"review_comment" varchar,
  	"publish_at" timestamp(3) with time zone,
  	"unpublish_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"last_edited_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_identified_pages_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "identified_pages_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"references_id" integer,
  	"orientations_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "_identified_pages_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_name" varchar,
  	"version_platform" "enum__identified_pages_v_version_platform",
  	"version_classification" "enum__identified_pages_v_version_classification",
  	"version_page_status" "enum__identified_pages_v_version_page_status" DEFAULT 'active',
  	"version_url" varchar,
  	"version_reason" varchar,
  	"version_description" jsonb,
  	"version_first_seen" timestamp(3) with time zone,
  	"version_last_verified" timestamp(3) with time zone,
  	"version_audience" "enum__identified_pages_v_version_audience" DEFAULT 'members',
  	"version_review_state" "enum__identified_pages_v_version_review_state" DEFAULT 'draft',
  	"version_review_comment" varchar,
  	"version_publish_at" timestamp(3) with time zone,
  	"version_unpublish_at" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_last_edited_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__identified_pages_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_identified_pages_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer,
  	"references_id" integer,
  	"orientations_id" integer,
  	"units_id" integer
  );
  
  CREATE TABLE "references" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"kind" "enum_references_kind",
  	"author" varchar,
  	"publisher" varchar,
  	"year" numeric,
  	"summary" varchar,
  	"description" jsonb,
  	"file_id" integer,
  	"external_url" varchar,
  	"duration" numeric,
  	"cover_id" integer,
  	"audience" "enum_references_audience" DEFAULT 'members',
  	"review_state" "enum_references_review_state" DEFAULT 'draft',
  	"review_comment" varchar,
  	"publish_at" timestamp(3) with time zone,
  	"unpublish_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"last_edited_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_references_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "references_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "references_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"units_id" integer
  );
  
  CREATE TABLE "_references_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_kind" "enum__references_v_version_kind",
  	"version_author" varchar,
  	"version_publisher" varchar,
  	"version_year" numeric,
  	"version_summary" varchar,
  	"version_description" jsonb,
  	"version_file_id" integer,
  	"version_external_url" varchar,
  	"version_duration" numeric,
  	"version_cover_id" integer,
  	"version_audience" "enum__references_v_version_audience" DEFAULT 'members',
  	"version_review_state" "enum__references_v_version_review_state" DEFAULT 'draft',
  	"version_review_comment" varchar,
  	"version_publish_at" timestamp(3) with time zone,
  	"version_unpublish_at" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_last_edited_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__references_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_references_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_references_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"units_id" integer
  );
  
  CREATE TABLE "questions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"topic" varchar,
  	"question" varchar,
  	"asked_by_id" integer,
  	"unit_id" integer,
  	"answer" jsonb,
  	"answered_by_id" integer,
  	"state" "enum_questions_state" DEFAULT 'new',
  	"is_faq" boolean DEFAULT false,
  	"audience" "enum_questions_audience" DEFAULT 'members',
  	"review_state" "enum_questions_review_state" DEFAULT 'draft',
  	"review_comment" varchar,
  	"publish_at" timestamp(3) with time zone,
  	"unpublish_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"last_edited_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_questions_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "questions_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"units_id" integer
  );
  
  CREATE TABLE "_questions_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_topic" varchar,
  	"version_question" varchar,
  	"version_asked_by_id" integer,
  	"version_unit_id" integer,
  	"version_answer" jsonb,
  	"version_answered_by_id" integer,
  	"version_state" "enum__questions_v_version_state" DEFAULT 'new',
  	"version_is_faq" boolean DEFAULT false,
  	"version_audience" "enum__questions_v_version_audience" DEFAULT 'members',
  	"version_review_state" "enum__questions_v_version_review_state" DEFAULT 'draft',
  	"version_review_comment" varchar,
  	"version_publish_at" timestamp(3) with time zone,
  	"version_unpublish_at" timestamp(3) with time zone,
  	"version_created_by_id" integer,
  	"version_last_edited_by_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__questions_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_questions_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"units_id" integer
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar,
  	"caption" varchar,
  	"visibility" "enum_media_visibility" DEFAULT 'staff' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_large_url" varchar,
  	"sizes_large_width" numeric,
  	"sizes_large_height" numeric,
  	"sizes_large_mime_type" varchar,
  	"sizes_large_filesize" numeric,
  	"sizes_large_filename" varchar
  );
  
  CREATE TABLE "media_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"units_id" integer
  );
  
  CREATE TABLE "units" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"kind" "enum_units_kind" DEFAULT 'chi-bo' NOT NULL,
  	"code" varchar,
  	"parent_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "users_roles" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_users_roles",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"full_name" varchar NOT NULL,
  	"unit_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"at" varchar NOT NULL,
  	"actor_id" integer,
  	"actor_email" varchar,
  	"action" "enum_audit_log_action" NOT NULL,
  	"collection_slug" varchar,
  	"item_id" varchar,
  	"version" varchar,
  	"from_state" varchar,
  	"to_state" varchar,
  	"reason" varchar,
  	"request_id" varchar,
  	"details" jsonb,
  	"prev_hash" varchar NOT NULL,
  	"hash" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"documents_id" integer,
  	"orientations_id" integer,
  	"identified_pages_id" integer,
  	"references_id" integer,
  	"questions_id" integer,
  	"media_id" integer,
  	"units_id" integer,
  	"users_id" integer,
  	"audit_log_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "documents" ADD CONSTRAINT "documents_supersedes_id_documents_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "documents" ADD CONSTRAINT "documents_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "documents_rels" ADD CONSTRAINT "documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "documents_rels" ADD CONSTRAINT "documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "documents_rels" ADD CONSTRAINT "documents_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_documents_v" ADD CONSTRAINT "_documents_v_parent_id_documents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_documents_v" ADD CONSTRAINT "_documents_v_version_supersedes_id_documents_id_fk" FOREIGN KEY ("version_supersedes_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_documents_v" ADD CONSTRAINT "_documents_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_documents_v" ADD CONSTRAINT "_documents_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_documents_v_rels" ADD CONSTRAINT "_documents_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_documents_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_documents_v_rels" ADD CONSTRAINT "_documents_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_documents_v_rels" ADD CONSTRAINT "_documents_v_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orientations_key_messages" ADD CONSTRAINT "orientations_key_messages_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orientations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orientations" ADD CONSTRAINT "orientations_audio_id_media_id_fk" FOREIGN KEY ("audio_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orientations" ADD CONSTRAINT "orientations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orientations" ADD CONSTRAINT "orientations_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orientations_rels" ADD CONSTRAINT "orientations_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orientations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orientations_rels" ADD CONSTRAINT "orientations_rels_documents_fk" FOREIGN KEY ("documents_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orientations_rels" ADD CONSTRAINT "orientations_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orientations_rels" ADD CONSTRAINT "orientations_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_orientations_v_version_key_messages" ADD CONSTRAINT "_orientations_v_version_key_messages_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_orientations_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_orientations_v" ADD CONSTRAINT "_orientations_v_parent_id_orientations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orientations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_orientations_v" ADD CONSTRAINT "_orientations_v_version_audio_id_media_id_fk" FOREIGN KEY ("version_audio_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_orientations_v" ADD CONSTRAINT "_orientations_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_orientations_v" ADD CONSTRAINT "_orientations_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_orientations_v_rels" ADD CONSTRAINT "_orientations_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_orientations_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_orientations_v_rels" ADD CONSTRAINT "_orientations_v_rels_documents_fk" FOREIGN KEY ("documents_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_orientations_v_rels" ADD CONSTRAINT "_orientations_v_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_orientations_v_rels" ADD CONSTRAINT "_orientations_v_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "identified_pages" ADD CONSTRAINT "identified_pages_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "identified_pages" ADD CONSTRAINT "identified_pages_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "identified_pages_rels" ADD CONSTRAINT "identified_pages_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."identified_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "identified_pages_rels" ADD CONSTRAINT "identified_pages_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "identified_pages_rels" ADD CONSTRAINT "identified_pages_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "identified_pages_rels" ADD CONSTRAINT "identified_pages_rels_orientations_fk" FOREIGN KEY ("orientations_id") REFERENCES "public"."orientations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "identified_pages_rels" ADD CONSTRAINT "identified_pages_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_identified_pages_v" ADD CONSTRAINT "_identified_pages_v_parent_id_identified_pages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."identified_pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_identified_pages_v" ADD CONSTRAINT "_identified_pages_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_identified_pages_v" ADD CONSTRAINT "_identified_pages_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_identified_pages_v_rels" ADD CONSTRAINT "_identified_pages_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_identified_pages_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_identified_pages_v_rels" ADD CONSTRAINT "_identified_pages_v_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_identified_pages_v_rels" ADD CONSTRAINT "_identified_pages_v_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_identified_pages_v_rels" ADD CONSTRAINT "_identified_pages_v_rels_orientations_fk" FOREIGN KEY ("orientations_id") REFERENCES "public"."orientations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_identified_pages_v_rels" ADD CONSTRAINT "_identified_pages_v_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "references" ADD CONSTRAINT "references_file_id_media_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "references" ADD CONSTRAINT "references_cover_id_media_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "references" ADD CONSTRAINT "references_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "references" ADD CONSTRAINT "references_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "references_texts" ADD CONSTRAINT "references_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "references_rels" ADD CONSTRAINT "references_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "references_rels" ADD CONSTRAINT "references_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_references_v" ADD CONSTRAINT "_references_v_parent_id_references_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."references"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_references_v" ADD CONSTRAINT "_references_v_version_file_id_media_id_fk" FOREIGN KEY ("version_file_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_references_v" ADD CONSTRAINT "_references_v_version_cover_id_media_id_fk" FOREIGN KEY ("version_cover_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_references_v" ADD CONSTRAINT "_references_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_references_v" ADD CONSTRAINT "_references_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_references_v_texts" ADD CONSTRAINT "_references_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_references_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_references_v_rels" ADD CONSTRAINT "_references_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_references_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_references_v_rels" ADD CONSTRAINT "_references_v_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "questions" ADD CONSTRAINT "questions_asked_by_id_users_id_fk" FOREIGN KEY ("asked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "questions" ADD CONSTRAINT "questions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "questions" ADD CONSTRAINT "questions_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "questions" ADD CONSTRAINT "questions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "questions" ADD CONSTRAINT "questions_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "questions_rels" ADD CONSTRAINT "questions_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "questions_rels" ADD CONSTRAINT "questions_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_parent_id_questions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."questions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_version_asked_by_id_users_id_fk" FOREIGN KEY ("version_asked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_version_unit_id_units_id_fk" FOREIGN KEY ("version_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_version_answered_by_id_users_id_fk" FOREIGN KEY ("version_answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_version_created_by_id_users_id_fk" FOREIGN KEY ("version_created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v" ADD CONSTRAINT "_questions_v_version_last_edited_by_id_users_id_fk" FOREIGN KEY ("version_last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_questions_v_rels" ADD CONSTRAINT "_questions_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_questions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_questions_v_rels" ADD CONSTRAINT "_questions_v_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media_rels" ADD CONSTRAINT "media_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media_rels" ADD CONSTRAINT "media_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "users_roles" ADD CONSTRAINT "users_roles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_documents_fk" FOREIGN KEY ("documents_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_orientations_fk" FOREIGN KEY ("orientations_id") REFERENCES "public"."orientations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_identified_pages_fk" FOREIGN KEY ("identified_pages_id") REFERENCES "public"."identified_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_questions_fk" FOREIGN KEY ("questions_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_units_fk" FOREIGN KEY ("units_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_log_fk" FOREIGN KEY ("audit_log_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "documents_symbol_idx" ON "documents" USING btree ("symbol");
  CREATE INDEX "documents_kind_idx" ON "documents" USING btree ("kind");
  CREATE INDEX "documents_issue_date_idx" ON "documents" USING btree ("issue_date");
  CREATE INDEX "documents_supersedes_idx" ON "documents" USING btree ("supersedes_id");
  CREATE INDEX "documents_audience_idx" ON "documents" USING btree ("audience");
  CREATE INDEX "documents_review_state_idx" ON "documents" USING btree ("review_state");
  CREATE INDEX "documents_publish_at_idx" ON "documents" USING btree ("publish_at");
  CREATE INDEX "documents_unpublish_at_idx" ON "documents" USING btree ("unpublish_at");
  CREATE INDEX "documents_created_by_idx" ON "documents" USING btree ("created_by_id");
  CREATE INDEX "documents_last_edited_by_idx" ON "documents" USING btree ("last_edited_by_id");
  CREATE INDEX "documents_updated_at_idx" ON "documents" USING btree ("updated_at");
  CREATE INDEX "documents_created_at_idx" ON "documents" USING btree ("created_at");
  CREATE INDEX "documents__status_idx" ON "documents" USING btree ("_status");
  CREATE INDEX "documents_rels_order_idx" ON "documents_rels" USING btree ("order");
  CREATE INDEX "documents_rels_parent_idx" ON "documents_rels" USING btree ("parent_id");
  CREATE INDEX "documents_rels_path_idx" ON "documents_rels" USING btree ("path");
  CREATE INDEX "documents_rels_media_id_idx" ON "documents_rels" USING btree ("media_id");
  CREATE INDEX "documents_rels_units_id_idx" ON "documents_rels" USING btree ("units_id");
  CREATE INDEX "_documents_v_parent_idx" ON "_documents_v" USING btree ("parent_id");
  CREATE INDEX "_documents_v_version_version_symbol_idx" ON "_documents_v" USING btree ("version_symbol");
  CREATE INDEX "_documents_v_version_version_kind_idx" ON "_documents_v" USING btree ("version_kind");
  CREATE INDEX "_documents_v_version_version_issue_date_idx" ON "_documents_v" USING btree ("version_issue_date");
  CREATE INDEX "_documents_v_version_version_supersedes_idx" ON "_documents_v" USING btree ("version_supersedes_id");
  CREATE INDEX "_documents_v_version_version_audience_idx" ON "_documents_v" USING btree ("version_audience");
  CREATE INDEX "_documents_v_version_version_review_state_idx" ON "_documents_v" USING btree ("version_review_state");
  CREATE INDEX "_documents_v_version_version_publish_at_idx" ON "_documents_v" USING btree ("version_publish_at");
  CREATE INDEX "_documents_v_version_version_unpublish_at_idx" ON "_documents_v" USING btree ("version_unpublish_at");
  CREATE INDEX "_documents_v_version_version_created_by_idx" ON "_documents_v" USING btree ("version_created_by_id");
  CREATE INDEX "_documents_v_version_version_last_edited_by_idx" ON "_documents_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_documents_v_version_version_updated_at_idx" ON "_documents_v" USING btree ("version_updated_at");
  CREATE INDEX "_documents_v_version_version_created_at_idx" ON "_documents_v" USING btree ("version_created_at");
  CREATE INDEX "_documents_v_version_version__status_idx" ON "_documents_v" USING btree ("version__status");
  CREATE INDEX "_documents_v_created_at_idx" ON "_documents_v" USING btree ("created_at");
  CREATE INDEX "_documents_v_updated_at_idx" ON "_documents_v" USING btree ("updated_at");
  CREATE INDEX "_documents_v_latest_idx" ON "_documents_v" USING btree ("latest");
  CREATE INDEX "_documents_v_rels_order_idx" ON "_documents_v_rels" USING btree ("order");
  CREATE INDEX "_documents_v_rels_parent_idx" ON "_documents_v_rels" USING btree ("parent_id");
  CREATE INDEX "_documents_v_rels_path_idx" ON "_documents_v_rels" USING btree ("path");
  CREATE INDEX "_documents_v_rels_media_id_idx" ON "_documents_v_rels" USING btree ("media_id");
  CREATE INDEX "_documents_v_rels_units_id_idx" ON "_documents_v_rels" USING btree ("units_id");
  CREATE INDEX "orientations_key_messages_order_idx" ON "orientations_key_messages" USING btree ("_order");
  CREATE INDEX "orientations_key_messages_parent_id_idx" ON "orientations_key_messages" USING btree ("_parent_id");
  CREATE INDEX "orientations_period_start_idx" ON "orientations" USING btree ("period_start");
  CREATE INDEX "orientations_audio_idx" ON "orientations" USING btree ("audio_id");
  CREATE INDEX "orientations_audience_idx" ON "orientations" USING btree ("audience");
  CREATE INDEX "orientations_review_state_idx" ON "orientations" USING btree ("review_state");
  CREATE INDEX "orientations_publish_at_idx" ON "orientations" USING btree ("publish_at");
  CREATE INDEX "orientations_unpublish_at_idx" ON "orientations" USING btree ("unpublish_at");
  CREATE INDEX "orientations_created_by_idx" ON "orientations" USING btree ("created_by_id");
  CREATE INDEX "orientations_last_edited_by_idx" ON "orientations" USING btree ("last_edited_by_id");
  CREATE INDEX "orientations_updated_at_idx" ON "orientations" USING btree ("updated_at");
  CREATE INDEX "orientations_created_at_idx" ON "orientations" USING btree ("created_at");
  CREATE INDEX "orientations__status_idx" ON "orientations" USING btree ("_status");
  CREATE INDEX "orientations_rels_order_idx" ON "orientations_rels" USING btree ("order");
  CREATE INDEX "orientations_rels_parent_idx" ON "orientations_rels" USING btree ("parent_id");
  CREATE INDEX "orientations_rels_path_idx" ON "orientations_rels" USING btree ("path");
  CREATE INDEX "orientations_rels_documents_id_idx" ON "orientations_rels" USING btree ("documents_id");
  CREATE INDEX "orientations_rels_references_id_idx" ON "orientations_rels" USING btree ("references_id");
  CREATE INDEX "orientations_rels_units_id_idx" ON "orientations_rels" USING btree ("units_id");
  CREATE INDEX "_orientations_v_version_key_messages_order_idx" ON "_orientations_v_version_key_messages" USING btree ("_order");
  CREATE INDEX "_orientations_v_version_key_messages_parent_id_idx" ON "_orientations_v_version_key_messages" USING btree ("_parent_id");
  CREATE INDEX "_orientations_v_parent_idx" ON "_orientations_v" USING btree ("parent_id");
  CREATE INDEX "_orientations_v_version_version_period_start_idx" ON "_orientations_v" USING btree ("version_period_start");
  CREATE INDEX "_orientations_v_version_version_audio_idx" ON "_orientations_v" USING btree ("version_audio_id");
  CREATE INDEX "_orientations_v_version_version_audience_idx" ON "_orientations_v" USING btree ("version_audience");
  CREATE INDEX "_orientations_v_version_version_review_state_idx" ON "_orientations_v" USING btree ("version_review_state");
  CREATE INDEX "_orientations_v_version_version_publish_at_idx" ON "_orientations_v" USING btree ("version_publish_at");
  CREATE INDEX "_orientations_v_version_version_unpublish_at_idx" ON "_orientations_v" USING btree ("version_unpublish_at");
  CREATE INDEX "_orientations_v_version_version_created_by_idx" ON "_orientations_v" USING btree ("version_created_by_id");
  CREATE INDEX "_orientations_v_version_version_last_edited_by_idx" ON "_orientations_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_orientations_v_version_version_updated_at_idx" ON "_orientations_v" USING btree ("version_updated_at");
  CREATE INDEX "_orientations_v_version_version_created_at_idx" ON "_orientations_v" USING btree ("version_created_at");
  CREATE INDEX "_orientations_v_version_version__status_idx" ON "_orientations_v" USING btree ("version__status");
  CREATE INDEX "_orientations_v_created_at_idx" ON "_orientations_v" USING btree ("created_at");
  CREATE INDEX "_orientations_v_updated_at_idx" ON "_orientations_v" USING btree ("updated_at");
  CREATE INDEX "_orientations_v_latest_idx" ON "_orientations_v" USING btree ("latest");
  CREATE INDEX "_orientations_v_rels_order_idx" ON "_orientations_v_rels" USING btree ("order");
  CREATE INDEX "_orientations_v_rels_parent_idx" ON "_orientations_v_rels" USING btree ("parent_id");
  CREATE INDEX "_orientations_v_rels_path_idx" ON "_orientations_v_rels" USING btree ("path");
  CREATE INDEX "_orientations_v_rels_documents_id_idx" ON "_orientations_v_rels" USING btree ("documents_id");
  CREATE INDEX "_orientations_v_rels_references_id_idx" ON "_orientations_v_rels" USING btree ("references_id");
  CREATE INDEX "_orientations_v_rels_units_id_idx" ON "_orientations_v_rels" USING btree ("units_id");
  CREATE INDEX "identified_pages_classification_idx" ON "identified_pages" USING btree ("classification");
  CREATE UNIQUE INDEX "identified_pages_url_idx" ON "identified_pages" USING btree ("url");
  CREATE INDEX "identified_pages_audience_idx" ON "identified_pages" USING btree ("audience");
  CREATE INDEX "identified_pages_review_state_idx" ON "identified_pages" USING btree ("review_state");
  CREATE INDEX "identified_pages_publish_at_idx" ON "identified_pages" USING btree ("publish_at");
  CREATE INDEX "identified_pages_unpublish_at_idx" ON "identified_pages" USING btree ("unpublish_at");
  CREATE INDEX "identified_pages_created_by_idx" ON "identified_pages" USING btree ("created_by_id");
  CREATE INDEX "identified_pages_last_edited_by_idx" ON "identified_pages" USING btree ("last_edited_by_id");
  CREATE INDEX "identified_pages_updated_at_idx" ON "identified_pages" USING btree ("updated_at");
  CREATE INDEX "identified_pages_created_at_idx" ON "identified_pages" USING btree ("created_at");
  CREATE INDEX "identified_pages__status_idx" ON "identified_pages" USING btree ("_status");
  CREATE INDEX "identified_pages_rels_order_idx" ON "identified_pages_rels" USING btree ("order");
  CREATE INDEX "identified_pages_rels_parent_idx" ON "identified_pages_rels" USING btree ("parent_id");
  CREATE INDEX "identified_pages_rels_path_idx" ON "identified_pages_rels" USING btree ("path");
  CREATE INDEX "identified_pages_rels_media_id_idx" ON "identified_pages_rels" USING btree ("media_id");
  CREATE INDEX "identified_pages_rels_references_id_idx" ON "identified_pages_rels" USING btree ("references_id");
  CREATE INDEX "identified_pages_rels_orientations_id_idx" ON "identified_pages_rels" USING btree ("orientations_id");
  CREATE INDEX "identified_pages_rels_units_id_idx" ON "identified_pages_rels" USING btree ("units_id");
  CREATE INDEX "_identified_pages_v_parent_idx" ON "_identified_pages_v" USING btree ("parent_id");
  CREATE INDEX "_identified_pages_v_version_version_classification_idx" ON "_identified_pages_v" USING btree ("version_classification");
  CREATE INDEX "_identified_pages_v_version_version_url_idx" ON "_identified_pages_v" USING btree ("version_url");
  CREATE INDEX "_identified_pages_v_version_version_audience_idx" ON "_identified_pages_v" USING btree ("version_audience");
  CREATE INDEX "_identified_pages_v_version_version_review_state_idx" ON "_identified_pages_v" USING btree ("version_review_state");
  CREATE INDEX "_identified_pages_v_version_version_publish_at_idx" ON "_identified_pages_v" USING btree ("version_publish_at");
  CREATE INDEX "_identified_pages_v_version_version_unpublish_at_idx" ON "_identified_pages_v" USING btree ("version_unpublish_at");
  CREATE INDEX "_identified_pages_v_version_version_created_by_idx" ON "_identified_pages_v" USING btree ("version_created_by_id");
  CREATE INDEX "_identified_pages_v_version_version_last_edited_by_idx" ON "_identified_pages_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_identified_pages_v_version_version_updated_at_idx" ON "_identified_pages_v" USING btree ("version_updated_at");
  CREATE INDEX "_identified_pages_v_version_version_created_at_idx" ON "_identified_pages_v" USING btree ("version_created_at");
  CREATE INDEX "_identified_pages_v_version_version__status_idx" ON "_identified_pages_v" USING btree ("version__status");
  CREATE INDEX "_identified_pages_v_created_at_idx" ON "_identified_pages_v" USING btree ("created_at");
  CREATE INDEX "_identified_pages_v_updated_at_idx" ON "_identified_pages_v" USING btree ("updated_at");
  CREATE INDEX "_identified_pages_v_latest_idx" ON "_identified_pages_v" USING btree ("latest");
  CREATE INDEX "_identified_pages_v_rels_order_idx" ON "_identified_pages_v_rels" USING btree ("order");
  CREATE INDEX "_identified_pages_v_rels_parent_idx" ON "_identified_pages_v_rels" USING btree ("parent_id");
  CREATE INDEX "_identified_pages_v_rels_path_idx" ON "_identified_pages_v_rels" USING btree ("path");
  CREATE INDEX "_identified_pages_v_rels_media_id_idx" ON "_identified_pages_v_rels" USING btree ("media_id");
  CREATE INDEX "_identified_pages_v_rels_references_id_idx" ON "_identified_pages_v_rels" USING btree ("references_id");
  CREATE INDEX "_identified_pages_v_rels_orientations_id_idx" ON "_identified_pages_v_rels" USING btree ("orientations_id");
  CREATE INDEX "_identified_pages_v_rels_units_id_idx" ON "_identified_pages_v_rels" USING btree ("units_id");
  CREATE INDEX "references_kind_idx" ON "references" USING btree ("kind");
  CREATE INDEX "references_file_idx" ON "references" USING btree ("file_id");
  CREATE INDEX "references_cover_idx" ON "references" USING btree ("cover_id");
  CREATE INDEX "references_audience_idx" ON "references" USING btree ("audience");
  CREATE INDEX "references_review_state_idx" ON "references" USING btree ("review_state");
  CREATE INDEX "references_publish_at_idx" ON "references" USING btree ("publish_at");
  CREATE INDEX "references_unpublish_at_idx" ON "references" USING btree ("unpublish_at");
  CREATE INDEX "references_created_by_idx" ON "references" USING btree ("created_by_id");
  CREATE INDEX "references_last_edited_by_idx" ON "references" USING btree ("last_edited_by_id");
  CREATE INDEX "references_updated_at_idx" ON "references" USING btree ("updated_at");
  CREATE INDEX "references_created_at_idx" ON "references" USING btree ("created_at");
  CREATE INDEX "references__status_idx" ON "references" USING btree ("_status");
  CREATE INDEX "references_texts_order_parent" ON "references_texts" USING btree ("order","parent_id");
  CREATE INDEX "references_rels_order_idx" ON "references_rels" USING btree ("order");
  CREATE INDEX "references_rels_parent_idx" ON "references_rels" USING btree ("parent_id");
  CREATE INDEX "references_rels_path_idx" ON "references_rels" USING btree ("path");
  CREATE INDEX "references_rels_units_id_idx" ON "references_rels" USING btree ("units_id");
  CREATE INDEX "_references_v_parent_idx" ON "_references_v" USING btree ("parent_id");
  CREATE INDEX "_references_v_version_version_kind_idx" ON "_references_v" USING btree ("version_kind");
  CREATE INDEX "_references_v_version_version_file_idx" ON "_references_v" USING btree ("version_file_id");
  CREATE INDEX "_references_v_version_version_cover_idx" ON "_references_v" USING btree ("version_cover_id");
  CREATE INDEX "_references_v_version_version_audience_idx" ON "_references_v" USING btree ("version_audience");
  CREATE INDEX "_references_v_version_version_review_state_idx" ON "_references_v" USING btree ("version_review_state");
  CREATE INDEX "_references_v_version_version_publish_at_idx" ON "_references_v" USING btree ("version_publish_at");
  CREATE INDEX "_references_v_version_version_unpublish_at_idx" ON "_references_v" USING btree ("version_unpublish_at");
  CREATE INDEX "_references_v_version_version_created_by_idx" ON "_references_v" USING btree ("version_created_by_id");
  CREATE INDEX "_references_v_version_version_last_edited_by_idx" ON "_references_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_references_v_version_version_updated_at_idx" ON "_references_v" USING btree ("version_updated_at");
  CREATE INDEX "_references_v_version_version_created_at_idx" ON "_references_v" USING btree ("version_created_at");
  CREATE INDEX "_references_v_version_version__status_idx" ON "_references_v" USING btree ("version__status");
  CREATE INDEX "_references_v_created_at_idx" ON "_references_v" USING btree ("created_at");
  CREATE INDEX "_references_v_updated_at_idx" ON "_references_v" USING btree ("updated_at");
  CREATE INDEX "_references_v_latest_idx" ON "_references_v" USING btree ("latest");
  CREATE INDEX "_references_v_texts_order_parent" ON "_references_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "_references_v_rels_order_idx" ON "_references_v_rels" USING btree ("order");
  CREATE INDEX "_references_v_rels_parent_idx" ON "_references_v_rels" USING btree ("parent_id");
  CREATE INDEX "_references_v_rels_path_idx" ON "_references_v_rels" USING btree ("path");
  CREATE INDEX "_references_v_rels_units_id_idx" ON "_references_v_rels" USING btree ("units_id");
  CREATE INDEX "questions_asked_by_idx" ON "questions" USING btree ("asked_by_id");
  CREATE INDEX "questions_unit_idx" ON "questions" USING btree ("unit_id");
  CREATE INDEX "questions_answered_by_idx" ON "questions" USING btree ("answered_by_id");
  CREATE INDEX "questions_state_idx" ON "questions" USING btree ("state");
  CREATE INDEX "questions_audience_idx" ON "questions" USING btree ("audience");
  CREATE INDEX "questions_review_state_idx" ON "questions" USING btree ("review_state");
  CREATE INDEX "questions_publish_at_idx" ON "questions" USING btree ("publish_at");
  CREATE INDEX "questions_unpublish_at_idx" ON "questions" USING btree ("unpublish_at");
  CREATE INDEX "questions_created_by_idx" ON "questions" USING btree ("created_by_id");
  CREATE INDEX "questions_last_edited_by_idx" ON "questions" USING btree ("last_edited_by_id");
  CREATE INDEX "questions_updated_at_idx" ON "questions" USING btree ("updated_at");
  CREATE INDEX "questions_created_at_idx" ON "questions" USING btree ("created_at");
  CREATE INDEX "questions__status_idx" ON "questions" USING btree ("_status");
  CREATE INDEX "questions_rels_order_idx" ON "questions_rels" USING btree ("order");
  CREATE INDEX "questions_rels_parent_idx" ON "questions_rels" USING btree ("parent_id");
  CREATE INDEX "questions_rels_path_idx" ON "questions_rels" USING btree ("path");
  CREATE INDEX "questions_rels_units_id_idx" ON "questions_rels" USING btree ("units_id");
  CREATE INDEX "_questions_v_parent_idx" ON "_questions_v" USING btree ("parent_id");
  CREATE INDEX "_questions_v_version_version_asked_by_idx" ON "_questions_v" USING btree ("version_asked_by_id");
  CREATE INDEX "_questions_v_version_version_unit_idx" ON "_questions_v" USING btree ("version_unit_id");
  CREATE INDEX "_questions_v_version_version_answered_by_idx" ON "_questions_v" USING btree ("version_answered_by_id");
  CREATE INDEX "_questions_v_version_version_state_idx" ON "_questions_v" USING btree ("version_state");
  CREATE INDEX "_questions_v_version_version_audience_idx" ON "_questions_v" USING btree ("version_audience");
  CREATE INDEX "_questions_v_version_version_review_state_idx" ON "_questions_v" USING btree ("version_review_state");
  CREATE INDEX "_questions_v_version_version_publish_at_idx" ON "_questions_v" USING btree ("version_publish_at");
  CREATE INDEX "_questions_v_version_version_unpublish_at_idx" ON "_questions_v" USING btree ("version_unpublish_at");
  CREATE INDEX "_questions_v_version_version_created_by_idx" ON "_questions_v" USING btree ("version_created_by_id");
  CREATE INDEX "_questions_v_version_version_last_edited_by_idx" ON "_questions_v" USING btree ("version_last_edited_by_id");
  CREATE INDEX "_questions_v_version_version_updated_at_idx" ON "_questions_v" USING btree ("version_updated_at");
  CREATE INDEX "_questions_v_version_version_created_at_idx" ON "_questions_v" USING btree ("version_created_at");
  CREATE INDEX "_questions_v_version_version__status_idx" ON "_questions_v" USING btree ("version__status");
  CREATE INDEX "_questions_v_created_at_idx" ON "_questions_v" USING btree ("created_at");
  CREATE INDEX "_questions_v_updated_at_idx" ON "_questions_v" USING btree ("updated_at");
  CREATE INDEX "_questions_v_latest_idx" ON "_questions_v" USING btree ("latest");
  CREATE INDEX "_questions_v_rels_order_idx" ON "_questions_v_rels" USING btree ("order");
  CREATE INDEX "_questions_v_rels_parent_idx" ON "_questions_v_rels" USING btree ("parent_id");
  CREATE INDEX "_questions_v_rels_path_idx" ON "_questions_v_rels" USING btree ("path");
  CREATE INDEX "_questions_v_rels_units_id_idx" ON "_questions_v_rels" USING btree ("units_id");
  CREATE INDEX "media_visibility_idx" ON "media" USING btree ("visibility");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_card_sizes_card_filename_idx" ON "media" USING btree ("sizes_card_filename");
  CREATE INDEX "media_sizes_large_sizes_large_filename_idx" ON "media" USING btree ("sizes_large_filename");
  CREATE INDEX "media_rels_order_idx" ON "media_rels" USING btree ("order");
  CREATE INDEX "media_rels_parent_idx" ON "media_rels" USING btree ("parent_id");
  CREATE INDEX "media_rels_path_idx" ON "media_rels" USING btree ("path");
  CREATE INDEX "media_rels_units_id_idx" ON "media_rels" USING btree ("units_id");
  CREATE UNIQUE INDEX "units_code_idx" ON "units" USING btree ("code");
  CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");
  CREATE INDEX "units_updated_at_idx" ON "units" USING btree ("updated_at");
  CREATE INDEX "units_created_at_idx" ON "units" USING btree ("created_at");
  CREATE INDEX "users_roles_order_idx" ON "users_roles" USING btree ("order");
  CREATE INDEX "users_roles_parent_idx" ON "users_roles" USING btree ("parent_id");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");
  CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");
  CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");
  CREATE INDEX "audit_log_collection_slug_idx" ON "audit_log" USING btree ("collection_slug");
  CREATE INDEX "audit_log_item_id_idx" ON "audit_log" USING btree ("item_id");
  CREATE UNIQUE INDEX "audit_log_hash_idx" ON "audit_log" USING btree ("hash");
  CREATE INDEX "audit_log_updated_at_idx" ON "audit_log" USING btree ("updated_at");
  CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_documents_id_idx" ON "payload_locked_documents_rels" USING btree ("documents_id");
  CREATE INDEX "payload_locked_documents_rels_orientations_id_idx" ON "payload_locked_documents_rels" USING btree ("orientations_id");
  CREATE INDEX "payload_locked_documents_rels_identified_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("identified_pages_id");
  CREATE INDEX "payload_locked_documents_rels_references_id_idx" ON "payload_locked_documents_rels" USING btree ("references_id");
  CREATE INDEX "payload_locked_documents_rels_questions_id_idx" ON "payload_locked_documents_rels" USING btree ("questions_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_units_id_idx" ON "payload_locked_documents_rels" USING btree ("units_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_audit_log_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_log_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "documents" CASCADE;
  DROP TABLE "documents_rels" CASCADE;
  DROP TABLE "_documents_v" CASCADE;
  DROP TABLE "_documents_v_rels" CASCADE;
  DROP TABLE "orientations_key_messages" CASCADE;
  DROP TABLE "orientations" CASCADE;
  DROP TABLE "orientations_rels" CASCADE;
  DROP TABLE "_orientations_v_version_key_messages" CASCADE;
  DROP TABLE "_orientations_v" CASCADE;
  DROP TABLE "_orientations_v_rels" CASCADE;
  DROP TABLE "identified_pages" CASCADE;
  DROP TABLE "identified_pages_rels" CASCADE;
  DROP TABLE "_identified_pages_v" CASCADE;
  DROP TABLE "_identified_pages_v_rels" CASCADE;
  DROP TABLE "references" CASCADE;
  DROP TABLE "references_texts" CASCADE;
  DROP TABLE "references_rels" CASCADE;
  DROP TABLE "_references_v" CASCADE;
  DROP TABLE "_references_v_texts" CASCADE;
  DROP TABLE "_references_v_rels" CASCADE;
  DROP TABLE "questions" CASCADE;
  DROP TABLE "questions_rels" CASCADE;
  DROP TABLE "_questions_v" CASCADE;
  DROP TABLE "_questions_v_rels" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "media_rels" CASCADE;
  DROP TABLE "units" CASCADE;
  DROP TABLE "users_roles" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "audit_log" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_documents_kind";
  DROP TYPE "public"."enum_documents_audience";
  DROP TYPE "public"."enum_documents_review_state";
  DROP TYPE "public"."enum_documents_status";
  DROP TYPE "public"."enum__documents_v_version_kind";
  DROP TYPE "public"."enum__documents_v_version_audience";
  DROP TYPE "public"."enum__documents_v_version_review_state";
  DROP TYPE "public"."enum__documents_v_version_status";
  DROP TYPE "public"."enum_orientations_period";
  DROP TYPE "public"."enum_orientations_audience";
  DROP TYPE "public"."enum_orientations_review_state";
  DROP TYPE "public"."enum_orientations_status";
  DROP TYPE "public"."enum__orientations_v_version_period";
  DROP TYPE "public"."enum__orientations_v_version_audience";
  DROP TYPE "public"."enum__orientations_v_version_review_state";
  DROP TYPE "public"."enum__orientations_v_version_status";
  DROP TYPE "public"."enum_identified_pages_platform";
  DROP TYPE "public"."enum_identified_pages_classification";
  DROP TYPE "public"."enum_identified_pages_page_status";
  DROP TYPE "public"."enum_identified_pages_audience";
  DROP TYPE "public"."enum_identified_pages_review_state";
  DROP TYPE "public"."enum_identified_pages_status";
  DROP TYPE "public"."enum__identified_pages_v_version_platform";
  DROP TYPE "public"."enum__identified_pages_v_version_classification";
  DROP TYPE "public"."enum__identified_pages_v_version_page_status";
  DROP TYPE "public"."enum__identified_pages_v_version_audience";
  DROP TYPE "public"."enum__identified_pages_v_version_review_state";
  DROP TYPE "public"."enum__identified_pages_v_version_status";
  DROP TYPE "public"."enum_references_kind";
  DROP TYPE "public"."enum_references_audience";
  DROP TYPE "public"."enum_references_review_state";
  DROP TYPE "public"."enum_references_status";
  DROP TYPE "public"."enum__references_v_version_kind";
  DROP TYPE "public"."enum__references_v_version_audience";
  DROP TYPE "public"."enum__references_v_version_review_state";
  DROP TYPE "public"."enum__references_v_version_status";
  DROP TYPE "public"."enum_questions_state";
  DROP TYPE "public"."enum_questions_audience";
  DROP TYPE "public"."enum_questions_review_state";
  DROP TYPE "public"."enum_questions_status";
  DROP TYPE "public"."enum__questions_v_version_state";
  DROP TYPE "public"."enum__questions_v_version_audience";
  DROP TYPE "public"."enum__questions_v_version_review_state";
  DROP TYPE "public"."enum__questions_v_version_status";
  DROP TYPE "public"."enum_media_visibility";
  DROP TYPE "public"."enum_units_kind";
  DROP TYPE "public"."enum_users_roles";
  DROP TYPE "public"."enum_audit_log_action";`)
}
