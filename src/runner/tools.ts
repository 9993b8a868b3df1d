/**
 * Which tools a runbook needs and how to tell that an installed one is usable. Checked before anything runs.
 */
import type { Tool } from '../runbook/model.js';
import type { CommandTemplate } from '../runbook/template.js';
import { sh } from '../runbook/template.js';

export interface ToolCheck {
  /** Prints the version; runs without a cluster. */
  readonly command: CommandTemplate;
  readonly parse: (stdout: string) => [number, number] | undefined;
  /** Oldest usable [major, minor], with why. */
  readonly minimum: readonly [number, number];
  readonly why: string;
}

const semver = (stdout: string): [number, number] | undefined => {
  const m = /v?(\d+)\.(\d+)/.exec(stdout);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

export const TOOL_CHECKS: Partial<Record<Tool, ToolCheck>> = {
  kubectl: {
    command: sh`kubectl version --client -o json`,
    parse: (stdout) => {
      const m = /"gitVersion"\s*:\s*"v(\d+)\.(\d+)/.exec(stdout);
      return m ? [Number(m[1]), Number(m[2])] : undefined;
    },
    minimum: [1, 27],
    why: 'kubectl within the supported skew of Kubernetes versions Cilium 1.18 supports',
  },
  helm: {
    command: sh`helm version --template '{{.Version}}'`,
    parse: semver,
    minimum: [3, 8],
    why: '"helm repo update <repo>" needs Helm 3.7+, and Cilium documents Helm 3',
  },
  kubeadm: {
    command: sh`kubeadm version -o short`,
    parse: semver,
    minimum: [1, 27],
    why: 'kubeadm must match the cluster version to recreate kube-proxy',
  },
};

export function versionProblem(tool: Tool, stdout: string): string | undefined {
  const check = TOOL_CHECKS[tool];
  if (!check) return undefined;
  const version = check.parse(stdout);
  if (!version) return `${tool}: could not read its version from "${stdout.trim().slice(0, 80)}"`;
  const [major, minor] = version;
  const [minMajor, minMinor] = check.minimum;
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return undefined;
  return `${tool} ${major}.${minor} is too old; need ${minMajor}.${minMinor} or newer (${check.why})`;
}
