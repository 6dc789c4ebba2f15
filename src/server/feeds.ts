import express, { type Router } from 'express'
import type { Payload } from 'payload'

/**
 * `/feeds/<slug>.json|.atom|.rss` and `/feeds/all.*` (mounted at `/feeds`). To be built.
 */
export const feedsRouter = (_payload: Payload): Router => express.Router()
