/**
 * Checks that several runbooks write into their text (src/runbook/guards.ts renders them as `# 확인:` lines).
 * Each test is one line of plain shell a reader can run by hand.
 */
import type { CheckInput, CommandFn, EnsureInput, StepInput } from '../../src/runbook/model.js';
import type { ParamDefs } from '../../src/runbook/params.js';
import { quote } from '../../src/runbook/quote.js';
import { type CommandTemplate, sh } from '../../src/runbook/template.js';
import { CILIUM_VERSION } from './cilium.js';

/** Shell text written out in full here (no parameters), e.g. with the pinned version spliced in unquoted. */
function literal(text: string): CommandTemplate {
  return { kind: 'template', parts: [text], values: [] };
}

/** The installed Helm release `cilium` is the chart this guide is written for (`--reuse-values` is safe only then). */
export const chartIsPinned: CheckInput = {
  holds: `설치된 Helm 릴리스 cilium의 차트가 cilium-${CILIUM_VERSION}`,
  test: () =>
    literal(
      `helm -n kube-system list --filter '^cilium$' | grep -Eq '[[:space:]]cilium-${CILIUM_VERSION.replaceAll('.', '[.]')}[[:space:]]'`,
    ),
  otherwise:
    `Helm 릴리스 cilium이 없거나 차트가 cilium-${CILIUM_VERSION}가 아닙니다. 버전이 다르면 --reuse-values 업그레이드가 ` +
    '설정을 어긋나게 하므로 멈춥니다. 공식 업그레이드 가이드로 먼저 버전을 맞추세요.',
};

export interface OutputCheck {
  /** Extended regular expression (grep -E) the saved output must contain a match for. */
  readonly ere: string;
  readonly holds: string;
  readonly otherwise: string;
}

/**
 * A read step that shows a one-line command's output and checks it in the text: the output is saved in `$out`,
 * printed, then `grep -Eq '<ere>' <<<"$out"` decides.
 */
export function showAndCheck<P extends ParamDefs>(
  run: CommandFn<P>,
  ...checks: readonly OutputCheck[]
): Pick<StepInput<P>, 'command' | 'ensures'> {
  return {
    command: (p) => sh`
      out=$(${run(p)})
      printf '%s\n' "$out"
    `,
    ensures: checks.map(
      (c): EnsureInput<P> => ({
        holds: c.holds,
        otherwise: c.otherwise,
        test: () => literal(`grep -Eq ${quote(c.ere)} <<<"$out"`),
      }),
    ),
  };
}

/** A read step whose command must print nothing (e.g. `get … --ignore-not-found -o name` of removed objects). */
export function showAndCheckEmpty<P extends ParamDefs>(
  run: CommandFn<P>,
  holds: string,
  otherwise: string,
): Pick<StepInput<P>, 'command' | 'ensures'> {
  return {
    command: (p) => sh`
      out=$(${run(p)})
      printf '%s\n' "$out"
    `,
    ensures: [{ holds, otherwise, test: () => sh`test -z "$out"` }],
  };
}
