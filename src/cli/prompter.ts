import type { Prompter } from '../runner/ports.js';
import type { IO } from './io.js';
import { messages } from './messages.js';

/** Asks on the terminal (stderr), with @inquirer prompts; every answer defaults to "no". */
export function terminalPrompter(io: IO, signal: AbortSignal): Prompter {
  const context = { input: process.stdin, output: io.err, signal };
  const ask = async (message: string) => {
    const { default: confirm } = await import('@inquirer/confirm');
    try {
      return await confirm({ message, default: false }, context);
    } catch {
      return false; // aborted or closed input: treat as "no"
    }
  };
  return {
    approveRun: (r) => ask(messages.prompt.approveRun(r.runbook, r.context, r.server, r.changes)),
    approveDestructive: (r) => ask(messages.prompt.approveDestructive(r.step, r.context)),
    confirmNodeStep: (r) => ask(messages.prompt.nodeStep(r.step)),
  };
}
