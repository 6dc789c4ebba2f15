import express, { type Router } from 'express'
import type { Payload } from 'payload'

/** `/embed.js`, `/embed/<slug>` and `/oembed` (mounted at the root). To be built. */
export const embedsRouter = (_payload: Payload): Router => express.Router()
