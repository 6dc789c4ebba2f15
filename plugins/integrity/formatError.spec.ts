import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'

import { formatError } from './formatError'

const databaseError = (code: string) =>
  Object.assign(new Error('Failed query: select … offset $4'), { cause: { code } })

describe('formatError over GraphQL', () => {
  it.each(['2201X', '2201W'])(
    'should report database error %s caused by a bad page or limit as a 400',
    async (code) => {
      const error = new GraphQLError('Failed query', { originalError: databaseError(code) })
      const graphqlResult = { message: 'Something went wrong.', extensions: { statusCode: 500 } }
      const result = await formatError({ error, graphqlResult, context: {}, req: {} as never })
      expect(result && result.graphqlResult?.extensions?.statusCode).toBe(400)
      expect(result && result.graphqlResult?.message).not.toBe('Something went wrong.')
    },
  )

  it('should leave a server error as it is', async () => {
    const error = new GraphQLError('boom', { originalError: new Error('boom') })
    const graphqlResult = { message: 'Something went wrong.', extensions: { statusCode: 500 } }
    const result = await formatError({ error, graphqlResult, context: {}, req: {} as never })
    expect(result && result.graphqlResult).toBeUndefined()
  })
})
