/**
 * Guards are text (issue 10): every check a step makes is in the text a reader copies, the runner can declare no other
 * kind, and the text stops where `run` stops — also when a block is pasted alone into a shell without errexit.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderCommand, renderStep } from '../../src/runbook/render.js';
import { parseRunbook } from '../../src/runbook/schema.js';
import { sh } from '../../src/runbook/template.js';
import { resolveParams } from '../../src/runbook/values.js';
import { issuesOf } from '../helpers/definitions.js';

function demo(step: Record<string, unknown>) {
  return {
    id: 'demo',
    title: '데모',
    summary: '요약입니다.',
    ciliumVersion: '1.18.4',
    requires: [],
    params: {},
    steps: [{ id: 'one', title: '하나', explanation: '설명', risk: 'change', command: () => sh`echo ran`, ...step }],
    verify: [],
  };
}

/** Runs text the way a reader's shell does when a block is pasted: plain bash, no errexit, then one more command. */
function pasted(text: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-c', `${text}\necho "shell still here: $?"`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('every check of every shipped step is in the text the page shows and run spawns', () => {
  for (const rb of catalog.runbooks) {
    const values = resolveParams(rb, {}, { allowExamples: true }).values;
    for (const step of rb.steps) {
      it(`${rb.id}#${step.id}`, () => {
        const text = renderStep(step, values);
        for (const check of step.checks) {
          expect(text, `${check.kind} "${check.holds}"`).toContain(renderCommand(check.test, values));
          if (check.kind !== 'skip') expect(text).toContain(`확인 실패: ${check.otherwise ?? ''}`);
        }
        if (step.skipProbe) {
          for (const line of renderCommand(step.skipProbe, values).split('\n')) expect(text).toContain(line);
        }
        const syntax = spawnSync('bash', ['-n', '-c', text], { encoding: 'utf8' });
        expect(syntax.stderr).toBe('');
      });
    }
  }
});

describe('the model has no runner-only check', () => {
  it('rejects `expect` with a message that says where the check goes instead', () => {
    const message = issuesOf(demo({ expect: { pattern: /OK/, description: 'OK' } }));
    expect(message).toContain('steps[0].expect');
    expect(message).toContain('ensures');
  });

  it('rejects a check whose test spans lines', () => {
    const message = issuesOf(
      demo({
        requires: [
          {
            holds: '조건',
            otherwise: '안내',
            test: () => sh`
            true
            true
          `,
          },
        ],
      }),
    );
    expect(message).toContain('steps[0].requires[0].test');
    expect(message).toContain('one line');
  });

  it('rejects checks on a node step (shown, never spawned)', () => {
    const message = issuesOf(
      demo({ runOn: 'each-node', requires: [{ holds: '조건', otherwise: '안내', test: () => sh`true` }] }),
    );
    expect(message).toContain('each-node');
  });

  it('a step without checks renders as its command alone', () => {
    const step = parseRunbook(demo({})).steps[0];
    expect(step && renderStep(step, {})).toBe('echo ran');
  });
});

describe('the text stops where run stops, also pasted alone into a shell without errexit', () => {
  const guarded = parseRunbook(
    demo({
      requires: [{ holds: '조건 A', otherwise: 'A가 아니어서 멈춥니다.', test: () => sh`test "$A" = yes` }],
      alreadyDone: { holds: '이미 B', test: () => sh`test "$B" = yes` },
    }),
  ).steps[0];
  const text = guarded ? renderStep(guarded, {}) : '';

  it('a failed precondition prints its Korean message, runs nothing and leaves the shell running', () => {
    const r = pasted(text, { A: 'no', B: 'no' });
    expect(r.stderr).toContain('확인 실패: A가 아니어서 멈춥니다.');
    expect(r.stdout).not.toContain('ran');
    expect(r.stdout).toContain('shell still here: 1');
  });

  it('an applied state skips the command and succeeds', () => {
    const r = pasted(text, { A: 'yes', B: 'yes' });
    expect(r.stdout).toContain('이미 적용됨: 이미 B. 건너뜁니다.');
    expect(r.stdout).not.toMatch(/^ran$/m);
    expect(r.stdout).toContain('shell still here: 0');
  });

  it('a change that exits 0 without effect fails after the bounded wait in the text', () => {
    const r = pasted(text.replaceAll('sleep 2', 'sleep 0'), { A: 'yes', B: 'no' });
    expect(r.stdout).toMatch(/^ran$/m);
    expect(r.stderr).toContain('확인 실패: 명령은 끝났지만 적용되지 않았습니다(이미 B).');
    expect(r.stdout).toContain('shell still here: 1');
  });

  it('the skip probe the runner uses is made of the text’s own lines and agrees with it', () => {
    const probe = guarded?.skipProbe ? renderCommand(guarded.skipProbe, {}) : '';
    for (const line of probe.split('\n')) expect(text).toContain(line);
    const run = (env: Record<string, string>) =>
      spawnSync('bash', ['-euo', 'pipefail', '-c', probe], { env: { PATH: process.env.PATH ?? '', ...env } }).status;
    expect(run({ A: 'yes', B: 'yes' })).toBe(0);
    expect(run({ A: 'no', B: 'yes' })).not.toBe(0); // the text would stop at the precondition: not "done"
    expect(run({ A: 'yes', B: 'no' })).not.toBe(0);
  });
});
