import type { CollectionConfig, Config, PayloadRequest, TaskConfig } from 'payload'

import { setBackendFactory, setIndexChangeListener } from './backend'
import { DEFAULT_QUEUE, DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, SEARCH_TASK } from './defaults'
import { scopedKeyEndpoint, searchEndpoint } from './endpoint'
import { enqueueSearchRemoval, enqueueSearchSync } from './hooks'
import { syncItem } from './sync'
import type { SearchSyncOptions } from './types'

export type { SearchSyncOptions, SearchDocument } from './types'
export { getSearchBackend, closeSearchBackend } from './backend'

/**
 * Keeps a search index (Typesense, or a table in PostgreSQL) in step with the published, current
 * items of the given collections, through an outbox of Payload jobs, and serves `GET /api/search`.
 */
export const typesenseSync =
  (options: SearchSyncOptions) =>
  (config: Config): Config => {
    const queue = options.queue ?? DEFAULT_QUEUE
    if (options.backend) setBackendFactory(options.backend)
    setIndexChangeListener(options.onIndexChange ?? null)
    const task = {
      slug: SEARCH_TASK,
      label: 'Đồng bộ chỉ mục tìm kiếm',
      inputSchema: [
        { name: 'collection', type: 'text', required: true },
        { name: 'id', type: 'number', required: true },
      ],
      retries: {
        attempts: options.retries ?? DEFAULT_RETRIES,
        backoff: { type: 'exponential', delay: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS },
      },
      outputSchema: [{ name: 'result', type: 'text' }],
      handler: async ({
        input,
        req,
      }: {
        input: { collection: string; id: number }
        req: PayloadRequest
      }) => {
        const result = await syncItem(req.payload, input.collection, input.id)
        return { output: { result } }
      },
    } as unknown as TaskConfig
    const withHooks = (collection: CollectionConfig): CollectionConfig => {
      if (options.disabled || !options.collections.includes(collection.slug)) return collection
      return {
        ...collection,
        hooks: {
          ...collection.hooks,
          afterChange: [...(collection.hooks?.afterChange ?? []), enqueueSearchSync(queue)],
          afterDelete: [...(collection.hooks?.afterDelete ?? []), enqueueSearchRemoval(queue)],
        },
      }
    }
    return {
      ...config,
      collections: (config.collections ?? []).map(withHooks),
      endpoints: [
        ...(config.endpoints ?? []),
        searchEndpoint(options.collections),
        scopedKeyEndpoint,
      ],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), task],
      },
    }
  }
