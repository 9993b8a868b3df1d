import type { Risk, Runbook, Step } from '../../runbook/model.js';
import { renderStep } from '../../runbook/render.js';
import type { ValueSource } from '../../runbook/values.js';
import type { Styler } from '../io.js';
import { messages } from '../messages.js';

export function riskLabel(risk: Risk, style: Styler): string {
  const text = risk.padEnd(11);
  return risk === 'destructive' ? style.red(text) : risk === 'change' ? style.yellow(text) : style.dim(text);
}

/** The numbered plan: what `run` will do, shown before anything changes and by `--dry-run`. */
export function formatPlan(
  runbook: Runbook,
  selected: readonly Step[],
  values: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, ValueSource | 'detect'>>,
  style: Styler,
  withCommands: boolean,
): string {
  const lines: string[] = [`${style.bold(runbook.id)}: ${runbook.title} (Cilium ${runbook.ciliumVersion})`];
  const params = Object.keys(runbook.params);
  if (params.length > 0) {
    lines.push(messages.plan.parameters);
    for (const name of params) {
      const source = sources[name];
      const def = runbook.params[name];
      const note =
        source === 'detect' && def?.detect ? messages.plan.detectedAtRunTime(def.detect.description) : (source ?? '');
      lines.push(`  ${style.cyan(name)}=${values[name] ?? ''}  ${style.dim(`(${note})`)}`);
    }
  }
  lines.push(messages.plan.header);
  for (const step of selected) {
    const index = String(runbook.steps.indexOf(step) + 1).padStart(2);
    const where = step.runOn === 'each-node' ? style.yellow(` [${messages.plan.manual}]`) : '';
    const phase = step.phase === 'verify' ? style.dim(' [verify]') : '';
    lines.push(`  ${index}. ${step.id.padEnd(22)} ${riskLabel(step.risk, style)}  ${step.title}${where}${phase}`);
  }
  if (withCommands) {
    for (const step of selected) {
      lines.push('', style.dim(`# ${runbook.steps.indexOf(step) + 1}. ${step.id}`));
      lines.push(renderStep(step, values));
    }
  }
  return `${lines.join('\n')}\n`;
}
