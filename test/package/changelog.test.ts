/**
 * CHANGELOG.md keeps up with the package: the packaged version has its section, every runbook of the catalog is
 * named in some version's notes, and every runbook id the notes name exists (or existed: mark removals "removed").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';

const root = new URL('../../', import.meta.url);
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');
const { version } = JSON.parse(readFileSync(new URL('packages/cli/package.json', root), 'utf8')) as { version: string };

/** The "### Runbooks" parts of every version section. */
const runbookNotes = changelog
  .split(/^## /m)
  .slice(1)
  .map((section) => /^### Runbooks\n([\s\S]*?)(?=^### |(?![\s\S]))/m.exec(section)?.[1] ?? '');

describe('CHANGELOG.md', () => {
  it('has an Unreleased section and one for the packaged version', () => {
    expect(changelog).toMatch(/^## Unreleased$/m);
    expect(changelog).toMatch(new RegExp(`^## ${version.replaceAll('.', '\\.')}( |$)`, 'm'));
  });

  it('names every runbook in the notes of the version that added it', () => {
    const named = new Set(runbookNotes.flatMap((notes) => [...notes.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1])));
    expect(catalog.runbooks.map((rb) => rb.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it('names no runbook that does not exist, unless it says it was removed', () => {
    const ids = new Set(catalog.runbooks.map((rb) => rb.id));
    const unknown = runbookNotes.flatMap((notes) =>
      notes
        .split('\n')
        .filter((line) => !/removed/i.test(line))
        .flatMap((line) => [...line.matchAll(/^- `([a-z0-9-]+)`|[(,/] `([a-z0-9-]+)`/g)].map((m) => m[1] ?? m[2]))
        .filter((id): id is string => id !== undefined && !ids.has(id)),
    );
    expect(unknown).toEqual([]);
  });
});
