import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { graphqlLimitsFromEnv } from '../../../../../plugins/integrity/graphqlLimits'
import { guardGraphQLRoute } from '../../../../../plugins/integrity/graphqlRoute'

// The guard answers malformed bodies and cyclic or oversized queries with a 400 before Payload's
// handler, which would throw (a 500) on them and cannot set a status for validation errors.
export const POST = guardGraphQLRoute({
  handler: GRAPHQL_POST(config),
  limits: graphqlLimitsFromEnv(),
})
export const OPTIONS = REST_OPTIONS(config)
