import { describe, expect, it } from 'vitest';
import { paramNames, renderTemplate, sh } from '../../src/runbook/template.js';

const resolve = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('sh templates', () => {
  it('dedents a multi-line command and drops the blank first and last lines', () => {
    const t = sh`
      helm upgrade cilium cilium/cilium \
        --set a=b
    `;
    expect(renderTemplate(t, resolve({}))).toBe('helm upgrade cilium cilium/cilium \\\n  --set a=b');
  });

  it('keeps shell syntax written with escaped ${} and backticks', () => {
    const t = sh`echo "\${KUBECONFIG:-$HOME/.kube/config}" \`date\``;
    expect(renderTemplate(t, resolve({}))).toBe('echo "${KUBECONFIG:-$HOME/.kube/config}" `date`');
  });

  it('renders parameters and literals through the one quoting rule', () => {
    const t = sh`run ${{ kind: 'param', name: 'host' }} ${'a b'} ${6443}`;
    expect(paramNames(t)).toEqual(['host']);
    expect(renderTemplate(t, resolve({ host: '암호 화' }))).toBe("run '암호 화' 'a b' 6443");
  });
});

describe('a template inside a template', () => {
  const host = { kind: 'param', name: 'host' } as const;
  const shared = (suffix: ReturnType<typeof sh>) => sh`
    dir=diag-${host}${suffix}
    mkdir "$dir"
  `;

  it('splices the shared text in as it is, unquoted, and keeps its parameters', () => {
    const t = sh`
      ${shared(sh`-policy`)}
      echo ${host} ${'a b'}
    `;
    expect(paramNames(t)).toEqual(['host', 'host']);
    expect(renderTemplate(t, resolve({ host: 'x y' }))).toBe("dir=diag-'x y'-policy\nmkdir \"$dir\"\necho 'x y' 'a b'");
    expect(renderTemplate(sh`${shared(sh``)}`, resolve({ host: 'h' }))).toBe('dir=diag-h\nmkdir "$dir"');
  });

  it('refuses a multi-line template in the middle of a line, where its lines would lose their indentation', () => {
    expect(
      () => sh`
      if true; then
        ${shared(sh``)}
      fi
    `,
    ).toThrow('spliced into the middle of a line (after "if true; then\\n  ")');
    expect(() => sh`echo ${shared(sh``)} done`).toThrow(/middle of a line/);
  });
});

describe('parameters inside quotes are caught', () => {
  const p = (name: string) => ({ kind: 'param', name }) as const;
  it('finds holes inside single or double quotes, not bare ones or after comments', async () => {
    const { paramsInsideQuotes } = await import('../../src/runbook/template.js');
    expect(paramsInsideQuotes(sh`echo "${p('a')}" '${p('b')}' ${p('c')} "x" ${p('d')}`)).toEqual(['a', 'b']);
    expect(paramsInsideQuotes(sh`echo it\'s ${p('a')} # don't ${p('b')}`)).toEqual([]);
    expect(paramsInsideQuotes(sh`echo "a \" b" ${p('a')}`)).toEqual([]);
  });
});
