import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.spec.ts', 'src/**/*.spec.ts', 'plugins/**/*.spec.ts'],
    globalSetup: ['tests/globalSetup.ts'],
    // Each integration file starts its own server process (Next + Payload); two at a time fit 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
    // Room for a server start that stalled twice (tests/helpers/server.ts) on a loaded machine.
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
})
