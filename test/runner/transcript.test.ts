/** Transcripts and --json never show the value of a parameter marked secret, wherever it appears. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/schema.js';
import { sh } from '../../src/runbook/template.js';
import type { RunEvent } from '../../src/runner/events.js';
import { executeRun } from '../../src/runner/execute.js';
import { masker } from '../../src/runner/mask.js';
import { openTranscript } from '../../src/runner/node/transcript.js';
import { FakePrompter, SpyProcessRunner } from '../helpers/fakes.js';

const rb = parseRunbook({
  id: 'secret-demo',
  title: '비밀 값 데모',
  summary: '비밀 파라미터가 가려지는지 봅니다.',
  ciliumVersion: '1.18.4',
  requires: [],
  params: { token: { type: 'string', label: '토큰', description: '비밀 토큰', example: 'tok-1234', secret: true } },
  steps: [
    {
      id: 'use',
      title: '사용',
      explanation: '토큰을 씁니다.',
      risk: 'read',
      command: ({ token }: { token: never }) => sh`login --token ${token}`,
    },
  ],
  verify: [],
});

describe('secret masking', () => {
  it('masks secret values in params, commands and output written to the transcript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'transcript-'));
    const transcript = openTranscript(dir, rb.id, 'ctx/with:odd chars');
    const values = { token: 's3cr3t-value' };
    const mask = masker([values.token]);
    const events: RunEvent[] = [];
    await executeRun(
      {
        runbook: rb,
        values,
        shownValues: mask(values),
        steps: rb.steps,
        target: { context: 'c', cluster: 'c', server: 's', nodes: 1 },
        env: {},
        cwd: '/',
        yes: false,
        canPrompt: false,
        signal: new AbortController().signal,
      },
      {
        runner: new SpyProcessRunner(() => ({ stdout: 'logged in with s3cr3t-value\n' })),
        prompter: new FakePrompter(),
        emit: (e) => {
          const safe = mask(e);
          events.push(safe);
          transcript.sink(safe);
        },
      },
    );
    const [file] = readdirSync(dir);
    expect(file).toMatch(/-secret-demo-ctx_with_odd_chars\.jsonl$/);
    const written = readFileSync(join(dir, file ?? ''), 'utf8');
    expect(written).not.toContain('s3cr3t-value');
    expect(written).toContain('login --token ***');
    expect(written).toContain('logged in with ***');
    expect(events[0]).toMatchObject({ kind: 'run-started', params: { token: '***' } });
  });
});
