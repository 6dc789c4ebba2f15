import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { vi } from '@payloadcms/translations/languages/vi'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { AuditLog } from './collections/AuditLog'
import { groups } from './collections/shared/groups'
import { Documents } from './collections/Documents'
import { FeedConsumers } from './collections/FeedConsumers'
import { IdentifiedPages } from './collections/IdentifiedPages'
import { Media } from './collections/Media'
import { Orientations } from './collections/Orientations'
import { Questions } from './collections/Questions'
import { References } from './collections/References'
import { Units } from './collections/Units'
import { Users } from './collections/Users'
import { contentSlugs } from './collections/slugs'
import { integrityPlugin } from './plugins/integrity'
import { graphqlLimitsFromEnv, graphqlValidationRules } from './plugins/integrity/graphqlLimits'
import { typesenseSync } from './plugins/typesense-sync'
import { notifyPublicChange } from './src/lib/publicChange'
import { accountSecurity } from './src/auth'
import { emailAdapter } from './src/email/adapter'
import { workflowMutation } from './src/workflow/graphql'
import { isAdmin, isStaff } from './src/access'
import { restrictLockedDocuments } from './src/access/lockedDocuments'
import { label } from './src/fields/label'
import {
  MAX_JSON_DEPTH,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_UPLOAD_BYTES,
  MAX_WHERE_CONDITIONS,
  MAX_WHERE_VALUES,
  MULTIPART_OVERHEAD_BYTES,
} from './src/lib/limits'
import { payloadLogger } from './src/lib/payloadLogger'
import { homeEndpoint } from './src/public/home'
import { invitationTask } from './src/import/invitations'

const dirname = path.dirname(fileURLToPath(import.meta.url))

// One image at a time per upload: the server's two cores keep serving reads while it resizes.
sharp.concurrency(1)

const adminOnlyJobs = ({ req }: { req: { user?: unknown } }) => isAdmin(req.user as never)

// The server (src/server) always sets PAYLOAD_SECRET and DATABASE_URL before this module loads;
// the placeholders only serve `next build` and the generate commands, which open no session.
const secret = process.env.PAYLOAD_SECRET || 'build-time-placeholder-not-used-at-runtime'
const databaseUrl = process.env.DATABASE_URL || 'postgres://localhost:5432/sotay'

const config = buildConfig({
  serverURL: process.env.SERVER_URL || undefined,
  secret,
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' — Sổ tay' },
    importMap: { baseDir: dirname },
    dateFormat: 'dd/MM/yyyy',
    // Gravatar would reach out to the internet from every reader's browser.
    avatar: 'default',
    components: {
      afterNavLinks: ['/src/admin/ReviewNavLink#ReviewNavLink'],
      beforeDashboard: ['/src/admin/ScheduleFailures#ScheduleFailures'],
      views: {
        reviewQueue: { Component: '/src/admin/ReviewQueue#ReviewQueue', path: '/review' },
      },
    },
  },
  endpoints: [homeEndpoint],
  i18n: {
    supportedLanguages: { vi, en },
    fallbackLanguage: 'vi',
  },
  collections: [
    Documents,
    Orientations,
    IdentifiedPages,
    References,
    Questions,
    Media,
    Units,
    Users,
    AuditLog,
    FeedConsumers,
  ],
  editor: lexicalEditor({
    // Uploads and relationships inside rich text would bypass the file-visibility rules and the
    // HTML renderer; files are attached through the upload fields instead.
    features: ({ defaultFeatures }) =>
      defaultFeatures.filter((feature) => !['upload', 'relationship'].includes(feature.key)),
  }),
  db: postgresAdapter({
    pool: { connectionString: databaseUrl },
    migrationDir: path.resolve(dirname, 'src/migrations'),
    // The schema changes only through committed migrations, run by the server on start.
    push: false,
  }),
  graphQL: {
    disablePlaygroundInProduction: true,
    mutations: workflowMutation,
    // Cost, aliases, depth and page arguments are checked before anything runs (GRAPHQL_MAX_*).
    validationRules: graphqlValidationRules(graphqlLimitsFromEnv()),
  },
  // One limit from configuration: Payload's own 50 MB request limit would otherwise win.
  upload: {
    limits: { fileSize: MAX_UPLOAD_BYTES },
    requestSizeLimit: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
  },
  logger: payloadLogger(),
  email: emailAdapter(),
  jobs: {
    // Invitations of imported accounts (src/import/invitations.ts); the search plugin adds its own.
    tasks: [invitationTask],
    // The server's own runner (src/workflow/scheduler.ts) processes the queues; over HTTP only
    // admins may run, queue or cancel jobs.
    access: { run: adminOnlyJobs, queue: adminOnlyJobs, cancel: adminOnlyJobs },
    // Completed jobs stay a week (pruned by the nightly pass): the sync history admins can read.
    deleteJobOnComplete: false,
    // Admins see the queue (failed search syncs included) under "Hệ thống".
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      labels: { singular: label('Tác vụ nền', 'Job'), plural: label('Tác vụ nền', 'Jobs') },
      admin: { ...defaultJobsCollection.admin, hidden: false, group: groups.system },
      access: { ...defaultJobsCollection.access, read: ({ req }) => isAdmin(req.user) },
    }),
  },
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  telemetry: false,
  plugins: [
    typesenseSync({
      collections: contentSlugs,
      // Cached anonymous search answers (src/server/publicCache.ts) follow the index.
      onIndexChange: (payload) => notifyPublicChange(payload, 'search'),
    }),
    integrityPlugin({
      seesAllRelations: ({ user }) => isStaff(user),
      limits: {
        maxPageSize: MAX_PAGE_SIZE,
        maxPage: MAX_PAGE,
        maxWhereValues: MAX_WHERE_VALUES,
        maxWhereConditions: MAX_WHERE_CONDITIONS,
        maxDataDepth: MAX_JSON_DEPTH,
      },
    }),
    // Last, so that it wraps the endpoints the other plugins add.
    accountSecurity(),
  ],
})

// Payload adds its edit-lock collection while sanitizing, so its access is set afterwards.
export default config.then(restrictLockedDocuments)
