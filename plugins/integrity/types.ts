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

export type IntegrityOptions = {
  /**
   * Keep the config unchanged (the guards add no schema, so this only switches them off).
   * @default false
   */
  disabled?: boolean
  /** Bounds on what one request may ask; see `defaultLimits`. */
  limits?: Partial<GuardLimits>
}
