'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

type Entry = {
  id: number
  at: string
  action: string
  actorEmail?: string | null
  fromState?: string | null
  toState?: string | null
  reason?: string | null
}

const actionLabels: Record<string, string> = {
  submit: 'Gửi duyệt',
  request_changes: 'Yêu cầu sửa',
  approve: 'Duyệt (chờ lịch)',
  publish: 'Xuất bản',
  unpublish: 'Gỡ xuất bản',
  archive: 'Lưu trữ',
  override: 'Quản trị viên vượt quyền',
  schedule_failed: 'Lịch xuất bản lỗi',
  delete: 'Xoá',
}

/** The item's history, read from the audit log. */
export const WorkflowHistory = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const [entries, setEntries] = useState<Entry[] | null>(null)

  useEffect(() => {
    if (!id) return
    const query = new URLSearchParams({
      'where[collectionSlug][equals]': String(collectionSlug),
      'where[itemId][equals]': String(id),
      sort: '-id',
      limit: '50',
      depth: '0',
    })
    void fetch(`/api/audit-log?${query}`, { credentials: 'include' })
      .then((res) => (res.ok ? res.json() : { docs: [] }))
      .then((body) => setEntries(body.docs ?? []))
  }, [id, collectionSlug])

  if (!id) return null
  return (
    <div className="workflow-history" data-testid="workflow-history">
      <h4>Lịch sử duyệt</h4>
      {entries === null ? <p>Đang tải…</p> : null}
      {entries?.length === 0 ? <p>Chưa có bước duyệt nào.</p> : null}
      <ol>
        {entries?.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString('vi-VN')}</time>{' '}
            <strong>{actionLabels[entry.action] ?? entry.action}</strong>
            {entry.actorEmail ? ` — ${entry.actorEmail}` : ''}
            {entry.reason ? <q> {entry.reason}</q> : null}
          </li>
        ))}
      </ol>
    </div>
  )
}
