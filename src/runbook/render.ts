/**
 * The pure renderer: (runbook, parameter values) in, exact shell text out. The page, the copy buttons, `print` and
 * the runner all take their text from here, which is what makes them the same text.
 */
import type { Runbook, Step } from './model.js';
import { quote } from './quote.js';
import type { CommandTemplate } from './template.js';
import { renderTemplate } from './template.js';

export type ParamValues = Readonly<Record<string, string>>;

export function renderCommand(template: CommandTemplate, values: ParamValues): string {
  return renderTemplate(template, (name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`renderCommand: no value for parameter "${name}"`);
    return value;
  });
}

/** The exact text of one step: what its block shows, what its copy button copies and what the runner spawns. */
export function renderStep(step: Step, values: ParamValues): string {
  return renderCommand(step.command, values);
}

/** The comment line that introduces a step in a script. */
export function stepHeading(runbook: Runbook, step: Step): string {
  const index = runbook.steps.indexOf(step) + 1;
  const where = step.runOn === 'each-node' ? ', 각 노드에서 root로 직접 실행' : '';
  return `# [${index}/${runbook.steps.length}] ${step.id}: ${step.title} (${step.risk}${where})`;
}

/** How a step appears inside the whole script: node-local steps are commented out, the workstation cannot run them. */
export function scriptBlock(runbook: Runbook, step: Step, values: ParamValues): string {
  const text = renderStep(step, values);
  const body =
    step.runOn === 'each-node'
      ? text
          .split('\n')
          .map((line) => `# ${line}`)
          .join('\n')
      : text;
  return `${stepHeading(runbook, step)}\n${body}`;
}

/** The `runbook print` command line that reproduces a script. */
export function printCommandLine(runbook: Runbook, values: ParamValues): string {
  const params = Object.keys(runbook.params).map((name) => ` --param ${oneLine(`${name}=${values[name] ?? ''}`)}`);
  return `npx runbook print ${runbook.id}${params.join('')}`;
}

/**
 * Quoted for bash and always one line: this text sits in a `#` comment, which a line break would end (and the rest
 * would run). Validation rejects such values; a control character that gets here anyway is written as bash `$'\n'`.
 */
function oneLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  if (!/[\u0000-\u001f\u007f]/.test(value)) return quote(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `$'${escaped}'`;
}

/**
 * The whole runbook as one bash script: `runbook print` writes exactly this, and the page's "copy all" copies it.
 * Ends with a single newline.
 */
export function renderScript(runbook: Runbook, values: ParamValues): string {
  const header = [
    '#!/usr/bin/env bash',
    `# ${runbook.id}: ${runbook.title} (Cilium ${runbook.ciliumVersion})`,
    `# ${printCommandLine(runbook, values)}`,
    `# 이 스크립트는 확인 없이 끝까지 실행됩니다. 단계별 확인과 검증은: npx runbook run ${runbook.id}`,
    ...(runbook.rollback ? [`# 되돌리기: npx runbook run ${runbook.rollback}`] : []),
    'set -euo pipefail',
  ].join('\n');
  const blocks = runbook.steps.map((step) => scriptBlock(runbook, step, values));
  return `${[header, ...blocks].join('\n\n')}\n`;
}
