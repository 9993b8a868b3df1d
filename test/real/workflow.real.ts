/**
 * .github/workflows/real-cluster.yml cannot run here (no Docker engine for kind); it is checked instead: actionlint
 * (built by real/build-tools.sh) finds no error in it, and it runs the same script and test config as test:real.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, sh, TOOLS } from './harness.js';

const workflow = path.join(REPO, '.github/workflows/real-cluster.yml');

describe('the hosted real-datapath workflow', () => {
  it('passes actionlint', async () => {
    const r = await sh(`${path.join(TOOLS, 'bin', 'actionlint')} ${workflow}`);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('reuses the scripts of test:real: real/build-tools.sh through scripts/test-real-kind.sh and vitest.real.config.ts', () => {
    expect(fs.readFileSync(workflow, 'utf8')).toMatch(/run: bash scripts\/test-real-kind\.sh/);
    const script = fs.readFileSync(path.join(REPO, 'scripts/test-real-kind.sh'), 'utf8');
    expect(script).toMatch(/bash real\/build-tools\.sh/);
    expect(script).toMatch(/--config vitest\.real\.config\.ts/);
  });
});
