/**
 * Target pinning: resolve the kube context once, copy it into a private kubeconfig, and hand every later process
 * `KUBECONFIG=<that file>`. The commands stay exactly as the page shows them, yet a `kubectl config use-context` in
 * another terminal cannot redirect a run that is under way; `targetGuard` notices such a switch and stops the run.
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
  /** The cluster's CA (base64 PEM as in the kubeconfig; empty when the context skips TLS verification). */
  readonly certificateAuthority: string;
  /** The environment every later process gets. */
  readonly env: Readonly<Record<string, string>>;
}

interface ReadOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly signal: AbortSignal;
}

function reader(runner: ProcessRunner, options: ReadOptions, stepId: string) {
  return (template: CommandTemplate, env = options.env): Promise<ProcessResult> =>
    runner.run({
      script: renderCommand(template, {}),
      env,
      cwd: options.cwd,
      timeoutMs: 30_000,
      signal: options.signal,
      stepId,
      role: 'detect',
    });
}

export async function pinTarget(
  runner: ProcessRunner,
  options: ReadOptions & { readonly context?: string; readonly writePrivateFile: WritePrivateFile },
): Promise<PinnedTarget> {
  const read = reader(runner, options, 'preflight');
  const context =
    options.context ??
    (await expectOk(
      read(sh`kubectl config current-context`),
      'No current kube context is set.',
      'Pass --context <name> or run "kubectl config use-context <name>". Nothing was run.',
      { kind: 'no-current-context', context: '', server: '' },
    ));
  const config = await expectOk(
    read(sh`kubectl config view --minify --flatten --context ${context}`),
    `The kube context "${context}" could not be read from your kubeconfig.`,
    'List contexts with "kubectl config get-contexts". Nothing was run.',
    { kind: 'context-unreadable', context, server: '' },
  );
  const kubeconfig = await options.writePrivateFile('kubeconfig', `${config}\n`);
  const env = { ...options.env, KUBECONFIG: kubeconfig };
  const [cluster = '', server = '', certificateAuthority = ''] = (
    await expectOk(
      read(
        sh`kubectl config view --minify --raw -o jsonpath='{.clusters[0].name}{"\n"}{.clusters[0].cluster.server}{"\n"}{.clusters[0].cluster.certificate-authority-data}'`,
        env,
      ),
      `The kube context "${context}" has no cluster or API server address.`,
      undefined,
      { kind: 'no-server', context, server: '' },
    )
  ).split('\n');
  const nodesResult = await read(sh`kubectl get nodes -o name --request-timeout=15s`, env);
  if (nodesResult.exitCode !== 0 && UNAUTHORIZED.test(`${nodesResult.stderr}\n${nodesResult.stdout}`)) {
    throw new TargetProblem(
      'unauthorized',
      { context: context.trim(), server: server.trim(), detail: lastLines(nodesResult) },
      `The cluster of context "${context}" (${server}) refused the credentials of that context (HTTP 401 Unauthorized): they are missing, expired or revoked.`,
      'Log in again or refresh the credentials (e.g. your cloud CLI\'s get-credentials command, or kubelogin); "kubectl get nodes" must work first. Nothing was run.',
    );
  }
  const nodes = await expectOk(
    Promise.resolve(nodesResult),
    `The cluster of context "${context}" (${server}) did not answer.`,
    'Check the API server address, your network/VPN and credentials: "kubectl get nodes" must work first. Nothing was run.',
    { kind: 'unreachable', context: context.trim(), server: server.trim() },
  );
  const image = await read(
    sh`kubectl -n kube-system get ds cilium -o jsonpath='{.spec.template.spec.containers[0].image}'`,
    env,
  );
  const kpr = await read(
    sh`kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.kube-proxy-replacement}'`,
    env,
  );
  const ciliumVersion = image.exitCode === 0 ? /:v?(\d+\.\d+\.\d+[^@\s]*)/.exec(image.stdout)?.[1] : undefined;
  const kubeProxyReplacement = kpr.exitCode === 0 && kpr.stdout.trim() ? kpr.stdout.trim() : undefined;
  return {
    target: {
      context: context.trim(),
      cluster: cluster.trim(),
      server: server.trim(),
      nodes: nodes.split('\n').filter((l) => l.trim()).length,
      ...(ciliumVersion !== undefined && { ciliumVersion }),
      ...(kubeProxyReplacement !== undefined && { kubeProxyReplacement }),
    },
    certificateAuthority: certificateAuthority.trim(),
    env,
  };
}

/**
 * Before each change: is the operator's kubeconfig still pointing where the run is pinned? Returns a sentence when
 * the current context (without --context) or the context's API server changed since the run started.
 */
export function targetGuard(
  runner: ProcessRunner,
  options: ReadOptions & { readonly target: Target; readonly explicitContext: boolean },
): () => Promise<string | undefined> {
  const read = reader(runner, options, 'guard');
  const { target } = options;
  const view = options.explicitContext
    ? sh`kubectl config view --minify --context ${target.context} -o jsonpath='{.current-context}{"\n"}{.clusters[0].cluster.server}'`
    : sh`kubectl config view --minify -o jsonpath='{.current-context}{"\n"}{.clusters[0].cluster.server}'`;
  return async () => {
    const result = await read(view);
    if (result.exitCode !== 0) return `The kubeconfig could not be read any more: ${result.stderr.trim()}`;
    const [context = '', server = ''] = result.stdout.split('\n').map((s) => s.trim());
    if (!options.explicitContext && context !== target.context) {
      return `The current kube context changed from "${target.context}" to "${context}" during the run.`;
    }
    if (server !== target.server) {
      return `The API server of context "${target.context}" changed from ${target.server} to ${server} during the run.`;
    }
    return undefined;
  };
}

/** What went wrong while pinning the target, as data: the CLI words it in the operator's language. */
export type TargetProblemKind =
  | 'no-current-context'
  | 'context-unreadable'
  | 'no-server'
  | 'unauthorized'
  | 'unreachable';

export class TargetProblem extends PreflightError {
  constructor(
    readonly kind: TargetProblemKind,
    readonly facts: { readonly context: string; readonly server: string; readonly detail: string },
    message: string,
    hint?: string,
  ) {
    super(facts.detail ? `${message}\n${facts.detail}` : message, hint);
  }
}

/** kubectl's words for HTTP 401: `error: You must be logged in to the server (Unauthorized)`. */
const UNAUTHORIZED = /\bUnauthorized\b|You must be logged in|\b401\b/;

function lastLines(r: ProcessResult): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join('\n');
}

async function expectOk(
  result: Promise<ProcessResult>,
  message: string,
  hint?: string,
  what?: { kind: TargetProblemKind; context: string; server: string },
): Promise<string> {
  const r = await result;
  if (r.exitCode === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  const detail = lastLines(r);
  if (what) throw new TargetProblem(what.kind, { context: what.context, server: what.server, detail }, message, hint);
  throw new PreflightError(detail ? `${message}\n${detail}` : message, hint);
}
