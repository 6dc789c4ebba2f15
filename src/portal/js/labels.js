// Vietnamese labels for the values the API returns.

export const TEXT = {
  loading: 'Đang tải…',
  empty: 'Chưa có nội dung công khai.',
  emptyFiltered: 'Không có mục nào khớp bộ lọc.',
  error: 'Không tải được dữ liệu. Vui lòng thử lại sau.',
  offline: 'Không có kết nối mạng. Nội dung đã đọc trước đây vẫn xem được.',
  untitled: '(Chưa có tiêu đề)',
  searching: 'Đang tìm…',
  /** @param {number} total @param {string} q */
  found: (total, q) => `Tìm thấy ${total} kết quả cho “${q}”`,
  searchEmpty: 'Không tìm thấy kết quả. Hãy thử từ khoá khác (có thể gõ không dấu).',
  searchError: 'Không tìm kiếm được. Vui lòng thử lại sau.',
  retry: 'Thử lại',
}

/** @type {Record<string, string>} */
export const DOCUMENT_KINDS = {
  'nghi-quyet': 'Nghị quyết',
  'chi-thi': 'Chỉ thị',
  'ket-luan': 'Kết luận',
  'quy-dinh': 'Quy định',
  'huong-dan': 'Hướng dẫn',
  'ke-hoach': 'Kế hoạch',
  'thong-bao': 'Thông báo',
  'bao-cao': 'Báo cáo',
}
/** @type {Record<string, string>} */
export const VALIDITY = {
  in_force: 'Còn hiệu lực',
  not_yet_in_force: 'Chưa có hiệu lực',
  expired: 'Hết hiệu lực',
  superseded: 'Đã bị thay thế',
}
/** @type {Record<string, string>} */
export const PERIODS = { month: 'Tháng', week: 'Tuần' }
/** @type {Record<string, string>} */
export const PLATFORMS = {
  'facebook-page': 'Trang Facebook',
  'facebook-group': 'Nhóm Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  zalo: 'Zalo',
  website: 'Trang web',
  other: 'Khác',
}
/** @type {Record<string, { label: string, className: string }>} */
export const CLASSIFICATIONS = {
  official: { label: 'Chính thống', className: 'badge-official' },
  hostile: { label: 'Cần cảnh giác', className: 'badge-hostile' },
}
/** @type {Record<string, string>} */
export const PAGE_STATUSES = {
  active: 'Đang hoạt động',
  renamed: 'Đã đổi tên',
  removed: 'Đã gỡ bỏ',
}
/** @type {Record<string, string>} */
export const REFERENCE_KINDS = {
  book: 'Sách',
  article: 'Bài viết',
  video: 'Video',
  podcast: 'Podcast',
  other: 'Khác',
}
/** @type {Record<string, string>} */
export const AUDIENCES = { members: 'Dành cho đảng viên', units: 'Nội bộ đơn vị' }
/** @type {Record<string, string>} */
export const QUESTION_STATES = {
  new: 'Mới gửi',
  assigned: 'Đang được trả lời',
  answered: 'Đã trả lời',
  published: 'Đã trả lời, công bố chung',
  rejected: 'Không trả lời',
}
