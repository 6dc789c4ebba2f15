/** Largest accepted upload, MAX_UPLOAD_MB megabytes (default 100: a podcast or a short video). */
export const MAX_UPLOAD_BYTES = Number(process.env.MAX_UPLOAD_MB || 100) * 1024 * 1024
