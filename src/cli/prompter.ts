import type { Prompter } from '../runner/ports.js';
import type { IO } from './io.js';
import { messages } from './messages.js';

/** Asks on the terminal (stderr) with @inquirer prompts; every answer defaults to "no". Loaded only when a run asks. */
export function terminalPrompter(io: IO, signal: AbortSignal): Prompter {
  const context = { input: process.stdin, output: io.err, signal };
  const yesNo = async (message: string) => {
    const { default: confirm } = await import('@inquirer/confirm');
    try {
      return await confirm({ message, default: false }, context);
    } catch {
      return false; // aborted or closed input: treat as "no"
    }
  };
  const typed = async (message: string, expected: string) => {
    const { default: input } = await import('@inquirer/input');
    try {
      return (await input({ message }, context)).trim() === expected;
    } catch {
      return false;
    }
  };
  return {
    approveChange: (q) => yesNo(messages.prompt.approveChange(q)),
    approveDestructive: (q) => typed(messages.prompt.approveDestructive(q), q.context),
    confirmNodeStep: (q) => yesNo(messages.prompt.nodeStep(q.step)),
  };
}
