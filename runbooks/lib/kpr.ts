/**
 * Pieces that only kpr-enable and kpr-rollback share: the files kpr-enable leaves for the rollback, and the checks
 * both read from them. Every test is one line of plain shell a reader can run by hand.
 */
import type { CheckInput } from '../../src/runbook/model.js';
import { type CommandTemplate, sh } from '../../src/runbook/template.js';

/**
 * The Helm values before KPR, saved by kpr-enable's save-values. Its first line is `# cilium revision N`, the
 * release revision the values belong to (a YAML comment, so `helm upgrade --values` ignores it).
 */
export const VALUES_BACKUP = 'cilium-values-before-kpr.yaml';
/** The kube-proxy DaemonSet and ConfigMap (`kubectl get ds,cm kube-proxy -o yaml`) saved before kpr-enable deletes them. */
export const KUBE_PROXY_BACKUP = 'kube-proxy-backup.yaml';

/** The REVISION column of `helm list` for the release cilium (as a shell command substitution body). */
export const releaseRevision: CommandTemplate = sh`helm -n kube-system list --filter '^cilium$' | awk 'NR == 2 {print $3}'`;

/**
 * kube-proxy reached the API server and synced its rules. It has no readiness probe, so `rollout status` only says
 * the containers started; its log line "Caches are synced for service config" comes after it listed the Services
 * from the API server (client-go WaitForNamedCacheSync, logged at the default verbosity).
 */
export const kubeProxySynced: CheckInput = {
  holds: 'kube-proxy 로그에 API 서버와 동기화한 줄(Caches are synced for service config)이 있음',
  test: () =>
    sh`kubectl -n kube-system logs ds/kube-proxy --tail=500 | grep -E 'Caches are synced.*service config' >/dev/null`,
  otherwise:
    'kube-proxy가 API 서버에 연결하지 못했거나 아직 동기화하지 않았습니다. 지금 KPR을 끄면 서비스가 끊기므로 멈춥니다. ' +
    'kubectl -n kube-system logs ds/kube-proxy와 ConfigMap의 server 주소를 확인하세요.',
};
