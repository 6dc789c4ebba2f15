/** Collection slugs: everything else imports these, never string literals. */
export const slugs = {
  documents: 'documents',
  orientations: 'orientations',
  identifiedPages: 'identified-pages',
  references: 'references',
  questions: 'questions',
  users: 'users',
  units: 'units',
  media: 'media',
  auditLog: 'audit-log',
  loginAttempts: 'login-attempts',
  feedConsumers: 'feed-consumers',
} as const

export type ContentSlug =
  | typeof slugs.documents
  | typeof slugs.orientations
  | typeof slugs.identifiedPages
  | typeof slugs.references
  | typeof slugs.questions

/** The five sections of the handbook, in the order the UI shows them. */
export const contentSlugs: ContentSlug[] = [
  slugs.documents,
  slugs.orientations,
  slugs.identifiedPages,
  slugs.references,
  slugs.questions,
]
