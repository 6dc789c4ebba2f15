import type { Endpoint, Where } from 'payload'

import { contentSlugs } from '../../collections/slugs'
import { CARD_FIELDS, HOME_LIMIT } from '../portal/js/queries.js'

/** The home page's lists, which only published FAQ questions join. */
const LIST_WHERE: Partial<Record<(typeof contentSlugs)[number], Where>> = {
  questions: { isFaq: { equals: true } },
}

/**
 * `GET /api/home`: the latest cards of every section in one answer (the portal's home page made
 * five requests). Each list is exactly what `GET /api/<section>?limit=4&sort=-updatedAt&select…`
 * answers the same reader: the collections' own read access decides, nothing is widened.
 */
export const homeEndpoint: Endpoint = {
  path: '/home',
  method: 'get',
  handler: async (req) => {
    const sections = await Promise.all(
      contentSlugs.map(async (slug) => {
        const { docs, totalDocs } = await req.payload.find({
          collection: slug,
          where: LIST_WHERE[slug],
          sort: '-updatedAt',
          limit: HOME_LIMIT,
          depth: 0,
          overrideAccess: false,
          user: req.user,
          req,
          select: Object.fromEntries(CARD_FIELDS[slug].map((field) => [field, true])),
        })
        return [slug, { docs, totalDocs }] as const
      }),
    )
    return Response.json(Object.fromEntries(sections))
  },
}
