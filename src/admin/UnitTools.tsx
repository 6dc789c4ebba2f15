'use client'

import { Button, useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

type Problem = { line: number; code?: string; column?: string; message: string }
type Report = {
  dryRun: boolean
  applied: boolean
  rows: number
  created: number
  updated: number
  moved: number
  unchanged: number
  problems: Problem[]
}

const COLUMN_NAMES: Record<string, string> = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  kind: 'Loại',
  parent: 'Mã đơn vị cấp trên',
}

const isAdminUser = (user: unknown) =>
  Array.isArray((user as { roles?: unknown } | null)?.roles) &&
  ((user as { roles: string[] }).roles.includes('admin') ?? false)

const errorOf = (json: unknown, status: number) =>
  (json as { errors?: { message?: string }[] } | null)?.errors?.[0]?.message ?? `Lỗi ${status}`

const box: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  padding: '1rem 1.25rem',
  marginBottom: '1.5rem',
}

/**
 * Above the units list, for admins: import the unit tree from a CSV or Excel file. "Kiểm tra"
 * runs a dry run and lists every row's problem; "Nhập" writes the checked file (see
 * src/import/units.ts), then the list reloads.
 */
export const UnitImport = () => {
  const { user } = useAuth()
  const router = useRouter()
  const [file, setFile] = useState<File | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!isAdminUser(user)) return null

  const send = async (dryRun: boolean) => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const form = new FormData()
      form.append('file', file)
      const res = await fetch(`/api/units/import${dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        credentials: 'include',
        body: form,
      })
      const json = await res.json().catch(() => null)
      if (res.status === 200 || res.status === 422) {
        setReport(json as Report)
        if (!dryRun && (json as Report).applied) router.refresh()
      } else {
        setReport(null)
        setError(errorOf(json, res.status))
      }
    } catch {
      setError('Không gửi được tệp: kiểm tra kết nối rồi thử lại.')
    } finally {
      setBusy(false)
    }
  }

  const checked = report?.dryRun && report.problems.length === 0
  return (
    <section style={box} aria-labelledby="unit-import-title">
      <h3 id="unit-import-title" style={{ marginTop: 0 }}>
        Nhập danh sách đơn vị từ tệp
      </h3>
      <p>
        Tệp CSV (UTF-8) hoặc Excel (.xlsx) có các cột: <strong>Mã đơn vị</strong>,{' '}
        <strong>Tên đơn vị</strong>, <strong>Loại</strong> (Đảng bộ / Chi bộ) và{' '}
        <strong>Mã đơn vị cấp trên</strong>. Đơn vị được nhận theo mã: nhập lại cùng tệp không tạo
        trùng; đổi mã cấp trên là chuyển đơn vị (giữ nguyên đảng viên và nội dung).
      </p>
      <input
        type="file"
        name="unit-file"
        aria-label="Tệp danh sách đơn vị"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null)
          setReport(null)
          setError(null)
        }}
      />
      <div style={{ display: 'flex', gap: '0.75rem', marginTop: '0.75rem' }}>
        <Button buttonStyle="secondary" disabled={!file || busy} onClick={() => send(true)}>
          Kiểm tra (chưa ghi)
        </Button>
        <Button
          buttonStyle="primary"
          disabled={!file || busy || !checked}
          onClick={() => {
            if (window.confirm(`Nhập ${report?.rows ?? 0} dòng vào sổ tay?`)) void send(false)
          }}
        >
          Nhập
        </Button>
      </div>
      {busy ? <p aria-live="polite">Đang xử lý tệp…</p> : null}
      {error ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      ) : null}
      {report ? <ImportReport report={report} /> : null}
    </section>
  )
}

const ImportReport = ({ report }: { report: Report }) => {
  const counts = `${report.rows} dòng: ${report.created} tạo mới, ${report.updated} đổi tên hoặc loại, ${report.moved} chuyển cấp trên, ${report.unchanged} không đổi.`
  if (report.problems.length) {
    return (
      <div role="alert">
        <p>
          <strong>{report.problems.length} vấn đề; chưa ghi gì. Sửa tệp rồi kiểm tra lại.</strong>
        </p>
        <table className="table" style={{ width: '100%' }}>
          <thead>
            <tr>
              <th>Dòng</th>
              <th>Mã</th>
              <th>Cột</th>
              <th>Vấn đề</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((problem, index) => (
              <tr key={index}>
                <td>{problem.line}</td>
                <td>{problem.code ?? ''}</td>
                <td>{problem.column ? (COLUMN_NAMES[problem.column] ?? problem.column) : ''}</td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )
  }
  return (
    <p aria-live="polite">
      {report.applied ? 'Đã nhập. ' : report.dryRun ? 'Kiểm tra xong, không có lỗi. ' : ''}
      {counts}
    </p>
  )
}

/**
 * In a unit's page, for admins: merge this unit into another one (by its code). Members, units
 * below and content go to the other unit; this one is removed (see src/units/merge.ts).
 */
export const UnitMerge = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const router = useRouter()
  const [targetCode, setTargetCode] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!isAdminUser(user) || !id) return null

  const merge = async () => {
    const code = targetCode.trim()
    if (!code) return
    setBusy(true)
    setMessage(null)
    try {
      const found = await fetch(
        `/api/units?where[code][equals]=${encodeURIComponent(code)}&limit=1&depth=0`,
        { credentials: 'include' },
      ).then((res) => res.json())
      const target = found?.docs?.[0]
      if (!target) {
        setMessage(`Không có đơn vị mã "${code}".`)
        return
      }
      if (
        !window.confirm(
          `Gộp đơn vị này vào "${target.name}"? Đảng viên, đơn vị trực thuộc và nội dung sẽ chuyển sang "${target.name}"; đơn vị này bị xoá.`,
        )
      )
        return
      const res = await fetch(`/api/units/${id}/merge`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ into: target.id }),
      })
      const json = await res.json().catch(() => null)
      if (!res.ok) {
        setMessage(errorOf(json, res.status))
        return
      }
      router.push(`/admin/collections/units/${target.id}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field-type" style={{ ...box, marginTop: '1.5rem' }}>
      <label className="field-label" htmlFor="unit-merge-target">
        Gộp vào đơn vị khác
      </label>
      <p>
        Đảng viên, các đơn vị trực thuộc và nội dung gửi đơn vị này chuyển sang đơn vị được chọn;
        nhật ký ghi lại việc gộp.
      </p>
      <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'center' }}>
        <input
          id="unit-merge-target"
          type="text"
          placeholder="Mã đơn vị nhận"
          value={targetCode}
          onChange={(event) => setTargetCode(event.target.value)}
        />
        <Button buttonStyle="secondary" disabled={!targetCode.trim() || busy} onClick={merge}>
          Gộp
        </Button>
      </div>
      {message ? <p role="alert">{message}</p> : null}
    </div>
  )
}
