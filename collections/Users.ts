import type { CollectionConfig, Where } from 'payload'

import {
  adminsOnly,
  adminsOnlyField,
  isAdmin,
  isSecretary,
  isStaff,
  roles,
  unitIdOf,
} from '../src/access'
import {
  auditAccountChange,
  auditDelete,
  auditFailedLogin,
  auditLogin,
  auditPasswordReset,
} from '../src/audit/hooks'
import {
  clearLoginFailures,
  endSessionsOfDeactivated,
  guardLogin,
  refuseDeactivated,
  unlockLoginAttempts,
} from '../src/auth/loginHooks'
import {
  clearPasswordChangeAfterReset,
  enforcePasswordRules,
  markPasswordChange,
} from '../src/auth/passwordHooks'
import { resetPasswordEmail } from '../src/auth/resetEmail'
import { importMembersEndpoint } from '../src/import/endpoints'
import { isHttpsServer } from '../src/auth/settings'
import { label, options } from '../src/fields/label'
import { groups } from './shared/groups'
import { slugs } from './slugs'

/** Accounts are issued by admins; there is no public sign-up. */
export const Users: CollectionConfig = {
  slug: slugs.users,
  graphQL: { singularName: 'User', pluralName: 'Users' },
  labels: { singular: label('Tài khoản', 'Account'), plural: label('Tài khoản', 'Accounts') },
  auth: {
    tokenExpiration: 60 * 60 * 8,
    // Payload's lock is account-wide: five bad passwords from anywhere would lock anyone out, the
    // admin included. src/auth/loginThrottle.ts locks per (email, client address) instead.
    maxLoginAttempts: 0,
    useAPIKey: false,
    cookies: { secure: isHttpsServer(), sameSite: 'Lax' },
    // The signed-in user is loaded on every authenticated request: without this, Payload's
    // default depth (2) populated the unit and its parents each time. Code reads the unit id
    // (unitIdOf); `/api/users/me?depth=1` still populates it for whoever wants the name.
    depth: 0,
    // The link leads to the portal's own page, which members can use (the admin's reset page
    // would sign a member into an admin they may not enter). Staff go on to the admin from there.
    forgotPassword: {
      generateEmailSubject: () => 'Sổ tay: đặt lại mật khẩu',
      generateEmailHTML: (args) => resetPasswordEmail(String(args?.token ?? '')),
    },
  },
  admin: {
    group: groups.organisation,
    useAsTitle: 'fullName',
    defaultColumns: ['fullName', 'email', 'roles', 'unit'],
    components: { beforeListTable: ['/src/admin/OrganisationTools#MemberImport'] },
  },
  access: {
    // Only staff work in the admin panel; members read through the portal and the API.
    admin: ({ req }) => isStaff(req.user),
    create: adminsOnly,
    read: ({ req }) => {
      if (isStaff(req.user)) return true
      if (!req.user) return false
      // A cell secretary sees the accounts of their own cell; everyone else only their own.
      const unit = unitIdOf(req.user)
      if (isSecretary(req.user) && unit != null) {
        const cell: Where = { or: [{ id: { equals: req.user.id } }, { unit: { equals: unit } }] }
        return cell
      }
      return { id: { equals: req.user.id } }
    },
    update: ({ req }) => {
      if (isAdmin(req.user)) return true
      if (req.user) return { id: { equals: req.user.id } }
      return false
    },
    delete: adminsOnly,
    unlock: adminsOnly,
  },
  endpoints: [importMembersEndpoint],
  hooks: {
    afterRead: [
      ({ doc, req }) => {
        // Session records (when and how long each login lives) are the account holder's own: staff
        // listing accounts or reading an author do not get them. Reads without a user (Payload's
        // JWT strategy checking a session, system jobs) keep them.
        if (!req.user || req.user.id === doc.id || !('sessions' in doc)) return doc
        const { sessions: _sessions, ...rest } = doc
        return rest
      },
    ],
    beforeOperation: [guardLogin, enforcePasswordRules],
    beforeValidate: [clearPasswordChangeAfterReset],
    beforeLogin: [refuseDeactivated],
    afterLogin: [clearLoginFailures, auditLogin],
    afterOperation: [unlockLoginAttempts, auditPasswordReset],
    afterError: [auditFailedLogin],
    afterChange: [auditAccountChange],
    afterDelete: [auditDelete],
    beforeChange: [
      async ({ data, operation, req }) => {
        // The first account (Payload's create-first-user form on a fresh install) is the admin.
        if (operation !== 'create') return data
        const { totalDocs } = await req.payload.count({
          collection: slugs.users,
          req,
          overrideAccess: true,
        })
        if (totalDocs === 0) data.roles = ['admin']
        return data
      },
      markPasswordChange,
      endSessionsOfDeactivated,
    ],
  },
  fields: [
    {
      name: 'fullName',
      label: label('Họ và tên', 'Full name'),
      type: 'text',
      required: true,
    },
    {
      name: 'phone',
      label: label('Số điện thoại', 'Phone'),
      type: 'text',
      maxLength: 20,
      access: { create: adminsOnlyField, update: adminsOnlyField },
    },
    {
      name: 'position',
      label: label('Chức vụ', 'Position'),
      type: 'text',
      maxLength: 100,
      admin: { description: label('Ví dụ: Bí thư chi bộ', 'For example: cell secretary') },
      access: { create: adminsOnlyField, update: adminsOnlyField },
    },
    {
      name: 'roles',
      label: label('Vai trò', 'Roles'),
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['member'],
      saveToJWT: true,
      options: options([
        [roles[0], 'Quản trị', 'Admin'],
        [roles[1], 'Biên tập viên', 'Editor'],
        [roles[2], 'Người duyệt', 'Reviewer'],
        [roles[3], 'Đảng viên', 'Member'],
        [roles[4], 'Bí thư chi bộ', 'Cell secretary'],
      ]),
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'unit',
      label: label('Đơn vị', 'Unit'),
      type: 'relationship',
      relationTo: slugs.units,
      saveToJWT: true,
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'mustChangePassword',
      label: label('Phải đổi mật khẩu', 'Must change password'),
      type: 'checkbox',
      defaultValue: false,
      // Set and cleared by markPasswordChange; an admin may also clear it by hand.
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: {
        position: 'sidebar',
        description: label(
          'Tự động bật khi quản trị viên đặt mật khẩu cho người khác; người dùng phải tự đổi mật khẩu trước khi dùng tiếp.',
          'Set when an admin sets someone else’s password; the user must choose their own before going on.',
        ),
      },
    },
    {
      name: 'deactivated',
      label: label('Ngừng hoạt động', 'Deactivated'),
      type: 'checkbox',
      defaultValue: false,
      index: true,
      // Accounts are deactivated, not deleted: their content and audit entries keep the name.
      access: { create: adminsOnlyField, update: adminsOnlyField },
      admin: {
        position: 'sidebar',
        description: label(
          'Tài khoản ngừng hoạt động không đăng nhập được; mọi phiên đang mở kết thúc ngay. Nội dung và nhật ký vẫn giữ tên người dùng.',
          'A deactivated account cannot sign in and its open sessions end at once; its content and audit entries keep its name.',
        ),
      },
    },
    {
      // Asked for when someone changes their own password (src/auth/passwordHooks.ts); never stored.
      name: 'currentPassword',
      label: label('Mật khẩu hiện tại (khi đổi mật khẩu)', 'Current password (to change it)'),
      type: 'text',
      virtual: true,
      admin: {
        condition: (data, _siblingData, { user }) => Boolean(user && data?.id === user.id),
        components: { Field: '@payloadcms/ui#PasswordField' },
      },
    },
  ],
}
