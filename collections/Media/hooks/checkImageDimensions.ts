import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'
import sharp from 'sharp'

import { MAX_IMAGE_MEGAPIXELS } from '../../../src/lib/limits'

/** MAX_IMAGE_MEGAPIXELS (25 by default): a 6000×4000 photo passes, a decompression bomb does not. */
export const MAX_IMAGE_PIXELS = MAX_IMAGE_MEGAPIXELS * 1_000_000

/** 16-bit channels decode to twice the memory; count them as twice the pixels. */
const bytesPerChannel = (depth: string | undefined) =>
  depth === 'ushort' || depth === 'short' ? 2 : depth === 'float' || depth === 'uint' ? 4 : 1

/**
 * Reads only the image header (sharp's metadata does not decode pixels) and refuses images whose
 * decoded size would exhaust memory, before Payload resizes them.
 */
export const checkImageDimensions: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  if ((operation !== 'create' && operation !== 'update') || !req.file?.data) return args
  const { mimetype, data } = req.file
  // Control characters (NUL above all) in a file name cannot be stored or served.
  // eslint-disable-next-line no-control-regex
  req.file.name = req.file.name.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'tep'
  if (!mimetype?.startsWith('image/')) return args
  let width = 0
  let height = 0
  let depth: string | undefined
  try {
    ;({ width = 0, height = 0, depth } = await sharp(data, { limitInputPixels: false }).metadata())
  } catch {
    throw new APIError('Tệp ảnh bị hỏng hoặc không đọc được.', 400)
  }
  const weighted = width * height * bytesPerChannel(depth)
  if (weighted > MAX_IMAGE_PIXELS) {
    const kind =
      bytesPerChannel(depth) > 1 ? ` (${depth === 'ushort' ? '16' : '32'} bit mỗi kênh)` : ''
    throw new APIError(
      `Ảnh quá lớn: ${width}×${height} điểm ảnh${kind}, tối đa ${MAX_IMAGE_MEGAPIXELS} triệu điểm ảnh 8 bit.`,
      400,
    )
  }
  return args
}
