import type { Prompter } from '../runner/ports.js';
import type { IO } from './io.js';
import { styler } from './io.js';
import { messages } from './messages.js';

/**
 * Asks on the terminal (stderr) with @inquirer prompts; every answer defaults to "no". Loaded only when a run asks.
 * Ctrl-C at a prompt (the terminal is in raw mode, so it arrives as a key, not as SIGINT) calls `onInterrupt` and
 * answers "no": the run ends as interrupted (exit 130), as --help says.
 */
export function terminalPrompter(io: IO, signal: AbortSignal, onInterrupt: () => void = () => undefined): Prompter {
  const context = { input: process.stdin, output: io.err, signal };
  const style = styler(io.color);
  const answered = (error: unknown) => {
    if ((error as Error | undefined)?.name === 'ExitPromptError') onInterrupt();
    return false; // aborted, interrupted or closed input: treat as "no"
  };
  const yesNo = async (message: string) => {
    const { default: confirm } = await import('@inquirer/confirm');
    try {
      return await confirm({ message, default: false }, context);
    } catch (error) {
      return answered(error);
    }
  };
  const typed = async (message: string, expected: string) => {
    const { default: input } = await import('@inquirer/input');
    // The mark after the answer says whether it matched: a wrong name gets a red ✗, never the default green ✔.
    const prefix = { idle: style.cyan('?'), done: style.red('✗') };
    try {
      const answer = await input(
        {
          message,
          theme: { prefix },
          validate: (value: string) => {
            prefix.done = value.trim() === expected ? style.green('✔') : style.red('✗');
            return true;
          },
        },
        context,
      );
      return answer.trim() === expected;
    } catch (error) {
      return answered(error);
    }
  };
  return {
    approveChange: (q) => yesNo(messages.prompt.approveChange(q)),
    approveDestructive: (q) => typed(messages.prompt.approveDestructive(q), q.context),
    confirmNodeStep: (q) => yesNo(messages.prompt.nodeStep(q.step)),
  };
}
