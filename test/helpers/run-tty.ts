import { spawn } from 'node:child_process';
import { BIN } from './run-cli.js';

/** Strips ANSI escape sequences (colour, cursor movement) from terminal output. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is exactly what terminal sequences start with.
export const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

const fold = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Runs the real CLI on a pseudo-terminal (util-linux `script`), typing each answer when its prompt text appears —
 * as an operator would. Returns the exit code and everything the terminal showed (ANSI stripped).
 */
export function runOnTTY(
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd: string;
    answers: readonly (readonly [prompt: string, input: string])[];
    /** The CLI's entry script (default: this checkout's bin/runbook.js). */
    bin?: string;
  },
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, options.bin ?? BIN, ...args]
      .map((a) => `'${a.replaceAll("'", `'\\''`)}'`)
      .join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...options.env, TERM: 'xterm-256color' },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let next = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const answer = options.answers[next];
      // Prompts wrap at the terminal width: compare with whitespace folded.
      if (answer && fold(plain(screen)).includes(fold(answer[0]))) {
        next += 1;
        child.stdin.write(`${answer[1]}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: plain(screen) }));
  });
}
