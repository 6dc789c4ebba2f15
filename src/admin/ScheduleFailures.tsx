import type { Payload } from 'payload'

import React from 'react'

import { slugs } from '../../collections/slugs'

/**
 * On the dashboard: scheduled publications that failed and have not succeeded since, so a stalled
 * schedule is seen, not discovered weeks later.
 */
export const ScheduleFailures = async ({ payload }: { payload: Payload }) => {
  const { docs } = await payload.find({
    collection: slugs.auditLog,
    where: { action: { in: ['schedule_failed', 'publish', 'unpublish'] } },
    sort: '-id',
    limit: 200,
    depth: 0,
    overrideAccess: true,
  })
  const seen = new Set<string>()
  const failures = docs.filter((entry) => {
    const key = `${entry.collectionSlug}:${entry.itemId}`
    if (seen.has(key)) return false
    seen.add(key)
    return entry.action === 'schedule_failed'
  })
  if (failures.length === 0) return null
  return (
    <div className="schedule-failures" data-testid="schedule-failures" role="alert">
      <h3>Lịch xuất bản bị lỗi</h3>
      <ul>
        {failures.map((entry) => (
          <li key={entry.id}>
            <a href={`/admin/collections/${entry.collectionSlug}/${entry.itemId}`}>
              {entry.collectionSlug} #{entry.itemId}
            </a>
            : {entry.reason} ({new Date(entry.at).toLocaleString('vi-VN')})
          </li>
        ))}
      </ul>
    </div>
  )
}
