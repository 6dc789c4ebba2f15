import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import { adminsOnly, authenticated } from '../src/access'
import { auditDelete, auditUnitChange } from '../src/audit/hooks'
import { importUnitsEndpoint } from '../src/import/endpoints'
import { mergeUnitsEndpoint } from '../src/units/merge'
import { label, options } from '../src/fields/label'
import { groups } from './shared/groups'
import { slugs } from './slugs'

/** The Party organisation tree: a Đảng bộ with its chi bộ (and, later, deeper levels). */
export const Units: CollectionConfig = {
  slug: slugs.units,
  graphQL: { singularName: 'Unit', pluralName: 'Units' },
  labels: { singular: label('Đơn vị', 'Unit'), plural: label('Đơn vị', 'Units') },
  admin: {
    group: groups.organisation,
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'code', 'parent'],
    components: { beforeListTable: ['/src/admin/OrganisationTools#UnitImport'] },
  },
  access: {
    create: adminsOnly,
    read: authenticated,
    update: adminsOnly,
    delete: adminsOnly,
    unlock: adminsOnly,
  },
  endpoints: [importUnitsEndpoint, mergeUnitsEndpoint],
  hooks: {
    afterChange: [auditUnitChange],
    afterDelete: [auditDelete],
    beforeChange: [
      async ({ data, originalDoc, req }) => {
        // A unit may not sit below itself: walk up from the new parent.
        const selfId = originalDoc?.id
        let parent = data?.parent ?? null
        const seen = new Set<number>()
        while (selfId != null && parent != null) {
          const parentId = typeof parent === 'object' ? parent.id : parent
          if (parentId === selfId || seen.has(parentId)) {
            throw new APIError(
              'Đơn vị cha không hợp lệ: tạo thành vòng lặp (parent makes a cycle).',
              400,
            )
          }
          seen.add(parentId)
          const next = await req.payload.findByID({
            collection: slugs.units,
            id: parentId,
            depth: 0,
            req,
            overrideAccess: true,
            disableErrors: true,
          })
          parent = next?.parent ?? null
        }
        return data
      },
    ],
  },
  fields: [
    { name: 'name', label: label('Tên đơn vị', 'Name'), type: 'text', required: true },
    {
      name: 'kind',
      label: label('Loại', 'Kind'),
      type: 'select',
      required: true,
      defaultValue: 'chi-bo',
      options: options([
        ['dang-bo', 'Đảng bộ', 'Party committee'],
        ['chi-bo', 'Chi bộ', 'Party cell'],
      ]),
    },
    { name: 'code', label: label('Mã', 'Code'), type: 'text', unique: true, index: true },
    {
      name: 'parent',
      label: label('Trực thuộc', 'Parent'),
      type: 'relationship',
      relationTo: slugs.units,
      index: true,
    },
    {
      name: 'merge',
      type: 'ui',
      admin: { components: { Field: '/src/admin/OrganisationTools#UnitMerge' } },
    },
  ],
}
