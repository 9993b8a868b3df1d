/**
 * Imports point one way: content → components → model ← runner ← cli, runbooks → model. The model knows nothing
 * of Astro, zx, child processes, the runner or the CLI; the runner knows nothing of the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|astro|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

const rules: [string, RegExp][] = [
  ['src/runbook', /(^astro|^zx|child_process|\/runner\/|\/cli\/|\/components\/|^commander|^@inquirer)/],
  ['src/runner', /(^astro|\/cli\/|\/components\/|^commander|^@inquirer)/],
  ['runbooks', /(^astro|^zx|child_process|\/runner\/|\/cli\/|\/components\/)/],
  ['src/components', /(\/runner\/|\/cli\/|^zx|child_process)/],
];

describe('import direction', () => {
  it.each(rules)('%s imports nothing it must not', (dir, forbidden) => {
    const offending = sources(dir).flatMap((file) =>
      imports(file)
        .filter((i) => forbidden.test(i))
        .map((i) => `${file} → ${i}`),
    );
    expect(offending).toEqual([]);
  });

  it('the runner reaches the outside world only through its node/ adapters and ports', () => {
    const direct = sources('src/runner')
      .filter((f) => !f.includes('/node/'))
      .flatMap((file) =>
        imports(file)
          .filter((i) => /^(node:child_process|zx)$/.test(i))
          .map((i) => `${file} → ${i}`),
      );
    expect(direct).toEqual([]);
  });
});
