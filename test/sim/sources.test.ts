/**
 * test/fixtures/sim/SOURCES.md and the fakes agree: every row names an upstream file (or says the output is the
 * simulator's own), its fake files exist and name the row, every row a fake names exists, and every function in
 * lib/ that prints something or exits with a message carries a `SOURCES.md row <id>` comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SIM = fileURLToPath(new URL('../fixtures/sim/', import.meta.url));
const LIB = path.join(SIM, 'lib');

interface Row {
  id: string;
  shape: string;
  upstream: string;
  exits: string;
  fidelity: string;
  fakes: string[];
}

function rows(): Row[] {
  const text = fs.readFileSync(path.join(SIM, 'SOURCES.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\| id +\|/.test(l) && !/^\| -+ \|/.test(l))
    .map((l) => {
      const cells = l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim());
      expect(cells, l).toHaveLength(6);
      const [id = '', shape = '', upstream = '', exits = '', fidelity = '', fake = ''] = cells;
      return { id, shape, upstream, exits, fidelity, fakes: fake.split(',').map((f) => f.trim()) };
    });
}

/** Row ids a source file names: `SOURCES.md row a` or `SOURCES.md rows a, b, c` (a comment may wrap). */
function namedRows(source: string): string[] {
  const ids: string[] = [];
  const text = source.replace(/\n\s*(?:\/\/|\*)\s*/g, ' ');
  for (const m of text.matchAll(
    /SOURCES\.md rows? ((?:[a-z0-9]+(?:-[a-z0-9]+)*)(?:, (?:[a-z0-9]+(?:-[a-z0-9]+)*))*)/g,
  )) {
    ids.push(...(m[1] ?? '').split(', '));
  }
  return ids;
}

/** Top-level functions of a module that print or exit with a message, with the comment lines right above them. */
function outputFunctions(source: string): { name: string; comment: string }[] {
  const lines = source.split('\n');
  const starts = lines.flatMap((l, i) => (/^(export )?(async )?function \w+/.test(l) ? [i] : []));
  return starts.flatMap((start, k) => {
    const body = lines.slice(start, starts[k + 1] ?? lines.length).join('\n');
    if (!/\bout\(|new Exit\(|\bfail\(|process\.stderr\.write/.test(body)) return [];
    let j = start - 1;
    const comment: string[] = [];
    while (j >= 0 && /^(\/\/|\/\*\*| \*)/.test(lines[j] ?? '')) comment.unshift(lines[j--] ?? '');
    const name = /function (\w+)/.exec(lines[start] ?? '')?.[1] ?? '';
    return [{ name, comment: comment.join('\n') }];
  });
}

const libFiles = fs.readdirSync(LIB).filter((f) => f.endsWith('.mjs'));

describe('SOURCES.md', () => {
  const table = rows();
  const ids = new Set(table.map((r) => r.id));

  it('has unique ids and, per row, an upstream file (or says it is the simulator), exit codes and a fidelity', () => {
    expect(table.length).toBeGreaterThan(40);
    expect(ids.size).toBe(table.length);
    for (const r of table) {
      expect(r.id, r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.shape, r.id).not.toBe('');
      expect(r.exits, r.id).not.toBe('');
      expect(r.fidelity, r.id).toMatch(/^(reproduced|sample|approximate|illustrative|simulator|real tool)\b/);
      if (!/^(simulator|real tool)$/.test(r.fidelity)) {
        // A file with its extension (…/status.go, nslookup.c, _helpers.tpl, values.yaml, sample-outputs.md) or a URL.
        expect(r.upstream, r.id).toMatch(/[\w./-]+\.(go|c|tpl|yaml|md|rst|txt)\b|https:\/\//);
      }
    }
  });

  it('names, per row, fake files that exist and name the row', () => {
    for (const r of table) {
      for (const fake of r.fakes) {
        const file = path.join(SIM, fake);
        expect(fs.existsSync(file), `${r.id}: ${fake}`).toBe(true);
        expect(namedRows(fs.readFileSync(file, 'utf8')), `${r.id} in ${fake}`).toContain(r.id);
      }
    }
  });

  it('has a row for every id a fake names, and a fake column entry for every lib file that names rows', () => {
    const listed = new Set(table.flatMap((r) => r.fakes));
    for (const f of libFiles) {
      const named = namedRows(fs.readFileSync(path.join(LIB, f), 'utf8'));
      for (const id of named) expect(ids.has(id), `${f} names ${id}`).toBe(true);
      if (named.length > 0) expect(listed.has(`lib/${f}`), `lib/${f} in the fake column`).toBe(true);
    }
  });

  it('is named by every lib function that prints or exits with a message', () => {
    const missing = libFiles.flatMap((f) =>
      outputFunctions(fs.readFileSync(path.join(LIB, f), 'utf8'))
        .filter((fn) => namedRows(fn.comment).length === 0)
        .map((fn) => `${f}:${fn.name}`),
    );
    expect(missing).toEqual([]);
    // The check sees the functions it is meant to see.
    const seen = libFiles.flatMap((f) =>
      outputFunctions(fs.readFileSync(path.join(LIB, f), 'utf8')).map((x) => `${f}:${x.name}`),
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        'cilium-cli.mjs:statusCommand',
        'pod-exec.mjs:nslookup',
        'helm.mjs:getValues',
        'kubeadm.mjs:addonKubeProxy',
      ]),
    );
  });
});
