export const SEARCH_TASK = 'searchSync'
export const DEFAULT_QUEUE = 'search'
export const DEFAULT_RETRIES = Number(process.env.SEARCH_SYNC_RETRIES || 12)
export const DEFAULT_RETRY_DELAY_MS = Number(process.env.SEARCH_SYNC_RETRY_DELAY_MS || 1000)
export const MAX_QUERY_LENGTH = 200
export const MAX_LIMIT = 50
