/**
 * Steps that several runbooks share word for word. A runbook lists them like any other step; the page, `print`
 * and `run` render them from here, so a fix lands everywhere at once.
 */
import type { StepInput } from '../../src/runbook/model.js';
import { sh } from '../../src/runbook/template.js';
import { CILIUM_VERSION } from './cilium.js';

/** Stops a runbook early unless the installed chart is the one this guide is written for. */
export function checkCiliumRelease(explanation: string): StepInput {
  return {
    id: 'check-cilium-release',
    title: '설치된 Cilium 차트 버전 확인',
    risk: 'read',
    explanation,
    command: () => sh`helm -n kube-system list --filter '^cilium$'`,
    expect: { pattern: /\bcilium-1\.18\.4\b/, description: `CHART 열이 cilium-${CILIUM_VERSION}` },
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

/** `rollOutCiliumPods` is false by default: a values change alone may not restart the agents. */
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
    sampleOutput: 'daemonset.apps/cilium restarted\ndaemon set "cilium" successfully rolled out',
    timeoutSeconds: 900,
  };
}

/**
 * A ClusterIP service answers: a temporary nginx pod and service, a busybox client without a TTY, and cleanup
 * whether the check passes or not (the trap runs in the subshell, also when pasted into an interactive shell).
 */
export function serviceCheck(explanation: string): StepInput {
  return {
    id: 'verify-service',
    title: '서비스 연결 확인',
    risk: 'change',
    explanation,
    command: () => sh`
      (
        trap 'kubectl delete pod/kpr-check service/kpr-check --ignore-not-found' EXIT
        kubectl run kpr-check --image=nginx:1.27 --port=80 --expose
        kubectl wait --for=condition=Ready pod/kpr-check --timeout=120s
        kubectl run kpr-check-client --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- -T 5 http://kpr-check
      )
    `,
    expect: { pattern: /Welcome to nginx!/, description: 'nginx 환영 페이지가 응답' },
    timeoutSeconds: 300,
  };
}
