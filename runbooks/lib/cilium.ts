/**
 * Pieces several runbooks share: parameters read from the cluster and the checks every Cilium change ends with.
 * Each is plain data or a template; the commands are written out in full where a reader sees them.
 */
import type { ParamDef } from '../../src/runbook/params.js';
import { quote } from '../../src/runbook/quote.js';
import { type CommandTemplate, sh } from '../../src/runbook/template.js';

/** The Cilium release (and Helm chart version) this guide is written and tested for. */
export const CILIUM_VERSION = '1.18.4';

/**
 * `helm upgrade` of the installed release to the pinned chart, keeping the values it has (`--reuse-values` is safe
 * because the chart version does not change: checkCiliumRelease checks it first) and setting `sets`, one per line.
 * @throws Error when a value would need shell quoting: write that command out as a template instead.
 */
export function upgradeReusingValues(...sets: string[]): CommandTemplate {
  for (const set of sets) {
    if (quote(set) !== set)
      throw new Error(`--set ${set}: needs shell quoting; write the command as a sh\`…\` template.`);
  }
  const lines = [
    `helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION}`,
    '  --namespace kube-system',
    '  --reuse-values',
    ...sets.map((set) => `  --set ${set}`),
  ];
  return { kind: 'template', parts: [lines.join(' \\\n')], values: [] };
}

/** The API server URL of the current kube context, from the kubeconfig (no cluster access needed). */
const serverUrl = sh`kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'`;

function parseServer(stdout: string): URL | undefined {
  try {
    return new URL(stdout.trim());
  } catch {
    return undefined;
  }
}

export const apiServerHost: ParamDef = {
  type: 'host',
  label: 'API 서버 주소',
  description:
    '모든 노드가 직접 접근할 수 있는 Kubernetes API 서버의 IP 또는 DNS 이름입니다(컨트롤 플레인 IP, HA라면 VIP/로드밸런서). ' +
    'kube-proxy가 없어지면 Cilium이 ClusterIP(kubernetes.default)로는 API 서버에 연결할 수 없으므로 실제 주소가 필요합니다.',
  example: '192.168.1.187',
  detect: {
    command: serverUrl,
    parse: (stdout) => parseServer(stdout)?.hostname.replace(/^\[|\]$/g, '') || undefined,
    description: '현재 kube 컨텍스트의 kubeconfig에 적힌 API 서버 URL의 호스트',
  },
};

export const apiServerPort: ParamDef = {
  type: 'port',
  label: 'API 서버 포트',
  description: 'Kubernetes API 서버의 포트입니다. kubeadm 기본값은 6443입니다.',
  example: '6443',
  detect: {
    command: serverUrl,
    parse: (stdout) => {
      const url = parseServer(stdout);
      return url ? url.port || (url.protocol === 'https:' ? '443' : undefined) : undefined;
    },
    description: '현재 kube 컨텍스트의 kubeconfig에 적힌 API 서버 URL의 포트',
  },
};
