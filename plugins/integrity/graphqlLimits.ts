import type {
  ASTVisitor,
  DocumentNode,
  ExecutionArgs,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql'

import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql'

import type { GraphQLLimits } from './types'

export type { GraphQLLimits } from './types'

/** The defaults, in one place; README documents them with their env variables. */
export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxCost: 5000,
  maxAliases: 20,
  maxDepth: 15,
  maxQueryBytes: 10_240,
  maxPageSize: 100,
}

/** Payload's page size when a paginated query or a join field is given no `limit`. */
const DEFAULT_PAGE_SIZE = 10
/**
 * A list without a `limit` argument (a hasMany relationship, an array field) holds as many items
 * as editors put there; a nested chain of them multiplies, so each counts as this many.
 */
const UNBOUNDED_LIST_SIZE = 10

const ENV_NAMES: Record<keyof GraphQLLimits, string> = {
  maxCost: 'GRAPHQL_MAX_COST',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxQueryBytes: 'GRAPHQL_MAX_QUERY_BYTES',
  maxPageSize: 'MAX_PAGE_SIZE',
}

/**
 * The limits from the environment, each falling back to its default. A value that is not a
 * positive integer stops the start: a typo must not silently switch a guard off.
 */
export const graphqlLimitsFromEnv = (
  env: Record<string, string | undefined> = process.env,
): GraphQLLimits => {
  const limits = { ...DEFAULT_GRAPHQL_LIMITS }
  for (const key of Object.keys(ENV_NAMES) as (keyof GraphQLLimits)[]) {
    const raw = env[ENV_NAMES[key]]
    if (raw == null || raw.trim() === '') continue
    const value = Number(raw)
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${ENV_NAMES[key]} must be a positive integer, got "${raw}"`)
    }
    limits[key] = value
  }
  return limits
}

export type LimitName = 'cost' | 'aliases' | 'depth' | 'queryBytes' | 'fragmentCycle' | 'argument'

/** A GraphQL error the client caused: Payload's shape (`extensions.statusCode`) plus which limit. */
export const limitError = ({
  message,
  limit,
  max,
  actual,
  nodes,
}: {
  message: string
  limit: LimitName
  max?: number
  actual?: number
  nodes?: readonly FieldNode[] | FieldNode
}) =>
  new GraphQLError(message, {
    nodes,
    extensions: {
      statusCode: 400,
      name: 'GraphQLLimitError',
      limit,
      ...(max === undefined ? {} : { max, actual }),
    },
  })

export const messages = {
  cost: (actual: number, max: number) =>
    `Truy vấn GraphQL quá nặng: chi phí ước tính ${actual} vượt giới hạn ${max} (GRAPHQL_MAX_COST). Hãy giảm limit, số bí danh hoặc số trường lồng nhau.`,
  aliases: (actual: number, max: number) =>
    `Truy vấn GraphQL có quá nhiều bí danh (alias): ${actual}, tối đa ${max} (GRAPHQL_MAX_ALIASES).`,
  depth: (max: number) => `Truy vấn GraphQL lồng quá sâu: vượt quá ${max} cấp (GRAPHQL_MAX_DEPTH).`,
  queryBytes: (actual: number, max: number) =>
    `Truy vấn GraphQL quá dài: ${actual} byte, tối đa ${max} (GRAPHQL_MAX_QUERY_BYTES).`,
  fragmentCycle: (names: string[]) =>
    `Các fragment tham chiếu vòng tròn (${names.join(' → ')}); một fragment không được tự chứa chính nó.`,
  page: (value: unknown) => `Tham số page phải là số nguyên từ 1 trở lên (nhận được ${value}).`,
  limit: (value: unknown) =>
    `Tham số limit phải là số nguyên không âm (nhận được ${value}); 0 nghĩa là cỡ trang tối đa.`,
}

/**
 * The first fragment cycle of the document (`A → B → A`), or null. Iterative, so a deep chain of
 * fragments cannot overflow the stack; Payload's own complexity rule recurses forever on a cycle
 * (a 500), so callers run this before handing the document to Payload.
 */
export const findFragmentCycle = (document: DocumentNode): string[] | null => {
  const spreads = new Map<string, string[]>()
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue
    const names: string[] = []
    const stack: SelectionSetNode[] = [definition.selectionSet]
    while (stack.length > 0) {
      for (const selection of stack.pop()!.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value)
        else if (selection.selectionSet) stack.push(selection.selectionSet)
      }
    }
    spreads.set(definition.name.value, names)
  }
  const done = new Set<string>()
  for (const start of spreads.keys()) {
    if (done.has(start)) continue
    // Depth-first walk with an explicit stack; `path` is the chain currently being explored.
    const path: string[] = []
    const onPath = new Set<string>()
    const frames: { name: string; next: number }[] = [{ name: start, next: 0 }]
    path.push(start)
    onPath.add(start)
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]
      const children = spreads.get(frame.name) ?? []
      if (frame.next >= children.length) {
        frames.pop()
        path.pop()
        onPath.delete(frame.name)
        done.add(frame.name)
        continue
      }
      const child = children[frame.next++]
      if (onPath.has(child)) return [...path.slice(path.indexOf(child)), child]
      if (done.has(child) || !spreads.has(child)) continue
      frames.push({ name: child, next: 0 })
      path.push(child)
      onPath.add(child)
    }
  }
  return null
}

type Stats = { cost: number; depth: number; aliases: number }

type Walk = {
  schema: GraphQLSchema
  limits: GraphQLLimits
  variables: Record<string, unknown>
  fragments: Map<string, FragmentDefinitionNode>
  fragmentStats: Map<string, Stats>
  /** Fragments being walked: a spread of one of these is a cycle, reported by graphql's rules. */
  active: Set<string>
  report: (error: GraphQLError) => void
}

/** Where in the tree a selection set sits. */
type Scope = {
  /** Items of the page the enclosing paginated field returns, for its list (`docs`). */
  pageSize: number | null
  level: number
  /** Introspection is answered from memory, never from the database: its lists count once. */
  isIntrospection: boolean
}

const argumentValue = (field: FieldNode, name: string, walk: Walk): unknown => {
  const node = field.arguments?.find((arg) => arg.name.value === name)?.value
  if (!node) return undefined
  return node.kind === Kind.VARIABLE
    ? walk.variables[node.name.value]
    : valueFromASTUntyped(node, walk.variables)
}

/**
 * How many items a paginated field (one with a `limit` argument: collection queries, versions,
 * join fields) returns. `limit: 0` means "no limit" to Payload, which the REST layer caps at the
 * maximum page size, so it counts as that; an absurd limit counts as itself.
 */
const pageSizeOf = (field: FieldNode, walk: Walk): number => {
  const limit = argumentValue(field, 'limit', walk)
  if (limit == null) return DEFAULT_PAGE_SIZE
  // A non-integer is a type error that graphql's own rules report.
  if (typeof limit !== 'number' || !Number.isInteger(limit)) return walk.limits.maxPageSize
  if (limit < 0) {
    walk.report(limitError({ message: messages.limit(limit), limit: 'argument', nodes: field }))
    return walk.limits.maxPageSize
  }
  return limit === 0 ? walk.limits.maxPageSize : limit
}

const checkPage = (field: FieldNode, walk: Walk) => {
  const page = argumentValue(field, 'page', walk)
  // A non-integer is a type error that graphql's own rules report.
  if (typeof page !== 'number' || !Number.isInteger(page) || page >= 1) return
  walk.report(limitError({ message: messages.page(page), limit: 'argument', nodes: field }))
}

const META_FIELDS: Record<string, GraphQLField<unknown, unknown>> = {
  __schema: SchemaMetaFieldDef,
  __type: TypeMetaFieldDef,
  __typename: TypeNameMetaFieldDef,
}

const fieldDefinition = (parentType: unknown, name: string) => {
  if (META_FIELDS[name]) return META_FIELDS[name]
  const type = getNamedType(parentType as GraphQLNamedType | undefined)
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined
}

/**
 * Cost, depth and aliases of a selection set under `parentType`, fragments expanded (each
 * fragment computed once per scope). Each field costs 1, times the size of every list above
 * it: the list below a paginated field (`docs`) holds its page, any other list (a hasMany
 * relationship, an array field) counts as UNBOUNDED_LIST_SIZE.
 */
const statsOf = (
  selectionSet: SelectionSetNode,
  parentType: unknown,
  walk: Walk,
  scope: Scope,
): Stats => {
  // Deeper levels are not walked: the depth error is already certain, and the walk stays bounded.
  if (scope.level > walk.limits.maxDepth) return { cost: 0, depth: 1, aliases: 0 }
  const total: Stats = { cost: 0, depth: 0, aliases: 0 }
  const add = (stats: Stats) => {
    total.cost += stats.cost
    total.depth = Math.max(total.depth, stats.depth)
    total.aliases += stats.aliases
  }
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parentType
      add(statsOf(selection.selectionSet, type, walk, scope))
      continue
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value
      const fragment = walk.fragments.get(name)
      if (!fragment || walk.active.has(name)) continue
      const key = `${name}@${scope.level}:${scope.pageSize}:${scope.isIntrospection}`
      let stats = walk.fragmentStats.get(key)
      if (!stats) {
        walk.active.add(name)
        const type = walk.schema.getType(fragment.typeCondition.name.value)
        stats = statsOf(fragment.selectionSet, type, walk, scope)
        walk.active.delete(name)
        walk.fragmentStats.set(key, stats)
      }
      add(stats)
      continue
    }
    const aliases = selection.alias ? 1 : 0
    const definition = fieldDefinition(parentType, selection.name.value)
    if (!definition) {
      add({ cost: 1, depth: 1, aliases }) // an unknown field: graphql's own rules report it
      continue
    }
    checkPage(selection, walk)
    const isIntrospection = scope.isIntrospection || selection.name.value.startsWith('__')
    const isList = isListType(getNullableType(definition.type))
    const size = !isList || isIntrospection ? 1 : (scope.pageSize ?? UNBOUNDED_LIST_SIZE)
    const isPaginated = definition.args.some((arg) => arg.name === 'limit')
    const children = selection.selectionSet
      ? statsOf(selection.selectionSet, definition.type, walk, {
          pageSize: isPaginated ? pageSizeOf(selection, walk) : null,
          level: scope.level + 1,
          isIntrospection,
        })
      : { cost: 0, depth: 0, aliases: 0 }
    add({
      cost: 1 + size * children.cost,
      depth: 1 + children.depth,
      aliases: aliases + children.aliases,
    })
  }
  return total
}

/** Cost, depth and aliases of one operation; argument errors go to `report`. */
export const measureOperation = ({
  schema,
  document,
  operation,
  variables = {},
  limits,
  report,
}: {
  schema: GraphQLSchema
  document: DocumentNode
  operation: OperationDefinitionNode
  variables?: Record<string, unknown> | null
  limits: GraphQLLimits
  report: (error: GraphQLError) => void
}): Stats => {
  const withDefaults: Record<string, unknown> = {}
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      withDefaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue)
    }
  }
  Object.assign(withDefaults, variables ?? {})
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition)
    }
  }
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType()
  return statsOf(
    operation.selectionSet,
    root,
    {
      schema,
      limits,
      variables: withDefaults,
      fragments,
      fragmentStats: new Map(),
      active: new Set(),
      report,
    },
    { pageSize: null, level: 1, isIntrospection: false },
  )
}

/**
 * A validation rule that refuses, before anything runs, an operation whose estimated cost,
 * alias count or depth is above the limits, or whose `page`/`limit` can only be a mistake.
 * The estimate multiplies each field by the page sizes above it, so 200 aliases of a 100-item
 * page cost 200 × 100 × the fields asked for each item.
 */
export const graphqlLimitsRule =
  (limits: GraphQLLimits, variables?: Record<string, unknown> | null): ValidationRule =>
  (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const { cost, depth, aliases } = measureOperation({
        schema: context.getSchema(),
        document: context.getDocument(),
        operation,
        variables,
        limits,
        report: (error) => context.reportError(error),
      })
      const refuse = (limit: LimitName, actual: number, max: number, message: string) =>
        context.reportError(limitError({ message, limit, actual, max }))
      if (depth > limits.maxDepth) {
        refuse('depth', depth, limits.maxDepth, messages.depth(limits.maxDepth))
      }
      if (aliases > limits.maxAliases) {
        refuse('aliases', aliases, limits.maxAliases, messages.aliases(aliases, limits.maxAliases))
      }
      if (cost > limits.maxCost) {
        refuse('cost', cost, limits.maxCost, messages.cost(cost, limits.maxCost))
      }
      const source = context.getDocument().loc?.source.body
      const bytes = source ? Buffer.byteLength(source) : 0
      if (bytes > limits.maxQueryBytes) {
        refuse(
          'queryBytes',
          bytes,
          limits.maxQueryBytes,
          messages.queryBytes(bytes, limits.maxQueryBytes),
        )
      }
      return false
    },
  })

/**
 * For `graphQL.validationRules` in the Payload config: Payload calls it per request with the
 * execution args, so the cost estimate sees the request's variables.
 */
export const graphqlValidationRules =
  (limits: GraphQLLimits) =>
  (args: ExecutionArgs): ValidationRule[] => [graphqlLimitsRule(limits, args.variableValues)]
