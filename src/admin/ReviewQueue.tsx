import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { contentSlugs } from '../../collections/slugs'
import { idOf } from '../lib/ids'

const sectionNames: Record<string, string> = {
  documents: 'Văn bản',
  orientations: 'Định hướng',
  'identified-pages': 'Nhận diện',
  references: 'Tài liệu tham khảo',
  questions: 'Hỏi – Đáp',
}

/**
 * "Chờ tôi duyệt": items in review across the five sections that the signed-in reviewer may
 * decide, i.e. not written or last edited by them (four-eyes).
 */
export const ReviewQueue = async ({
  initPageResult,
  params,
  searchParams,
}: AdminViewServerProps) => {
  const { req, permissions, locale, visibleEntities } = initPageResult
  const user = req.user
  const rows: { slug: string; id: number; title: string; updatedAt: string; isOwn: boolean }[] = []
  if (user) {
    for (const slug of contentSlugs) {
      const { docs } = await req.payload.find({
        collection: slug,
        draft: true,
        where: { reviewState: { equals: 'in_review' } },
        depth: 0,
        limit: 100,
        sort: 'updatedAt',
        overrideAccess: false,
        user,
      })
      for (const doc of docs as unknown as Record<string, unknown>[]) {
        rows.push({
          slug,
          id: doc.id as number,
          title: String(doc.title ?? doc.name ?? `#${doc.id}`),
          updatedAt: String(doc.updatedAt),
          isOwn: [idOf(doc.createdBy), idOf(doc.lastEditedBy)].includes(user.id),
        })
      }
    }
  }
  const mine = rows.filter((row) => !row.isOwn)
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1>Chờ tôi duyệt</h1>
        <p>
          Các mục đang chờ duyệt mà bạn được quyền quyết định (không phải do bạn soạn hoặc sửa sau
          cùng).
        </p>
        {mine.length === 0 ? (
          <p data-testid="review-queue-empty">Không có mục nào chờ bạn duyệt.</p>
        ) : null}
        <ul data-testid="review-queue">
          {mine.map((row) => (
            <li key={`${row.slug}-${row.id}`}>
              <a href={`/admin/collections/${row.slug}/${row.id}`}>{row.title}</a> —{' '}
              {sectionNames[row.slug]}, cập nhật {new Date(row.updatedAt).toLocaleString('vi-VN')}
            </li>
          ))}
        </ul>
        {rows.length > mine.length ? (
          <p>{rows.length - mine.length} mục khác đang chờ người duyệt khác (do bạn soạn).</p>
        ) : null}
      </Gutter>
    </DefaultTemplate>
  )
}
