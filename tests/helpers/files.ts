import sharp from 'sharp'

/** A real PNG of the given size, made with sharp. */
export const pngOf = (width = 64, height = 48, color = { r: 200, g: 30, b: 30 }) =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer()

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A tiny file that claims, in a valid PNG header, to be width×height pixels: a decompression
 * bomb's header without its payload.
 */
export const pngHeaderClaiming = (width: number, height: number) => {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.writeUInt8(8, 8) // bit depth
  ihdr.writeUInt8(2, 9) // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export const uploadForm = (
  file: Buffer,
  filename: string,
  type: string,
  data: Record<string, unknown> = {},
) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), filename)
  form.append('_payload', JSON.stringify(data))
  return form
}

/** A multipart body with a table (CSV text or an XLSX workbook) in `file`, as the imports take. */
export const tableForm = (body: Buffer | string, filename: string) => {
  const form = new FormData()
  form.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), filename)
  return form
}
