import { displayValue } from '../../runbook/params.js';
import { ExitCode } from '../exit-codes.js';
import { styler } from '../io.js';
import { findRunbook } from '../lookup.js';
import type { CommandContext } from '../main.js';
import { messages } from '../messages.js';
import { riskLabel } from './plan-view.js';

export async function show({ io }: CommandContext, id: string, opts: { json?: boolean }): Promise<number> {
  const rb = findRunbook(id);
  if (opts.json) {
    const params = Object.fromEntries(
      Object.entries(rb.params).map(([name, p]) => [
        name,
        {
          type: p.type,
          label: p.label,
          default: p.default ?? null,
          example: p.example ?? null,
          detect: p.detect?.description ?? null,
        },
      ]),
    );
    const steps = rb.steps.map((s) => ({ id: s.id, title: s.title, risk: s.risk, runOn: s.runOn, phase: s.phase }));
    io.out.write(
      `${JSON.stringify({ id: rb.id, title: rb.title, summary: rb.summary, ciliumVersion: rb.ciliumVersion, requires: rb.requires, params, steps, rollback: rb.rollback ?? null })}\n`,
    );
    return ExitCode.ok;
  }
  const style = styler(io.color && io.stdoutIsTTY);
  const m = messages.show;
  const w = (s = '') => io.out.write(`${s}\n`);
  w(`${style.bold(rb.id)}: ${rb.title} (Cilium ${rb.ciliumVersion})`);
  w(rb.summary);
  w();
  w(style.bold(m.requires));
  w(`  ${rb.requires.join(', ')}`);
  w();
  w(style.bold(m.parameters));
  const entries = Object.entries(rb.params);
  if (entries.length === 0) w(`  ${m.none}`);
  for (const [name, p] of entries) {
    const shown = p.default !== undefined ? m.byDefault(p.default) : m.forExample(displayValue(p) ?? '');
    w(`  ${style.cyan(name)} (${p.type}, ${shown}): ${p.label}`);
    if (p.detect) w(style.dim(`      ${m.detected(p.detect.description)}`));
  }
  for (const phase of ['step', 'verify'] as const) {
    w();
    w(style.bold(phase === 'step' ? m.steps : m.verification));
    for (const s of rb.steps.filter((x) => x.phase === phase)) {
      const index = String(rb.steps.indexOf(s) + 1).padStart(2);
      const where = s.runOn === 'each-node' ? style.yellow(` ${m.byHand}`) : '';
      w(`  ${index}. ${s.id.padEnd(22)} ${riskLabel(s.risk, style)}  ${s.title}${where}`);
      for (const check of s.checks) {
        if (check.kind !== 'applied') w(style.dim(`      ${m.checkKinds[check.kind](check.holds)}`));
      }
    }
  }
  w();
  w(`${style.bold(m.rollback)}  ${rb.rollback ? `npx runbook run ${rb.rollback}` : m.none}`);
  return ExitCode.ok;
}
