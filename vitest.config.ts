import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Apollo's packages are CommonJS and load graphql's CommonJS build; so must our code,
    // or two copies of graphql meet in one schema ("from another module or realm"), as in Node.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['bench/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'schema/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts', 'test/**/*.e2e.ts'],
    // One embedded MongoDB for the whole run; every test file uses databases of its own.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Two cores: files run side by side in two workers.
    maxWorkers: 2,
  },
});
