/**
 * The CLI's words: one catalogue per language with the same keys, the locale chosen from LC_ALL / LC_MESSAGES / LANG,
 * and "did you mean …?" for a typo'd runbook, step or parameter name (instead of a list to read through).
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { catalogues, localeOf } from '../../src/cli/messages.js';
import { testIO } from '../helpers/test-io.js';

async function cli(argv: string[], env: Record<string, string> = {}) {
  const t = testIO({ env: { PATH: process.env.PATH ?? '', ...env } });
  const code = await main(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

/** Every key path of a catalogue, with the kind of value there (functions compared by arity). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()${value.length}`];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  }
  return [`${path}:${typeof value}`];
}

describe('message catalogues', () => {
  it('English and Korean have the same keys, each of the same kind', () => {
    expect(shape(catalogues.ko).sort()).toEqual(shape(catalogues.en).sort());
    expect(shape(catalogues.en).length).toBeGreaterThan(80);
  });

  it('every Korean sentence is Korean, and differs from the English one', () => {
    const sample = catalogues.ko;
    for (const text of [sample.result.declined, sample.pin.noCurrentContext, sample.env.stateDir('/x', 'y')]) {
      expect(text).toMatch(/[가-힣]/);
    }
    expect(sample.result.declined).not.toBe(catalogues.en.result.declined);
  });

  it.each([
    [{ LANG: 'ko_KR.UTF-8' }, 'ko'],
    [{ LANG: 'ko' }, 'ko'],
    [{ LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' }, 'ko'],
    [{ LC_ALL: 'C.UTF-8', LANG: 'ko_KR.UTF-8' }, 'en'],
    [{ LANG: 'kok_IN' }, 'en'], // Konkani, not Korean
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{}, 'en'],
  ])('locale %o → %s', (env, expected) => {
    expect(localeOf(env)).toBe(expected);
  });

  it('a Korean locale gets Korean messages and help; another locale gets English', async () => {
    const ko = await cli(['run', 'kpr-enabel'], { LANG: 'ko_KR.UTF-8' });
    expect(ko.code).toBe(2);
    expect(ko.stderr).toContain('오류: "kpr-enabel"라는 런북은 없습니다. kpr-enable을(를) 뜻했습니까?');
    expect((await cli(['--help'], { LANG: 'ko_KR.UTF-8' })).stdout).toContain('종료 코드:');
    const en = await cli(['run', 'kpr-enabel'], { LANG: 'en_US.UTF-8' });
    expect(en.stderr).toContain('error: Unknown runbook "kpr-enabel". Did you mean kpr-enable?');
    expect((await cli(['--help'], { LANG: 'en_US.UTF-8' })).stdout).toContain('Exit codes:');
  });
});

describe('did you mean …?', () => {
  it.each([
    [['run', 'kpr-enabel'], 'Unknown runbook "kpr-enabel". Did you mean kpr-enable?'],
    [['show', 'kpr-rolback'], 'Unknown runbook "kpr-rolback". Did you mean kpr-rollback?'],
    [
      ['run', 'kpr-enable', '--from', 'helm-upgrad'],
      'Unknown step "helm-upgrad" in kpr-enable. Did you mean helm-upgrade?',
    ],
    [
      ['run', 'kpr-enable', '--only', 'check-kube-proxy,verify-kpx'],
      'Unknown step "verify-kpx" in kpr-enable. Did you mean verify-kpr?',
    ],
    [
      ['run', 'kpr-enable', '--param', 'apiServerHots=10.0.0.1', '--dry-run'],
      'Unknown parameter "apiServerHots" for kpr-enable. Did you mean apiServerHost?',
    ],
    [
      ['print', 'kpr-enable', '--param', 'apiserverport=443'],
      'Unknown parameter "apiserverport" for kpr-enable. Did you mean apiServerPort?',
    ],
  ])('%j suggests the close name and does not list them all (exit 2)', async (argv, text) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(text);
    expect(stderr).not.toContain('Runbooks:');
    expect(stderr).not.toContain('Steps:');
  });

  it('a name close to nothing still lists what exists', async () => {
    const { code, stderr } = await cli(['run', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown runbook "nope". Runbooks: kpr-enable, kpr-rollback, ');
    expect(stderr).not.toContain('Did you mean');
  });
});
