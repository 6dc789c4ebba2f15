export type IntegrityOptions = {
  /**
   * Keep the config unchanged (the guards add no schema, so this only switches them off).
   * @default false
   */
  disabled?: boolean
}
