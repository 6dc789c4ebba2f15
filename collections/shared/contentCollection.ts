import type { CollectionConfig } from 'payload'

import type { ContentSlug } from '../slugs'
import { adminsOnly, publishedForAudience, staffOnly } from '../../src/access'
import { auditDelete, auditDraftSave } from '../../src/audit/hooks'
import { audienceFields } from '../../src/fields/audience'
import { workflowEndpoint } from '../../src/workflow/endpoint'
import { workflowFields } from '../../src/workflow/fields'
import { keepDirectSavesDraft, trackAuthorship } from '../../src/workflow/guards'
import {
  syncMediaVisibilityAfterChange,
  syncMediaVisibilityAfterDelete,
} from '../Media/hooks/syncMediaVisibility'
import { groups } from './groups'
import { hideDraftsFromReaders } from './hideDraftsFromReaders'

/**
 * The common shape of the five handbook sections: explicit access for every operation, drafts
 * and versions moved through the review workflow, an audience, an audit trail, and media whose
 * visibility follows the items that use them.
 */
export const contentCollection = (
  config: CollectionConfig & { slug: ContentSlug },
): CollectionConfig => ({
  ...config,
  access: {
    create: staffOnly,
    read: publishedForAudience,
    update: staffOnly,
    delete: adminsOnly,
    readVersions: staffOnly,
    unlock: staffOnly,
    ...config.access,
  },
  admin: {
    group: groups.handbook,
    defaultColumns: ['title', 'reviewState', 'audience', 'updatedAt'],
    ...config.admin,
    components: {
      ...config.admin?.components,
      edit: {
        ...config.admin?.components?.edit,
        // Publishing and unpublishing happen only through the workflow panel in the sidebar.
        PublishButton: '/src/admin/NoButton#NoButton',
        UnpublishButton: '/src/admin/NoButton#NoButton',
      },
    },
  },
  // The list view's bulk edit/publish/unpublish would bypass review; the server refuses them too.
  disableBulkEdit: true,
  // Drafts are validated like published items: a draft with a missing required field is refused.
  versions: { drafts: { validate: true }, maxPerDoc: 50 },
  endpoints: [
    ...(Array.isArray(config.endpoints) ? config.endpoints : []),
    workflowEndpoint(config.slug),
  ],
  fields: [...config.fields, ...audienceFields, ...workflowFields],
  hooks: {
    ...config.hooks,
    beforeOperation: [
      hideDraftsFromReaders,
      keepDirectSavesDraft,
      ...(config.hooks?.beforeOperation ?? []),
    ],
    beforeChange: [trackAuthorship, ...(config.hooks?.beforeChange ?? [])],
    afterChange: [
      ...(config.hooks?.afterChange ?? []),
      syncMediaVisibilityAfterChange,
      auditDraftSave,
    ],
    afterDelete: [
      ...(config.hooks?.afterDelete ?? []),
      syncMediaVisibilityAfterDelete,
      auditDelete,
    ],
  },
})
