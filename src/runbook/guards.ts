/**
 * Guards as text. A step's checks (preconditions, "already applied", checks after the command) are written into the
 * step's own shell text, so the block a reader copies, the whole script, `print` and `run` stop at the same line for
 * the same reason. Pure: templates in, one template out.
 *
 * A step with checks renders as a subshell with errexit, so a block pasted alone into an interactive shell stops at a
 * failed check (`exit 1` ends the subshell, not the reader's shell) and behaves as it does under `run`:
 *
 *   (
 *   set -euo pipefail
 *   # 확인: <holds>
 *   <test> || { echo '확인 실패: <otherwise>' >&2; exit 1; }
 *   # 이미 적용되었으면 건너뜀: <holds>
 *   if <test>; then echo '이미 적용됨: <holds>. 건너뜁니다.'; exit 0; fi
 *   <command>
 *   # 적용 확인: <holds> (2초 간격, 최대 5번)
 *   for i in $(seq 5); do <test> && break; [ "$i" -lt 5 ] || { echo '확인 실패: …' >&2; exit 1; }; sleep 2; done
 *   )
 */
import type { Check } from './model.js';
import { quote } from './quote.js';
import { type CommandTemplate, joinTemplates } from './template.js';

/** Prefix of every failed check's stderr line; the CLI recognises it to present the failure (presentation only). */
export const CHECK_FAILED = '확인 실패: ';
/** What a skipped step prints. */
export const ALREADY_DONE = '이미 적용됨: ';

/** The post-change wait a change step gets from its done test: the runner's old 5 × 2 s, now in the text. */
export const DONE_WAIT = { attempts: 5, intervalSeconds: 2 } as const;

const fail = (message: string) => `{ echo ${quote(`${CHECK_FAILED}${message}`)} >&2; exit 1; }`;

function checkLines(check: Check): (string | CommandTemplate)[] {
  if (check.kind === 'skip') {
    return [
      `# 이미 적용되었으면 건너뜀: ${check.holds}\nif `,
      check.test,
      `; then echo ${quote(`${ALREADY_DONE}${check.holds}. 건너뜁니다.`)}; exit 0; fi\n`,
    ];
  }
  const message = check.otherwise ?? check.holds;
  if (check.wait) {
    const { attempts, intervalSeconds } = check.wait;
    return [
      `# ${check.kind === 'applied' ? '적용 확인' : '확인'}: ${check.holds} ` +
        `(${intervalSeconds}초 간격, 최대 ${attempts}번)\nfor i in $(seq ${attempts}); do `,
      check.test,
      ` && break; [ "$i" -lt ${attempts} ] || ${fail(message)}; sleep ${intervalSeconds}; done\n`,
    ];
  }
  return [`# 확인: ${check.holds}\n`, check.test, ` || ${fail(message)}\n`];
}

export interface ComposedStep {
  readonly command: CommandTemplate;
  readonly skipProbe?: CommandTemplate;
}

/**
 * The step's whole text from its command and checks (in order: requires, skip, command, ensures). A step without
 * checks is its command unchanged.
 */
export function composeStep(command: CommandTemplate, checks: readonly Check[]): ComposedStep {
  if (checks.length === 0) return { command };
  const before = checks.filter((c) => c.kind === 'requires');
  const skip = checks.find((c) => c.kind === 'skip');
  const after = checks.filter((c) => c.kind === 'applied' || c.kind === 'ensures');
  const text = joinTemplates([
    '(\nset -euo pipefail\n',
    ...before.flatMap(checkLines),
    ...(skip ? checkLines(skip) : []),
    command,
    '\n',
    ...after.flatMap(checkLines),
    ')',
  ]);
  if (!skip) return { command: text };
  const probe = joinTemplates([...before.flatMap(checkLines), skip.test]);
  return { command: text, skipProbe: probe };
}
