import type { PayloadRequest } from 'payload'

type Runner = { execute: (query: unknown) => Promise<unknown> }
type SessionAdapter = { drizzle: Runner; sessions?: Record<string, { db: Runner }> }

/**
 * The drizzle handle of the request's open transaction when there is one (so raw SQL sees and
 * joins what the request already wrote), the adapter's pool otherwise.
 */
export const transactionDb = async (req: PayloadRequest): Promise<Runner> => {
  const adapter = req.payload.db as unknown as SessionAdapter
  const id = req.transactionID ? await req.transactionID : undefined
  return (id != null && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}
