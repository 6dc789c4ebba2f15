import type { CollectionConfig, Config, Field } from 'payload'

import type { GuardLimits, IntegrityOptions } from './types'
import { defaultLimits } from './defaults'
import { formatError } from './formatError'
import { guardArgs } from './guardArgs'
import { withRelationExists } from './relationExists'
import { type SeesAllRelations, withHiddenUnreadable } from './relationVisibility'
import { rejectMalformedId } from './rejectMalformedId'

export type { GuardLimits, IntegrityOptions } from './types'
export { clientErrorOf } from './clientErrors'
export { findUnsafeValue } from './safeValue'

/** A btree index entry must stay under about 2.7 KB: indexed text is kept well below. */
const MAX_INDEXED_TEXT = 500

const boundIndexedText = (field: Field): Field => {
  if (field.type !== 'text' || field.maxLength !== undefined) return field
  if (!field.index && !field.unique) return field
  return { ...field, maxLength: MAX_INDEXED_TEXT }
}

const mapFields = (fields: Field[], seesAll: SeesAllRelations): Field[] =>
  fields.map((field) => {
    if ('fields' in field && Array.isArray(field.fields)) {
      return withRelationExists({ ...field, fields: mapFields(field.fields, seesAll) } as Field)
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: mapFields(tab.fields, seesAll) })),
      }
    }
    return withHiddenUnreadable(withRelationExists(boundIndexedText(field)), seesAll)
  })

const guardCollection =
  (limits: GuardLimits, seesAll: SeesAllRelations) =>
  (collection: CollectionConfig): CollectionConfig => ({
    ...collection,
    fields: mapFields(collection.fields, seesAll),
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        rejectMalformedId,
        guardArgs(limits, seesAll),
        ...(collection.hooks?.beforeOperation ?? []),
      ],
    },
  })

/**
 * Bad input answered with a 4xx that names the problem rather than a database error (500):
 * malformed ids, references to documents that do not exist, page sizes and filters the database
 * cannot answer or that would ask too much of it, data no column can hold, and validation errors
 * that keep their field paths.
 */
export const integrityPlugin =
  (options: IntegrityOptions = {}) =>
  (config: Config): Config => {
    if (options.disabled) return config
    const limits = { ...defaultLimits, ...options.limits }
    const seesAll = options.seesAllRelations ?? (() => false)
    const guarded = new Set((config.collections ?? []).map((collection) => collection.slug))
    return {
      ...config,
      collections: (config.collections ?? []).map(guardCollection(limits, seesAll)),
      // Payload adds its own collections (preferences, edit locks, jobs, migrations) while it
      // sanitizes the config, after plugins ran: their queries get the same checks at start.
      onInit: async (payload) => {
        for (const { config: collection } of Object.values(payload.collections)) {
          if (guarded.has(collection.slug)) continue
          collection.hooks.beforeOperation = [
            rejectMalformedId,
            guardArgs(limits, seesAll),
            ...(collection.hooks.beforeOperation ?? []),
          ]
        }
        await config.onInit?.(payload)
      },
      hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), formatError] },
    }
  }
