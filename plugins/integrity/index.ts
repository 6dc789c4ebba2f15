import type { CollectionConfig, Config, Field } from 'payload'

import type { IntegrityOptions } from './types'
import { formatError } from './formatError'
import { withRelationExists } from './relationExists'
import { rejectMalformedId } from './rejectMalformedId'

export type { IntegrityOptions } from './types'

const mapFields = (fields: Field[]): Field[] =>
  fields.map((field) => {
    if ('fields' in field && Array.isArray(field.fields)) {
      return withRelationExists({ ...field, fields: mapFields(field.fields) } as Field)
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: mapFields(tab.fields) })),
      }
    }
    return withRelationExists(field)
  })

const guardCollection = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: mapFields(collection.fields),
  hooks: {
    ...collection.hooks,
    beforeOperation: [rejectMalformedId, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/**
 * Bad input answered with a 400 that names the problem rather than a database error (500):
 * malformed ids, references to documents that do not exist, and validation errors that keep
 * their field paths.
 */
export const integrityPlugin =
  (options: IntegrityOptions = {}) =>
  (config: Config): Config => {
    if (options.disabled) return config
    return {
      ...config,
      collections: (config.collections ?? []).map(guardCollection),
      hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), formatError] },
    }
  }
