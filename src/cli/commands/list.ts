import { catalog } from '../../../runbooks/index.js';
import { ExitCode } from '../exit-codes.js';
import { styler } from '../io.js';
import type { CommandContext } from '../main.js';
import { messages } from '../messages.js';

export async function list({ io }: CommandContext, opts: { json?: boolean }): Promise<number> {
  const rows = catalog.runbooks.map((rb) => ({
    id: rb.id,
    title: rb.title,
    steps: rb.steps.length,
    destructive: rb.steps.filter((s) => s.risk === 'destructive').length,
    rollback: rb.rollback ?? null,
  }));
  if (opts.json) {
    io.out.write(`${JSON.stringify(rows)}\n`);
    return ExitCode.ok;
  }
  const style = styler(io.color && io.stdoutIsTTY);
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    const risk = r.destructive > 0 ? style.red(` ${messages.list.destructive(r.destructive)}`) : '';
    io.out.write(
      `${style.bold(r.id.padEnd(width))}  ${r.title}  ${style.dim(`(${messages.list.steps(r.steps)}${risk ? ',' : ')'}`)}${risk}${risk ? style.dim(')') : ''}\n`,
    );
  }
  return ExitCode.ok;
}
