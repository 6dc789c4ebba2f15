'use client'

import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import React, { useState } from 'react'

/**
 * The token of a feed consumer, shown once: from the create response, or after "Cấp mã mới" (a new
 * token replaces the old one at once). Only its hash is stored, so it can never be shown again.
 */
export const ConsumerToken = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const issued = useFormFields(([fields]) => fields.token?.value as string | undefined)
  const revoked = useFormFields(([fields]) => Boolean(fields.revoked?.value))
  const [token, setToken] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const shown = token ?? issued ?? null

  const reissue = async () => {
    if (!window.confirm('Cấp mã mới? Mã cũ sẽ ngừng hoạt động ngay.')) return
    setBusy(true)
    setError(null)
    try {
      const res = await fetch(`/api/${collectionSlug}/${id}/token`, {
        method: 'POST',
        credentials: 'include',
      })
      const json = await res.json().catch(() => null)
      if (!res.ok) setError(json?.errors?.[0]?.message ?? `Lỗi ${res.status}`)
      else setToken(json.token)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }}>
      <label className="field-label">Mã truy cập</label>
      {shown ? (
        <div>
          <code style={{ display: 'block', padding: '0.5rem', wordBreak: 'break-all' }}>
            {shown}
          </code>
          <p>
            Hãy sao chép mã này ngay: nó chỉ hiện một lần. Trang tiêu thụ gửi kèm tiêu đề{' '}
            <code>Authorization: Bearer &lt;mã&gt;</code>.
          </p>
        </div>
      ) : (
        <p>
          {id
            ? 'Mã chỉ hiện một lần khi được cấp; hệ thống chỉ lưu bản băm. Chưa lưu lại mã? Bấm “Cấp mã mới” (mã cũ ngừng hoạt động ngay).'
            : 'Mã được tạo khi lưu và chỉ hiện một lần.'}
        </p>
      )}
      {id && !revoked ? (
        <Button buttonStyle="secondary" disabled={busy} onClick={reissue}>
          Cấp mã mới
        </Button>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  )
}
