import type { CollectionConfig } from 'payload'

import { nobody } from '../src/access'
import { label } from '../src/fields/label'
import { slugs } from './slugs'

/**
 * Sign-in attempts per (lower-cased email, client address), kept in PostgreSQL so the lockout
 * holds across server instances. Written only by src/auth/loginThrottle.ts with one atomic
 * upsert; no API reads or changes it.
 */
export const LoginAttempts: CollectionConfig = {
  slug: slugs.loginAttempts,
  labels: {
    singular: label('Lượt đăng nhập', 'Sign-in attempt'),
    plural: label('Lượt đăng nhập', 'Sign-in attempts'),
  },
  admin: { hidden: true },
  graphQL: false,
  access: {
    create: nobody,
    read: nobody,
    update: nobody,
    delete: nobody,
    readVersions: nobody,
  },
  indexes: [{ fields: ['email', 'address'], unique: true }],
  fields: [
    { name: 'email', type: 'text', required: true },
    { name: 'address', type: 'text', required: true },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0 },
    { name: 'lastAttemptAt', type: 'date', required: true },
    { name: 'lockedUntil', type: 'date' },
  ],
}
