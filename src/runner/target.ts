/**
 * Target pinning: resolve the kube context once, copy it into a private kubeconfig, and hand every later process
 * `KUBECONFIG=<that file>`. The commands stay exactly as the page shows them, yet a `kubectl config use-context` in
 * another terminal cannot redirect a run that is under way.
 */

import { renderCommand } from '../runbook/render.js';
import type { CommandTemplate } from '../runbook/template.js';
import { sh } from '../runbook/template.js';
import { PreflightError } from './errors.js';
import type { Target } from './events.js';
import type { ProcessResult, ProcessRunner } from './ports.js';

/** Writes the pinned kubeconfig; the node adapter uses a private temp file (mode 600). */
export type WritePrivateFile = (name: string, content: string) => Promise<string>;

export interface PinnedTarget {
  readonly target: Target;
  /** The environment every later process gets. */
  readonly env: Readonly<Record<string, string>>;
}

export async function pinTarget(
  runner: ProcessRunner,
  options: {
    readonly context?: string;
    readonly env: Readonly<Record<string, string>>;
    readonly cwd: string;
    readonly signal: AbortSignal;
    readonly writePrivateFile: WritePrivateFile;
  },
): Promise<PinnedTarget> {
  const read = async (template: CommandTemplate, env = options.env): Promise<ProcessResult> =>
    runner.run({
      script: renderCommand(template, {}),
      env,
      cwd: options.cwd,
      timeoutMs: 30_000,
      signal: options.signal,
      stepId: 'preflight',
      role: 'detect',
    });

  const context =
    options.context ??
    (await expectOk(
      read(sh`kubectl config current-context`),
      'No current kube context is set.',
      'Pass --context <name> or run "kubectl config use-context <name>".',
    ));
  const config = await expectOk(
    read(sh`kubectl config view --minify --flatten --context ${context}`),
    `The kube context "${context}" could not be read from your kubeconfig.`,
    'List contexts with "kubectl config get-contexts".',
  );
  const kubeconfig = await options.writePrivateFile('kubeconfig', config);
  const env = { ...options.env, KUBECONFIG: kubeconfig };
  const server = await expectOk(
    read(sh`kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'`, env),
    `The kube context "${context}" has no API server address.`,
  );
  const nodes = await expectOk(
    read(sh`kubectl get nodes -o name --request-timeout=15s`, env),
    `The cluster of context "${context}" (${server}) did not answer.`,
    'Check the API server address, your network/VPN and credentials; "kubectl get nodes" must work first. Nothing was changed.',
  );
  return {
    target: { context: context.trim(), server: server.trim(), nodes: nodes.split('\n').filter((l) => l.trim()).length },
    env,
  };
}

async function expectOk(result: Promise<ProcessResult>, message: string, hint?: string): Promise<string> {
  const r = await result;
  if (r.exitCode === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  const detail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join('\n');
  throw new PreflightError(detail ? `${message}\n${detail}` : message, hint);
}
