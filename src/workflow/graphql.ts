import type { GraphQLExtension, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { contentSlugs, type ContentSlug } from '../../collections/slugs'
import { runWorkflowStep } from './endpoint'
import { WorkflowError } from './states'

/**
 * `mutation { workflow(collection: "documents", id: 1, action: "submit") { fromState toState } }`:
 * the same step as `POST /api/<slug>/:id/workflow`, for GraphQL clients.
 */
export const workflowMutation: GraphQLExtension = (GraphQL) => {
  const Result = new GraphQL.GraphQLObjectType({
    name: 'WorkflowResult',
    fields: {
      id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) },
      fromState: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
      toState: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
    },
  })
  return {
    workflow: {
      type: Result,
      args: {
        collection: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) },
        action: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        comment: { type: GraphQL.GraphQLString },
        reason: { type: GraphQL.GraphQLString },
      },
      resolve: async (
        _: unknown,
        args: { collection: string; id: number; action: string; comment?: string; reason?: string },
        context: { req: PayloadRequest },
      ) => {
        const { req } = context
        if (!req.user) throw new APIError('Cần đăng nhập (sign in first).', 401, undefined, true)
        if (!(contentSlugs as string[]).includes(args.collection)) {
          throw new APIError(
            `Mảng không hợp lệ "${args.collection}" (unknown collection).`,
            400,
            undefined,
            true,
          )
        }
        try {
          const result = await runWorkflowStep({
            req,
            collection: args.collection as ContentSlug,
            id: args.id,
            action: args.action,
            comment: args.comment?.slice(0, 4000) ?? null,
            reason: args.reason?.slice(0, 4000) ?? null,
          })
          return { id: args.id, fromState: result.fromState, toState: result.toState }
        } catch (err) {
          if (err instanceof WorkflowError)
            throw new APIError(err.message, err.status, undefined, true)
          throw err
        }
      },
    },
  }
}
