/**
 * The composition root: parses argv with commander, loads the one command it needs (lazily, so `--help` stays
 * fast), builds the real ports and maps errors to exit codes. Returns the exit code; bin/runbook.js sets it.
 */
import { ExitCode } from './exit-codes.js';
import type { IO } from './io.js';
import { selectLocale } from './messages.js';
import { reportError } from './report-error.js';

export interface CommandContext {
  readonly io: IO;
}

export async function main(argv: readonly string[], io: IO): Promise<number> {
  const messages = selectLocale(io.env);
  // The top-level help is the most-run command: answer it without loading commander (~40 ms).
  if (argv.length === 0 || (argv.length === 1 && ['-h', '--help', 'help'].includes(argv[0] ?? ''))) {
    (argv.length === 0 ? io.err : io.out).write(messages.topLevelHelp());
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  // `runbook --version [--json]` (or -V): answered without commander, like the help.
  if (
    ['--version', '-V'].includes(argv[0] ?? '') &&
    (argv.length === 1 || (argv.length === 2 && argv[1] === '--json'))
  ) {
    const info = (await import('./version.js')).buildInfo();
    io.out.write(argv.length === 1 ? messages.version.text(info) : `${JSON.stringify(info)}\n`);
    return ExitCode.ok;
  }
  const { createProgram } = await import('./program.js');
  const { CommanderError } = await import('commander');
  let code: number = ExitCode.ok;
  const program = createProgram({ io }, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(io, error);
  }
}

export interface RunFlags {
  param?: string[];
  dryRun?: boolean;
  yes?: boolean;
  from?: string;
  only?: string[];
  context?: string;
  confirm?: string;
  json?: boolean;
}
