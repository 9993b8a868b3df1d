import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { createCatalog } from '../../src/runbook/catalog.js';
import { parseRunbook } from '../../src/runbook/schema.js';
import { sh } from '../../src/runbook/template.js';
import { issuesOf } from '../helpers/definitions.js';

const valid = () => ({
  id: 'demo',
  title: '데모',
  summary: '요약입니다.',
  ciliumVersion: '1.18.4',
  requires: ['kubectl'],
  params: { host: { type: 'host', label: '주소', description: '설명', example: '10.0.0.1' } },
  steps: [
    {
      id: 'one',
      title: '하나',
      explanation: '설명',
      risk: 'read',
      command: ({ host }: { host: unknown }) => sh`ping ${host as never}`,
    },
  ],
  verify: [],
});

describe('runbook definitions are validated with messages that name the runbook and field', () => {
  it('accepts a valid definition', () => {
    expect(parseRunbook(valid()).steps.map((s) => s.id)).toEqual(['one']);
  });

  it('names bad fields by path', () => {
    const bad = valid();
    Object.assign(bad.steps[0] as object, { id: 'Bad_Id', risk: 'dangerous', title: 'English only' });
    expect(issuesOf(bad)).toMatchInlineSnapshot(`
      "Runbook "demo" is invalid:
        - steps[0].id: must be kebab-case, e.g. "helm-upgrade"
        - steps[0].title: title must be written in Korean
        - steps[0].risk: Invalid enum value. Expected 'read' | 'change' | 'destructive', received 'dangerous'"
    `);
  });

  it('rejects a command that uses an undeclared parameter, and duplicate step ids', () => {
    const bad = valid();
    const step = bad.steps[0] as (typeof bad.steps)[0];
    bad.steps.push({ ...step, command: ({ hots }: { hots?: unknown }) => sh`ping ${hots as never}` } as never);
    expect(issuesOf(bad)).toMatchInlineSnapshot(`
      "Runbook "demo" is invalid:
        - steps[1].id: "one" is used twice; step ids must be unique in a runbook
        - steps[1].command: refers to parameter "hots", which is not declared. Declared: host"
    `);
  });

  it('rejects a default that fails its own rule, and a missing display value', () => {
    const bad = valid();
    Object.assign(bad.params, {
      port: { type: 'port', label: '포트', description: '설명', default: '99999' },
      name: { type: 'string', label: '이름', description: '설명' },
    });
    expect(issuesOf(bad)).toContain('params.port.default: "99999" must be a port number from 1 to 65535');
    expect(issuesOf(bad)).toContain('params.name: needs a "default" or an "example"');
  });

  it('rejects a parameter written inside quotes when its values may need quoting', () => {
    const bad = valid();
    Object.assign(bad.params, {
      note: { type: 'string', label: '메모', description: '설명', example: 'a b', pattern: /.+/ },
    });
    bad.steps.push({
      id: 'two',
      title: '둘',
      explanation: '설명',
      risk: 'read',
      command: ({ note, host }: { note: never; host: never }) => sh`echo "${note}" "${host}"`,
    } as never);
    expect(issuesOf(bad)).toContain(
      'steps[1].command: parameter "note" is inside quotes; write it bare — the renderer quotes every value itself',
    );
    expect(issuesOf(bad)).not.toContain('parameter "host" is inside quotes');
  });

  it('rejects a rollback that names no runbook', () => {
    expect(() => createCatalog([{ ...valid(), rollback: 'nope' }]).get('demo')).toThrow(
      'rollback: names "nope", which is not a runbook. Runbooks: demo',
    );
  });

  it('loads every runbook in the repository', () => {
    // Every runbooks/<id>.ts is registered in runbooks/index.ts, and nothing else is.
    const files = readdirSync(new URL('../../runbooks/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    const ids = catalog.runbooks.map((r) => r.id);
    expect([...ids].sort()).toEqual(files.sort());
    expect(ids.slice(0, 2)).toEqual(['kpr-enable', 'kpr-rollback']);
    expect(() => catalog.get('kpr-enabel')).toThrow(`Unknown runbook "kpr-enabel". Runbooks: ${ids.join(', ')}.`);
  });
});
