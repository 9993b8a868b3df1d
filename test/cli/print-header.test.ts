/**
 * The `# npx runbook print … --param '…'` line of a printed script is a comment: a line break in a value would end it
 * and run the rest as a command. Impossible three ways: a parameter rule that admits a line break is a definition
 * error, a value with one is refused, and the header line is rendered on one line whatever it is given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { main } from '../../src/cli/main.js';
import { RunbookDefinitionError } from '../../src/runbook/errors.js';
import { admitsLineBreak, validateParamValue } from '../../src/runbook/params.js';
import { printCommandLine } from '../../src/runbook/render.js';
import { parseRunbook } from '../../src/runbook/schema.js';
import { sh } from '../../src/runbook/template.js';
import { testIO } from '../helpers/test-io.js';

const withParam = (param: Record<string, unknown>) => ({
  id: 'header-demo',
  title: '머리글 데모',
  summary: '매개변수 값이 머리글 주석을 벗어나지 않는지 봅니다.',
  ciliumVersion: '1.18.4',
  requires: [],
  params: { name: { label: '이름', description: '아무 이름', example: 'demo', ...param } },
  steps: [
    {
      id: 'use',
      title: '사용',
      explanation: '이름을 출력합니다.',
      risk: 'read',
      command: ({ name }: { name: never }) => sh`echo ${name}`,
    },
  ],
  verify: [],
});

describe('a parameter value is one line', () => {
  it.each([
    [/^[^;]+$/, 'a negated class'],
    [/^.+$/s, 'a dot with the s flag'],
    [/^[\w\s]+$/, '\\s'],
    [/^(\w|\n)+$/, 'an explicit \\n'],
    [/^[a-z\r]+$/, 'an explicit \\r'],
    [/^d[\W\w]*$/, '\\W'],
  ])('a string pattern that admits a line break (%s, %s) is a definition error', (pattern) => {
    const input = withParam({ type: 'string', pattern });
    expect(() => parseRunbook(input)).toThrow(RunbookDefinitionError);
    expect(() => parseRunbook(input)).toThrow(/params\.name: the pattern admits a line break/);
  });

  it('an enum value with a line break is a definition error; positive patterns and the default are fine', () => {
    expect(() => parseRunbook(withParam({ type: 'enum', values: ['demo', 'b\nc'] }))).toThrow(
      /a value contains a line break/,
    );
    expect(parseRunbook(withParam({ type: 'string', pattern: /^[A-Za-z0-9._-]+$/ })).id).toBe('header-demo');
    expect(parseRunbook(withParam({ type: 'string' })).id).toBe('header-demo');
    expect(admitsLineBreak({ type: 'string', label: 'x', description: 'x' })).toBe(false);
  });

  it('no shipped runbook parameter admits a line break', () => {
    for (const rb of catalog.runbooks) {
      for (const def of Object.values(rb.params)) expect(admitsLineBreak(def)).toBe(false);
    }
  });

  it.each(['string', 'host', 'enum', 'version'] as const)('a %s value with a line break is refused', (type) => {
    const def = { type, label: 'x', description: 'x', values: ['a\nb'], pattern: /^[a-z]+$/ };
    expect(validateParamValue(def, 'a\nb')).toMatch(/single line/);
    expect(validateParamValue(def, 'a\rb')).toMatch(/single line/);
  });

  it('print refuses it before writing anything (exit 2)', async () => {
    const t = testIO();
    const code = await main(['print', 'kpr-enable', '--param', 'apiServerHost=10.0.0.1\ntouch /tmp/x'], t.io);
    expect(code).toBe(2);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toContain('single line');
  });
});

describe('the header line', () => {
  it('stays one comment line even for a value with line breaks, and bash runs nothing from it', () => {
    const rb = catalog.get('kpr-enable');
    const dir = mkdtempSync(join(tmpdir(), 'header-'));
    const marker = join(dir, 'ran');
    const line = printCommandLine(rb, { apiServerHost: `x\ntouch ${marker}\r`, apiServerPort: "6443'\n" });
    expect(line).not.toMatch(/[\n\r]/);
    expect(line).toContain(`--param $'apiServerHost=x\\ntouch ${marker}\\r'`);
    expect(line).toContain(`--param $'apiServerPort=6443\\'\\n'`);
    const bash = spawnSync('bash', ['--noprofile', '--norc', '-c', `# ${line}\necho done`], { encoding: 'utf8' });
    expect(bash.stdout).toBe('done\n');
    expect(existsSync(marker)).toBe(false);
    // Read back by bash, the quoted value is the value.
    const echoed = spawnSync('bash', ['--noprofile', '--norc', '-c', `printf %s ${line.split(' --param ')[1]}`], {
      encoding: 'utf8',
    });
    expect(echoed.stdout).toBe(`apiServerHost=x\ntouch ${marker}\r`);
  });

  it('ordinary values are quoted as before', () => {
    const rb = catalog.get('kpr-enable');
    expect(printCommandLine(rb, { apiServerHost: '10.0.0.1', apiServerPort: '6443' })).toBe(
      'npx runbook print kpr-enable --param apiServerHost=10.0.0.1 --param apiServerPort=6443',
    );
  });
});
