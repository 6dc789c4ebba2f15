import type { PayloadRequest } from 'payload'

export const roles = ['admin', 'editor', 'reviewer', 'member', 'secretary'] as const
export type Role = (typeof roles)[number]

/** The part of a signed-in user that access rules read. */
export type AccessUser = {
  id: number | string
  collection?: string
  roles?: Role[] | null
  unit?: number | { id: number } | null
}

type MaybeUser = AccessUser | null | undefined | PayloadRequest['user']

const rolesOf = (user: MaybeUser): Role[] => ((user as AccessUser | null)?.roles ?? []) as Role[]

export const hasRole = (user: MaybeUser, ...wanted: Role[]): boolean =>
  rolesOf(user).some((role) => wanted.includes(role))

export const isAdmin = (user: MaybeUser): boolean => hasRole(user, 'admin')

/** Staff write or review content and see drafts; members and anonymous users only read. */
export const isStaff = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor', 'reviewer')

/**
 * A cell secretary (bí thư chi bộ) reads as a member does and also sees the accounts of their own
 * cell. Not staff: no admin, no drafts.
 */
export const isSecretary = (user: MaybeUser): boolean => hasRole(user, 'secretary')

export const unitIdOf = (user: MaybeUser): number | null => {
  const unit = (user as AccessUser | null)?.unit
  if (unit == null) return null
  return typeof unit === 'object' ? unit.id : unit
}
