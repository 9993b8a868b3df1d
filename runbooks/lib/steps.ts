/**
 * Steps that several runbooks share word for word. A runbook lists them like any other step; the page, `print`
 * and `run` render them from here, so a fix lands everywhere at once.
 */
import type { StepInput } from '../../src/runbook/model.js';
import { sh } from '../../src/runbook/template.js';
import { chartIsPinned } from './checks.js';

/** Stops a runbook early unless the installed chart is the one this guide is written for. */
export function checkCiliumRelease(explanation: string): StepInput {
  return {
    id: 'check-cilium-release',
    title: '설치된 Cilium 차트 버전 확인',
    risk: 'read',
    explanation,
    command: () => sh`helm -n kube-system list --filter '^cilium$'`,
    ensures: [chartIsPinned],
    sampleOutput: [
      'NAME    NAMESPACE       REVISION        UPDATED                                 STATUS          CHART           APP VERSION',
      'cilium  kube-system     3               2026-01-13 10:12:44.123456789 +0900 KST deployed        cilium-1.18.4   1.18.4',
    ].join('\n'),
  };
}

/** The seed never adds the Helm repository; every `helm upgrade … cilium/cilium` needs it. */
export function helmRepo(
  explanation = '원문에는 저장소 등록이 빠져 있습니다. 작업하는 컴퓨터의 Helm 설정만 바뀌고 클러스터는 바뀌지 않습니다.',
): StepInput {
  return {
    id: 'helm-repo',
    title: 'Cilium Helm 저장소 등록',
    risk: 'read',
    explanation,
    command: () => sh`
      helm repo add cilium https://helm.cilium.io/ --force-update
      helm repo update cilium
    `,
  };
}

/**
 * Every agent pod started after the last change of `cilium-config` (the newest managedFields time: an upgrade that
 * changes nothing does not touch it), so the agents already run that configuration and a restart would change
 * nothing. RFC 3339 UTC times compare as strings. Unknown (no pods, an error) reads as "not current": restart.
 */
const agentsRunCurrentConfig = {
  holds: '모든 Cilium 에이전트 파드가 cilium-config의 마지막 변경 뒤에 시작됨',
  test: () =>
    sh`[[ "$(kubectl -n kube-system get pods -l k8s-app=cilium -o jsonpath='{.items[*].status.startTime}' | tr ' ' '\n' | sort | head -n 1)" > "$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.metadata.managedFields[*].time}' | tr ' ' '\n' | sort | tail -n 1)" ]]`,
};

/**
 * `rollOutCiliumPods` is false by default: a values change alone may not restart the agents. The text restarts only
 * when some agent started before the last change of `cilium-config`, so a rerun (or an upgrade that already rolled
 * the agents) does not restart them again.
 */
export function restartAgents(explanation: string): StepInput {
  return {
    id: 'restart-agents',
    title: 'Cilium 에이전트 재시작',
    risk: 'change',
    explanation,
    command: () => sh`
      kubectl -n kube-system rollout restart ds/cilium
      kubectl -n kube-system rollout status ds/cilium --timeout=10m
    `,
    alreadyDone: agentsRunCurrentConfig,
    sampleOutput: 'daemonset.apps/cilium restarted\ndaemon set "cilium" successfully rolled out',
    timeoutSeconds: 900,
  };
}

/**
 * A ClusterIP service answers: a temporary nginx pod and service, a busybox client without a TTY, and cleanup
 * whether the check passes or not (the trap runs when the step's subshell exits, also when pasted into a shell).
 */
export function serviceCheck(explanation: string): StepInput {
  return {
    id: 'verify-service',
    title: '서비스 연결 확인',
    risk: 'change',
    explanation,
    command: () => sh`
      trap 'kubectl delete pod/kpr-check service/kpr-check --ignore-not-found' EXIT
      kubectl run kpr-check --image=nginx:1.27 --port=80 --expose
      kubectl wait --for=condition=Ready pod/kpr-check --timeout=120s
      out=$(kubectl run kpr-check-client --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- -T 5 http://kpr-check)
      printf '%s\n' "$out"
    `,
    ensures: [
      {
        holds: '서비스 이름으로 nginx 환영 페이지가 응답',
        test: () => sh`grep -q 'Welcome to nginx!' <<<"$out"`,
        otherwise:
          '서비스 kpr-check로 접속했지만 nginx 응답을 받지 못했습니다. 위 출력과 cilium-dbg service list를 확인하세요.',
      },
    ],
    timeoutSeconds: 300,
  };
}
