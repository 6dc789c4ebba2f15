import type { AfterErrorHook } from 'payload'

import { clientErrorOf } from './clientErrors'

type FieldError = { path?: string; message?: string; label?: unknown }
type ErrorLike = {
  name?: string
  message?: string
  data?: { errors?: FieldError[] }
}

/**
 * Keeps the field-level details of validation errors in REST responses (`errors[0].data.errors`
 * with each field's path), and answers 4xx instead of 500 for errors that only bad input can
 * cause (see clientErrorOf), over REST and (as the error's `extensions.statusCode`) over GraphQL.
 */
export const formatError: AfterErrorHook = ({ error, graphqlResult, result }) => {
  // Over GraphQL the database error is wrapped: Payload's handler passes the GraphQLError.
  const err = ((error as { originalError?: ErrorLike })?.originalError ?? error) as ErrorLike
  if (err?.name === 'ValidationError' && Array.isArray(err.data?.errors) && !graphqlResult) {
    return {
      status: 400,
      response: {
        errors: [
          {
            name: 'ValidationError',
            message: err.message,
            data: {
              errors: err.data.errors.map(({ path, message }) => ({ path, message })),
            },
          },
        ],
      },
    }
  }
  const clientError = clientErrorOf(err)
  if (clientError) {
    if (graphqlResult) {
      return {
        graphqlResult: {
          ...graphqlResult,
          message: clientError.message,
          extensions: {
            ...graphqlResult.extensions,
            name: 'ValidationError',
            statusCode: clientError.status,
          },
        },
      }
    }
    return { status: clientError.status, response: { errors: [{ message: clientError.message }] } }
  }
  return { response: result }
}
