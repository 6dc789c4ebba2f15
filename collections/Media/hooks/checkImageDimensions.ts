import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'
import sharp from 'sharp'

/** 40 megapixels: a 8000×5000 photo passes, a decompression bomb does not. */
export const MAX_IMAGE_PIXELS = 40_000_000

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
  if (!mimetype?.startsWith('image/')) return args
  let width = 0
  let height = 0
  try {
    ;({ width = 0, height = 0 } = await sharp(data, { limitInputPixels: false }).metadata())
  } catch {
    throw new APIError('Tệp ảnh bị hỏng hoặc không đọc được (the image file cannot be read).', 400)
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new APIError(
      `Ảnh quá lớn: ${width}×${height} điểm ảnh, tối đa ${MAX_IMAGE_PIXELS / 1_000_000} triệu (image too large: ${width}×${height} pixels, at most ${MAX_IMAGE_PIXELS} pixels).`,
      400,
    )
  }
  return args
}
