/**
 * The real CLI writing into a pipe whose reader has gone (`runbook list | head -1`, `| true`): it stops writing and
 * exits as it would have, without an EPIPE stack trace.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the CLI writes its first byte
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed output pipe', () => {
  it.each(['list', 'print netpol-petclinic', 'show kpr-enable'])(
    'runbook %s ends quietly with its usual exit code',
    async (command) => {
      const { code, stderr } = await withClosedStdout(command.split(' '));
      expect(stderr).not.toMatch(/EPIPE|Error/);
      expect(code).toBe(0);
    },
  );
});
