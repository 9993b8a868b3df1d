/**
 * What connectivity-test and cilium-inspect share about cilium-cli on the workstation (review 2026-12-06 rows 1–2).
 *
 * `cilium status` colours its summary always (status/status.go `statusSummary()`: `Green+"OK"+Reset`, no TTY check)
 * and, with `--wait`, redraws it with cursor-up escapes unless `--interactive=false` (status/k8s.go `cursorUp`,
 * cli/status.go). A pattern on the text cannot be trusted, so the text judges by the command's own verdict: with
 * `--wait` it exits 0 only once every component reports no error and no warning (`statusIsReady`), and exits 1 with
 * the last status on stderr when the wait (5 minutes by default) ends first (cli/status.go `fatalf`). The same is
 * true of the simulator (test/fixtures/sim/lib/cilium-cli.mjs, SOURCES.md rows cilium-status-*).
 */
import type { CheckInput, StepInput } from '../../src/runbook/model.js';
import type { ParamDefs } from '../../src/runbook/params.js';
import { sh } from '../../src/runbook/template.js';

/** Cilium is ready, judged by `cilium status --wait` itself (quiet: the status goes to stderr only on failure). */
export const ciliumIsReady: CheckInput = {
  holds: 'cilium status --wait가 성공으로 끝남(모든 구성 요소에 오류와 경고가 없음)',
  test: () => sh`cilium status --wait --interactive=false >/dev/null`,
  otherwise:
    'Cilium이 준비되지 않았습니다(위에 cilium status의 마지막 상태와 Errors/Warnings가 있습니다). ' +
    '설치 문제를 먼저 해결해야 연결성 테스트 결과를 믿을 수 있으므로 멈춥니다.',
};

/**
 * The step that shows `cilium status` once Cilium is ready. The summary is printed as the tool prints it (colours,
 * no redraws); the verdict is the exit status of `--wait`, kept in `$rc` so the check can say what failed in Korean.
 */
export function ciliumStatusStep<P extends ParamDefs>(
  title: string,
  explanation: string,
  otherwise: string,
): StepInput<P> {
  return {
    id: 'cilium-status',
    title,
    risk: 'read',
    explanation,
    command: () => sh`
      rc=0
      cilium status --wait --interactive=false || rc=$?
    `,
    ensures: [
      {
        holds: 'cilium status --wait가 성공(exit 0)으로 끝남: 모든 구성 요소에 오류와 경고가 없음',
        test: () => sh`test "$rc" -eq 0`,
        otherwise,
      },
    ],
    sampleOutput: [
      '    /¯¯\\',
      ' /¯¯\\__/¯¯\\    Cilium:             OK',
      ' \\__/¯¯\\__/    Operator:           OK',
      ' /¯¯\\__/¯¯\\    Envoy DaemonSet:    OK',
      ' \\__/¯¯\\__/    Hubble Relay:       disabled',
      '    \\__/       ClusterMesh:        disabled',
      '',
      'DaemonSet              cilium             Desired: 3, Ready: 3/3, Available: 3/3',
      'DaemonSet              cilium-envoy       Desired: 3, Ready: 3/3, Available: 3/3',
      'Deployment             cilium-operator    Desired: 2, Ready: 2/2, Available: 2/2',
      'Containers:            cilium             Running: 3',
      '                       cilium-envoy       Running: 3',
      '                       cilium-operator    Running: 2',
      'Cluster Pods:          5/5 managed by Cilium',
      'Helm chart version:    1.18.4',
      '…',
    ].join('\n'),
    timeoutSeconds: 420,
  };
}
