/** A seeded synthetic Vietnamese corpus: plausible titles, summaries and bodies, reproducible. */

const kinds = [
  'Nghị quyết',
  'Kế hoạch',
  'Hướng dẫn',
  'Thông báo',
  'Báo cáo',
  'Chỉ thị',
  'Kết luận',
  'Quy định',
]
const actions = [
  'nâng cao chất lượng',
  'tăng cường công tác',
  'đẩy mạnh',
  'triển khai thực hiện',
  'tổ chức học tập, quán triệt',
  'kiểm tra, giám sát',
  'đổi mới phương thức',
  'sơ kết, tổng kết',
]
const topics = [
  'sinh hoạt chi bộ',
  'đảng viên trẻ',
  'chuyển đổi số',
  'cải cách hành chính',
  'phòng chống tin giả trên mạng xã hội',
  'bảo vệ nền tảng tư tưởng của Đảng',
  'an toàn giao thông',
  'phòng chống thiên tai',
  'xây dựng nông thôn mới',
  'công tác dân vận',
  'phát triển đảng viên',
  'thu, nộp đảng phí',
  'văn hoá công sở',
  'bình đẳng giới',
  'giáo dục chính trị',
]
const places = [
  'phường Thụy An',
  'khu phố Hòa Bình',
  'xã Tân Lập',
  'phường Quang Trung',
  'khu dân cư số 3',
  'quận Hòa Bình',
]
const words = (
  'cán bộ đảng viên nhân dân chi bộ cấp ủy nghị quyết tuyên truyền nhiệm vụ giải pháp kết quả ' +
  'chỉ tiêu thực hiện tổ chức lãnh đạo chỉ đạo phong trào thi đua kế hoạch năm tháng quý đánh giá ' +
  'kiểm điểm trách nhiệm người đứng đầu gương mẫu học tập làm theo tư tưởng đạo đức phong cách ' +
  'Hồ Chí Minh văn minh đô thị môi trường an ninh trật tự khu dân cư thanh niên phụ nữ cựu chiến ' +
  'binh mặt trận đoàn thể'
).split(' ')

/** Mulberry32: small, fast, seeded. */
export const rng = (seed: number) => () => {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export type CorpusItem = {
  title: string
  summary: string
  body: string
  kind: 'book' | 'article' | 'video' | 'podcast' | 'other'
  year: number
  audience: 'public' | 'members'
}

const pick = <T>(random: () => number, list: readonly T[]) =>
  list[Math.floor(random() * list.length)]
const sentence = (random: () => number, n: number) =>
  Array.from({ length: n }, () => pick(random, words)).join(' ')

export const corpusItem = (random: () => number, i: number): CorpusItem => ({
  title: `${pick(random, kinds)} về ${pick(random, actions)} ${pick(random, topics)} tại ${pick(random, places)} (số ${i})`,
  summary: `${sentence(random, 12)}. ${sentence(random, 14)}.`,
  body: Array.from({ length: 6 }, () => `${sentence(random, 18)}.`).join(' '),
  kind: pick(random, ['book', 'article', 'video', 'podcast', 'other'] as const),
  year: 2015 + Math.floor(random() * 12),
  audience: random() < 0.7 ? 'public' : 'members',
})

/** Queries as members type them: folded, accented, capitals, prefixes, a typo. */
export const benchQueries = [
  'dang vien',
  'đảng viên trẻ',
  'SINH HOAT CHI BO',
  'chuyen doi so',
  'cải cách hành chính',
  'tin gia',
  'nghi quyet',
  'an toan giao th',
  'phong chong thien tai',
  'thuỵ an',
  'dan van',
  'xay dung nong thon',
  'dang phi',
  'giao duc chinh tri',
  'ke hoach',
  'sinh hoat chi bi',
]
