import type { CollectionConfig } from 'payload'

import { adminsOnly, publishedForAudience, staffOnly } from '../../src/access'
import { audienceFields } from '../../src/fields/audience'
import {
  syncMediaVisibilityAfterChange,
  syncMediaVisibilityAfterDelete,
} from '../Media/hooks/syncMediaVisibility'
import { groups } from './groups'
import { hideDraftsFromReaders } from './hideDraftsFromReaders'

/**
 * The common shape of the five handbook sections: explicit access for every operation, drafts
 * and versions, an audience, and media whose visibility follows the items that use them.
 */
export const contentCollection = (config: CollectionConfig): CollectionConfig => ({
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
    defaultColumns: ['title', '_status', 'audience', 'updatedAt'],
    ...config.admin,
  },
  versions: { drafts: true, maxPerDoc: 50 },
  fields: [...config.fields, ...audienceFields],
  hooks: {
    ...config.hooks,
    beforeOperation: [hideDraftsFromReaders, ...(config.hooks?.beforeOperation ?? [])],
    afterChange: [...(config.hooks?.afterChange ?? []), syncMediaVisibilityAfterChange],
    afterDelete: [...(config.hooks?.afterDelete ?? []), syncMediaVisibilityAfterDelete],
  },
})
