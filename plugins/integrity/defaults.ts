import type { GuardLimits } from './types'

export const defaultLimits: GuardLimits = {
  maxPageSize: 100,
  maxPage: 10_000,
  maxWhereValues: 500,
  maxWhereConditions: 100,
  maxWhereDepth: 8,
  maxDataDepth: 64,
}
