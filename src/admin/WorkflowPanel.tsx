'use client'

import { Button, toast, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useState } from 'react'
import { idOf } from '../lib/ids'

type Step = {
  action: 'submit' | 'request_changes' | 'approve' | 'unpublish' | 'archive'
  label: string
  from: string[]
  roles: string[]
  buttonStyle?: 'primary' | 'secondary'
}

/** Mirrors src/workflow/states.ts; the server decides, this only offers what would be allowed. */
const steps: Step[] = [
  {
    action: 'submit',
    label: 'Gửi duyệt',
    from: ['draft', 'changes_requested', 'unpublished'],
    roles: ['editor', 'reviewer', 'admin'],
    buttonStyle: 'primary',
  },
  {
    action: 'approve',
    label: 'Duyệt và xuất bản',
    from: ['in_review'],
    roles: ['reviewer', 'admin'],
    buttonStyle: 'primary',
  },
  {
    action: 'request_changes',
    label: 'Yêu cầu sửa',
    from: ['in_review'],
    roles: ['reviewer', 'admin'],
  },
  { action: 'unpublish', label: 'Gỡ xuất bản', from: ['published'], roles: ['reviewer', 'admin'] },
  {
    action: 'archive',
    label: 'Lưu trữ',
    from: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'],
    roles: ['reviewer', 'admin'],
  },
]

const stateLabels: Record<string, string> = {
  draft: 'Bản nháp',
  in_review: 'Chờ duyệt',
  changes_requested: 'Cần sửa',
  approved: 'Đã duyệt, chờ lịch xuất bản',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ xuất bản',
  archived: 'Lưu trữ',
}

/** The review workflow in the document sidebar: the state, the reviewer's comment and the steps. */
export const WorkflowPanel = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth()
  const state =
    useFormFields(([fields]) => fields.reviewState?.value as string | undefined) ?? 'draft'
  const comment = useFormFields(([fields]) => fields.reviewComment?.value as string | undefined)
  const createdBy = useFormFields(([fields]) => idOf(fields.createdBy?.value))
  const lastEditedBy = useFormFields(([fields]) => idOf(fields.lastEditedBy?.value))
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  if (!id) {
    return <p className="workflow-panel__hint">Lưu bản nháp trước, sau đó gửi duyệt.</p>
  }
  const roles = ((user as { roles?: string[] } | null)?.roles ?? []) as string[]
  const isOwnVersion = [createdBy, lastEditedBy].some(
    (author) => author != null && author === user?.id,
  )
  const available = steps.filter(
    (step) => step.from.includes(state) && step.roles.some((r) => roles.includes(r)),
  )

  const run = async (step: Step) => {
    setBusy(true)
    try {
      const needsReason = step.action === 'approve' && isOwnVersion
      const res = await fetch(`/api/${collectionSlug}/${id}/workflow`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          action: step.action,
          comment: step.action === 'request_changes' ? note : undefined,
          reason: needsReason ? note : undefined,
        }),
      })
      const body = await res.json().catch(() => ({}))
      if (!res.ok) {
        toast.error(body?.errors?.[0]?.message ?? `Lỗi ${res.status}`)
        return
      }
      toast.success(`${step.label}: xong`)
      setNote('')
      // A full reload: the form must show the version the server now holds.
      window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="workflow-panel" data-testid="workflow-panel">
      <p className="workflow-panel__state">
        Trạng thái duyệt:{' '}
        <strong data-testid="workflow-state">{stateLabels[state] ?? state}</strong>
      </p>
      {comment ? (
        <div className="workflow-panel__comment" data-testid="workflow-comment">
          <strong>Nhận xét của người duyệt:</strong>
          <p>{comment}</p>
        </div>
      ) : null}
      {available.some((s) => s.action === 'request_changes' || s.action === 'approve') ? (
        <label className="workflow-panel__note">
          <span>
            {isOwnVersion && roles.includes('admin')
              ? 'Nhận xét / lý do (bắt buộc khi quản trị viên duyệt bài của chính mình)'
              : 'Nhận xét cho tác giả (bắt buộc khi yêu cầu sửa)'}
          </span>
          <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} />
        </label>
      ) : null}
      <div className="workflow-panel__actions">
        {available.map((step) => (
          <Button
            key={step.action}
            buttonStyle={step.buttonStyle ?? 'secondary'}
            size="small"
            disabled={busy}
            onClick={() => void run(step)}
            id={`workflow-${step.action}`}
          >
            {step.label}
          </Button>
        ))}
      </div>
      {available.length === 0 ? (
        <p className="workflow-panel__hint">
          Không có thao tác duyệt nào cho bạn ở trạng thái này.
        </p>
      ) : null}
    </div>
  )
}
