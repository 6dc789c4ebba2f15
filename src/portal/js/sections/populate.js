// Query parts for an item call: which fields of related items and files to bring along.

/** @param {string} collection @param {string[]} fields */
export const populate = (collection, fields) =>
  fields.map((field) => `&populate[${collection}][${field}]=true`).join('')

export const MEDIA = populate('media', [
  'url',
  'filename',
  'mimeType',
  'filesize',
  'width',
  'height',
  'alt',
  'caption',
  'sizes',
])
