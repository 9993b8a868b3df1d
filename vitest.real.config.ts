import { defineConfig } from 'vitest/config';

/**
 * The real-tools tier (`npm run test:real`): test/real/*.real.ts against real kubectl, helm, kubeadm and a real
 * control plane, inside the private namespaces of real/ns.sh. The default config (npm test) never picks these files
 * up: its include is test/**\/*.test.ts.
 */
export default defineConfig({
  test: {
    include: ['test/real/**/*.real.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // One cluster, changed in guide order: files and tests run one after another.
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
