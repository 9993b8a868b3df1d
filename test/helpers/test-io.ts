import { PassThrough } from 'node:stream';
import type { IO } from '../../src/cli/io.js';

/** An IO over in-memory buffers; TTY flags as given. */
export function testIO(options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  err.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const tty = options.tty ?? false;
  const io: IO = {
    out,
    err,
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    color: false,
    env: options.env ?? { PATH: process.env.PATH ?? '' },
    cwd: process.cwd(),
    onInterrupt: () => () => undefined,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
