'use client'

import { Button, useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

type Problem = { line: number; code?: string; email?: string; column?: string; message: string }
type Report = {
  dryRun: boolean
  applied: boolean
  rows: number
  created: number
  updated: number
  moved?: number
  unchanged: number
  invited?: number
  problems: Problem[]
}

type ImportKind = {
  /** `/api/<collection>/import` */
  collection: 'units' | 'users'
  title: string
  help: React.ReactNode
  columnNames: Record<string, string>
  /** The report's counts in words. */
  summary: (report: Report) => string
}

const UNITS: ImportKind = {
  collection: 'units',
  title: 'Nhập danh sách đơn vị từ tệp',
  help: (
    <>
      Tệp CSV (UTF-8) hoặc Excel (.xlsx) có các cột: <strong>Mã đơn vị</strong>,{' '}
      <strong>Tên đơn vị</strong>, <strong>Loại</strong> (Đảng bộ / Chi bộ) và{' '}
      <strong>Mã đơn vị cấp trên</strong>. Đơn vị được nhận theo mã: nhập lại cùng tệp không tạo
      trùng; đổi mã cấp trên là chuyển đơn vị (giữ nguyên đảng viên và nội dung).
    </>
  ),
  columnNames: {
    code: 'Mã đơn vị',
    name: 'Tên đơn vị',
    kind: 'Loại',
    parent: 'Mã đơn vị cấp trên',
  },
  summary: (r) =>
    `${r.rows} dòng: ${r.created} tạo mới, ${r.updated} đổi tên hoặc loại, ${r.moved ?? 0} chuyển cấp trên, ${r.unchanged} không đổi.`,
}

const ACCOUNTS: ImportKind = {
  collection: 'users',
  title: 'Nhập danh sách tài khoản từ tệp',
  help: (
    <>
      Tệp CSV (UTF-8) hoặc Excel (.xlsx) có các cột: <strong>Họ và tên</strong>,{' '}
      <strong>Email</strong>, <strong>Mã đơn vị</strong>, và nếu có: <strong>Số điện thoại</strong>,{' '}
      <strong>Vai trò</strong> (Đảng viên / Bí thư chi bộ / Biên tập viên / Người duyệt),{' '}
      <strong>Chức vụ</strong>. Tài khoản được nhận theo email: nhập lại cùng tệp không tạo trùng;
      đổi mã đơn vị là chuyển sinh hoạt. Mỗi tài khoản mới nhận thư mời đặt mật khẩu (dùng một lần).
    </>
  ),
  columnNames: {
    fullName: 'Họ và tên',
    email: 'Email',
    phone: 'Số điện thoại',
    unit: 'Mã đơn vị',
    role: 'Vai trò',
    position: 'Chức vụ',
  },
  summary: (r) =>
    `${r.rows} dòng: ${r.created} tài khoản mới, ${r.updated} cập nhật, ${r.unchanged} không đổi${r.applied ? `; ${r.invited ?? 0} thư mời đang được gửi` : ''}.`,
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
export const UnitImport = () => <ImportForm kind={UNITS} />

/** Above the accounts list, for admins: the same for accounts (see src/import/members.ts). */
export const MemberImport = () => <ImportForm kind={ACCOUNTS} />

const ImportForm = ({ kind }: { kind: ImportKind }) => {
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
      const res = await fetch(`/api/${kind.collection}/import${dryRun ? '?dryRun=1' : ''}`, {
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
    <section style={box} aria-labelledby={`${kind.collection}-import-title`}>
      <h3 id={`${kind.collection}-import-title`} style={{ marginTop: 0 }}>
        {kind.title}
      </h3>
      <p>{kind.help}</p>
      <input
        type="file"
        name={`${kind.collection}-file`}
        aria-label={kind.title}
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
      {report ? <ImportReport kind={kind} report={report} /> : null}
    </section>
  )
}

const ImportReport = ({ kind, report }: { kind: ImportKind; report: Report }) => {
  const counts = kind.summary(report)
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
              <th>{kind.collection === 'units' ? 'Mã' : 'Email'}</th>
              <th>Cột</th>
              <th>Vấn đề</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((problem, index) => (
              <tr key={index}>
                <td>{problem.line}</td>
                <td>{problem.code ?? problem.email ?? ''}</td>
                <td>
                  {problem.column ? (kind.columnNames[problem.column] ?? problem.column) : ''}
                </td>
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
