// Shared by the portal and the host (src/server/sharePages.ts): no DOM here.

/**
 * The words of a shareable path ("Nghị quyết 05" → "nghi-quyet-05"): no diacritics, lower case,
 * at most 80 characters.
 * @param {string} title
 * @returns {string}
 */
export const urlWords = (title) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')

/** Path segments of the sections (`/van-ban`, `/van-ban/12-…`) and the collections they show. */
export const SECTION_SEGMENTS = /** @type {const} */ ({
  'van-ban': 'documents',
  'dinh-huong': 'orientations',
  'nhan-dien': 'identified-pages',
  'tham-khao': 'references',
  'hoi-dap': 'questions',
})
