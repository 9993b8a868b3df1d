import { renderScript } from '../../runbook/render.js';
import { resolveParams } from '../../runbook/values.js';
import { ExitCode } from '../exit-codes.js';
import { checkParamNames, findRunbook } from '../lookup.js';
import type { CommandContext } from '../main.js';
import { messages } from '../messages.js';
import { parseParamFlags } from '../params-flag.js';

/** Writes exactly the script the guide page shows and its "copy all" button copies (to a pipe or file); notes go to stderr. */
export async function print({ io }: CommandContext, id: string, opts: { param?: string[] }): Promise<number> {
  const rb = findRunbook(id);
  const given = parseParamFlags(opts.param);
  checkParamNames(rb, given);
  const { values, sources } = resolveParams(rb, given, { allowExamples: true });
  const script = renderScript(rb, values);
  // On a terminal, colour it like the site does; a pipe or file gets exactly the script.
  io.out.write(io.stdoutIsTTY && io.color ? await (await import('../highlight.js')).highlightShell(script) : script);
  const examples = Object.keys(sources).filter((name) => sources[name] === 'example');
  if (examples.length > 0) io.err.write(`${messages.exampleValuesUsed(examples)}\n`);
  return ExitCode.ok;
}
