import { describe, expect, it } from 'vitest';
import { quote } from '../../src/runbook/quote.js';

describe('quote: one readable POSIX quoting for display and execution', () => {
  it.each([
    ['192.168.1.187', '192.168.1.187'],
    ['6443', '6443'],
    ['--set=hubble.ui.enabled=true', '--set=hubble.ui.enabled=true'],
    ['kubernetes-admin@kubernetes', 'kubernetes-admin@kubernetes'],
    ['', "''"],
    ['hello world; rm -rf /tmp/nope', "'hello world; rm -rf /tmp/nope'"],
    ['암호화 설정', "'암호화 설정'"],
    ["it's", "'it'\\''s'"],
    ['$HOME `id`', "'$HOME `id`'"],
    ['a\nb', "'a\nb'"],
  ])('quotes %j as %s', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });

  it('round-trips through real bash as exactly one argument', async () => {
    const { execFileSync } = await import('node:child_process');
    const values = ['암호화 설정', "it's", '$HOME `id`', 'a\nb', '', 'x;y|z&w', '*'];
    const script = `printf '[%s]\\n' ${values.map(quote).join(' ')}`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out).toBe(values.map((v) => `[${v}]\n`).join(''));
  });
});
