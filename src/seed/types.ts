/**
 * Shapes of the demo content. Rich text is written as `Blocks`: an array of strings, one block
 * each. A string starting with `## ` is a heading, `- ` a bullet item, `> ` a quotation; any other
 * string is a paragraph. The seeder turns blocks into Lexical JSON.
 */
export type Blocks = string[]

export type Audience = 'public' | 'members' | 'units'

/** Index into the demo unit tree: 0 is the Đảng bộ, 1..5 the chi bộ. */
export type UnitRef = number

type Audienced = {
  audience: Audience
  /** Only with audience 'units'. */
  audienceUnits?: UnitRef[]
}

export type SeedUnit = {
  name: string
  kind: 'dang-bo' | 'chi-bo'
  code: string
  /** Index of the parent unit, absent for the root. */
  parent?: UnitRef
}

export type SeedDocument = Audienced & {
  /** Stable key other demo items use to refer to this document. */
  key: string
  title: string
  symbol: string
  kind:
    | 'nghi-quyet'
    | 'chi-thi'
    | 'ket-luan'
    | 'quy-dinh'
    | 'huong-dan'
    | 'ke-hoach'
    | 'thong-bao'
    | 'bao-cao'
  issuingBody: string
  /** ISO dates, YYYY-MM-DD. */
  issueDate: string
  effectiveDate?: string
  expiryDate?: string
  /** key of the document this one replaces */
  supersedes?: string
  summary: string
  body: Blocks
}

export type SeedOrientation = Audienced & {
  key: string
  title: string
  period: 'month' | 'week'
  periodStart: string
  topic: string
  keyMessages: string[]
  talkingPoints: Blocks
  /** keys of SeedDocument */
  relatedDocuments?: string[]
  /** keys of SeedReference */
  relatedReferences?: string[]
}

export type SeedIdentifiedPage = Audienced & {
  name: string
  platform: 'facebook-page' | 'facebook-group' | 'youtube' | 'tiktok' | 'zalo' | 'website' | 'other'
  url: string
  classification: 'official' | 'hostile'
  status: 'active' | 'renamed' | 'removed'
  reason: string
  firstSeen: string
  lastVerified: string
  /** keys of SeedReference / SeedOrientation that answer a hostile page */
  rebuttalReferences?: string[]
  rebuttalOrientations?: string[]
}

export type SeedReference = Audienced & {
  key: string
  title: string
  kind: 'book' | 'article' | 'video' | 'podcast' | 'other'
  author: string
  publisher: string
  year: number
  topics: string[]
  externalUrl?: string
  /** seconds, for video and podcast */
  duration?: number
  summary: string
  description: Blocks
}

export type SeedQuestion = Audienced & {
  title: string
  topic: string
  question: string
  /** index into the demo unit tree of the asker's unit */
  unit: UnitRef
  answer?: Blocks
  state: 'new' | 'assigned' | 'answered' | 'published' | 'rejected'
  /** published to everyone as an FAQ */
  isFaq: boolean
}
