export type GuardLimits = {
  /** Largest page a list answers; `limit=0`, a missing page size or a larger one get this. */
  maxPageSize: number
  /** Highest page number. */
  maxPage: number
  /** Most values in one `in` / `not_in` / `all` filter. */
  maxWhereValues: number
  /** Most conditions in one `where`. */
  maxWhereConditions: number
  /** Most levels of `and`/`or` nesting in one `where`. */
  maxWhereDepth: number
  /** How deep data written to a collection may nest (objects and arrays). */
  maxDataDepth: number
}

import type { PayloadRequest } from 'payload'

export type IntegrityOptions = {
  /**
   * Whether the caller may see every linked item (e.g. staff). For everyone else, links to items
   * they cannot read are hidden from what they read, and filters cannot probe them.
   * @default () => false
   */
  seesAllRelations?: (req: PayloadRequest) => boolean
  /**
   * Keep the config unchanged (the guards add no schema, so this only switches them off).
   * @default false
   */
  disabled?: boolean
  /** Bounds on what one request may ask; see `defaultLimits`. */
  limits?: Partial<GuardLimits>
}

/** Limits on a GraphQL request, checked before anything runs. */
export type GraphQLLimits = {
  /**
   * Largest estimated cost: each field counts 1, times the size of every list above it (a page
   * counts its `limit`; `limit: 0` counts as `maxPageSize`). Env `GRAPHQL_MAX_COST`.
   * @default 5000
   */
  maxCost: number
  /**
   * Most aliased fields in one operation, fragments expanded. Env `GRAPHQL_MAX_ALIASES`.
   * @default 20
   */
  maxAliases: number
  /**
   * Deepest nesting of fields. graphql's standard introspection query (GraphiQL, codegen) is 15
   * deep. Env `GRAPHQL_MAX_DEPTH`.
   * @default 15
   */
  maxDepth: number
  /**
   * Longest `query` text, in bytes (UTF-8). Env `GRAPHQL_MAX_QUERY_BYTES`.
   * @default 10240
   */
  maxQueryBytes: number
  /**
   * The page size `limit: 0` stands for; the REST layer caps `limit` at it. Env `MAX_PAGE_SIZE`.
   * @default 100
   */
  maxPageSize: number
}
