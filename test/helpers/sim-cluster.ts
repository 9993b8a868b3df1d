/**
 * Simulated cluster for tests: fake `kubectl`, `helm`, `kubeadm`, `cilium`, the workstation's `curl`, `uname` and
 * `install`, and a recording `bash` (test/fixtures/sim/bin) first on PATH, answering from a JSON state file. No real
 * cluster or network is touched.
 *
 *   const sim = await makeSimCluster();
 *   spawn('bash', ['-euo', 'pipefail', '-c', script], { env: sim.env, cwd: sim.workDir });
 *   sim.state().kubeProxy.daemonset; sim.scripts()[0].script; await sim.cleanup();
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify as stringifyYaml } from 'yaml';
import { writeSimDownloads } from './sim-downloads.js';
import { writeHubbleDownloads } from './sim-hubble.js';
import { defaultSimObjects, type SimFlow, type SimObjects } from './sim-workloads.js';

export const SIM_BIN = fileURLToPath(new URL('../fixtures/sim/bin/', import.meta.url));

export type SimTool = 'bash' | 'kubectl' | 'helm' | 'kubeadm' | 'cilium' | 'curl' | 'uname' | 'install';
export const SIM_TOOLS: readonly SimTool[] = [
  'bash',
  'kubectl',
  'helm',
  'kubeadm',
  'cilium',
  'curl',
  'uname',
  'install',
];

/** Helm values as parsed from YAML / --set. */
export type HelmValues = { [key: string]: unknown };

export interface SimRelease {
  name: string;
  namespace: string;
  /** e.g. `cilium-1.18.4` */
  chart: string;
  appVersion: string;
  revision: number;
  status: 'deployed';
  /** ISO timestamp of the last deploy. */
  updated: string;
  /** What `helm get values` prints: only the user-supplied values. */
  userValues: HelmValues;
  /** Earlier revisions' user values (`helm get values --revision N`). */
  history?: { revision: number; userValues: HelmValues }[];
}

/** The config the running Cilium agents were started with (changes only when the agent pods restart). */
export interface SimAgent {
  version: string;
  kubeProxyReplacement: boolean;
  /** bpf.masquerade */
  masquerade: boolean;
  routingMode: 'tunnel' | 'native';
  tunnelProtocol: string;
  bandwidthManager: boolean;
  bandwidthManagerBBR: boolean;
  encryption: 'Disabled' | 'IPsec' | 'Wireguard';
  hubble: boolean;
  k8sServiceHost: string | null;
  k8sServicePort: number | string | null;
  /** false: the agent refuses to start (CrashLoopBackOff on every node); `error` says why. */
  healthy: boolean;
  error: string | null;
  /** Incremented on every restart. */
  generation: number;
  /** A restart happened and `rollout status` has not yet reported it. */
  rollingOut: boolean;
  /** prometheus.enabled: the agents serve metrics on port 9962 (container port `prometheus`). */
  prometheus?: boolean;
  /** l7Proxy: false leaves the `Proxy Status:` line out of `cilium-dbg status`. */
  l7Proxy?: boolean;
  /** The cilium-config resourceVersion the running agents started with (pods' `cilium.io/config-resource-version`). */
  configResourceVersion?: string | null;
  /** When the running agent pods started (pods' `.status.startTime`). */
  startedAt?: string;
}

export interface SimKubeProxy {
  daemonset: boolean;
  configmap: boolean;
  rollingOut?: boolean;
  /** The kube-proxy image (kubeadm: registry.k8s.io/kube-proxy:<version>). */
  image?: string;
  /** KubeProxyConfiguration.clusterCIDR in the ConfigMap. */
  clusterCIDR?: string;
  /** The server kube-proxy's kubeconfig (kubeconfig.conf in the ConfigMap) points at. */
  apiServer?: string;
  /** KubeProxyConfiguration.mode ('' means iptables). */
  mode?: 'iptables' | 'ipvs' | 'nftables' | '';
}

/**
 * Fault knobs (README "Fault knobs"): each makes one thing go wrong the way it can on a real cluster, so a test can
 * show that a guard stops it.
 */
export interface SimFaults {
  /** Restarted agents report `KubeProxyReplacement: False` whatever the values say. */
  agentKprFalse?: boolean;
  /** Dotted value keys restarted agents do not apply (e.g. `encryption.enabled`, `bandwidthManager.enabled`). */
  agentIgnoresValues?: string[];
  /** `helm upgrade` prints success and bumps the revision but keeps the old values. */
  helmUpgradeNoop?: boolean;
  /** Errors/warnings one agent reports to `cilium status` (makes it not OK; `--wait` times out). */
  ciliumStatus?: { errors?: string[]; warnings?: string[] };
  /** `cilium connectivity test` tests that fail (names as in lib/connectivity.mjs). */
  connectivityFailures?: string[];
}

export interface SimPod {
  name: string;
  namespace: string;
  image: string;
  labels: Record<string, string>;
  port: number | null;
  /** From `kubectl apply` (e.g. `kubernetes.io/egress-bandwidth`). */
  annotations?: Record<string, string>;
  /** The node the pod runs on; without it objects.mjs places the pod on a worker node. */
  node?: string;
}

export interface SimService {
  name: string;
  namespace: string;
  clusterIP: string;
  port: number;
  selector: Record<string, string>;
}

/** When a call of `tool` has every string of `argvIncludes` among its argv: print, exit, change nothing. */
export interface SimFailure {
  tool: Exclude<SimTool, 'bash'>;
  argvIncludes: string[];
  exitCode: number;
  stderr: string;
  stdout?: string;
  /** Trigger only this many times (default: always). */
  times?: number;
}

/** A side effect run (with /bin/sh) when a call matches, before it is answered; see lib/common.mjs runHooks. */
export interface SimHook {
  tool: Exclude<SimTool, 'bash'>;
  argvIncludes: string[];
  run: string;
  times?: number;
}

export interface SimState {
  /** API server URL the simulated cluster answers at. */
  server: string;
  reachable: boolean;
  kubernetesVersion: string;
  podSubnet: string;
  serviceSubnet: string;
  dnsDomain: string;
  nodes: { name: string; internalIP: string }[];
  helm: {
    /** Local (workstation) repositories: name → URL. */
    repos: Record<string, string>;
    release: SimRelease | null;
  };
  /** kube-public/cluster-info's kubeconfig server (kubeadm writes it); null: the ConfigMap does not exist. */
  clusterInfo?: { server: string } | null;
  /** kube-system/kubeadm-config ClusterConfiguration.controlPlaneEndpoint ('' when unset); null: no kubeadm-config. */
  controlPlaneEndpoint?: string | null;
  /** `host:port` pairs of the API server that the nodes (and so the agents) can reach. */
  apiEndpointsFromNodes?: string[];
  /** kube-system/cilium-config metadata: its resourceVersion changes when helm renders different data. */
  ciliumConfig?: { resourceVersion: string; updated: string };
  faults?: SimFaults;
  /** Ephemeral containers added by `kubectl debug` (they stay in the pod spec; Kubernetes cannot remove them). */
  ephemeralContainers?: { namespace: string; pod: string; name: string; image: string }[];
  /** The simulated clock (seconds since 2025-11-20T02:00:00Z) for timestamps of events (lib/manifests.mjs tick). */
  clock?: number;
  agent: SimAgent;
  kubeProxy: SimKubeProxy;
  pods: SimPod[];
  services: SimService[];
  failures: SimFailure[];
  hooks?: SimHook[];
  /** CustomResourceDefinitions installed besides Cilium's (`kubectl get crd`; the chart's ServiceMonitor check). */
  crds?: string[];
  /** Chart Deployments (hubble-relay, hubble-ui, …) created or changed whose rollout `rollout status` has not reported. */
  rollingDeployments?: string[];
  /**
   * The operator's workstation: `uname -m`, directories `install` may not write to, its default-route address (what
   * kubeadm advertises when no address is given), a global address on `lo` (kubeadm's loopback rule), and the
   * kubeadm version installed there.
   */
  workstation?: {
    arch: string;
    readOnlyDirs: string[];
    ip?: string;
    loopbackGlobalIP?: string | null;
    kubeadmVersion?: string;
  };
  /** Namespaces, Deployments, applied Services and policies (sim-workloads.ts; the petclinic app by default). */
  objects?: SimObjects;
  /** Connections the datapath saw (probes from pods), newest last; hubble and cilium-dbg monitor read them. */
  flows?: SimFlow[];
}

export interface SimCall {
  tool: SimTool;
  argv: string[];
  cwd: string;
  step: string | null;
  role: string | null;
  /** $KUBECONFIG of the call (fakes only). */
  kubeconfig?: string | null;
  /** bash only: the `-c` command string, byte for byte (null without -c). */
  script?: string | null;
}

export interface SimContext {
  name: string;
  server: string;
}

export interface SimClusterOptions {
  /** Tools left out of PATH (e.g. `['helm']` to simulate a missing helm). */
  omitTools?: SimTool[];
  /** Shallow overrides of the initial state (e.g. `{ reachable: false }`). */
  state?: Partial<SimState>;
  /** Extra kubeconfig contexts, besides `sim-admin@sim` (the cluster) and `other@prod`. */
  contexts?: SimContext[];
  /** Current context; default `sim-admin@sim`. */
  currentContext?: string;
}

export interface SimExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SimCluster {
  dir: string;
  /** Empty directory for scripts to run in (files like cilium-values-before-kpr.yaml land here). */
  workDir: string;
  env: NodeJS.ProcessEnv;
  kubeconfig: string;
  state(): SimState;
  /** Edits the state file (call it between exec()s, not while a script runs). */
  update(fn: (s: SimState) => void): void;
  calls(): SimCall[];
  /** bash calls only. */
  scripts(): SimCall[];
  /** Runs `bash -euo pipefail -c script` (the recording bash) the way the runner does. */
  exec(
    script: string,
    options?: { step?: string; role?: string; cwd?: string; input?: string },
  ): Promise<SimExecResult>;
  cleanup(): Promise<void>;
}

export const SIM_SERVER = 'https://192.168.1.187:6443';
export const OTHER_SERVER = 'https://10.20.0.1:6443';

/** A kubeadm cluster with 3 nodes, kube-proxy, Cilium 1.18.4 from Helm with no user values, KPR off. */
export function defaultSimState(): SimState {
  return {
    server: SIM_SERVER,
    reachable: true,
    kubernetesVersion: 'v1.31.4',
    podSubnet: '10.244.0.0/16',
    serviceSubnet: '10.96.0.0/12',
    dnsDomain: 'cluster.local',
    nodes: [
      { name: 'k8s-cp1', internalIP: '192.168.1.187' },
      { name: 'k8s-w1', internalIP: '192.168.1.188' },
      { name: 'k8s-w2', internalIP: '192.168.1.189' },
    ],
    helm: {
      repos: {},
      release: {
        name: 'cilium',
        namespace: 'kube-system',
        chart: 'cilium-1.18.4',
        appVersion: '1.18.4',
        revision: 1,
        status: 'deployed',
        updated: '2025-11-20T01:12:44.123456789Z',
        userValues: {},
      },
    },
    agent: {
      version: '1.18.4',
      kubeProxyReplacement: false,
      masquerade: false,
      routingMode: 'tunnel',
      tunnelProtocol: 'vxlan',
      bandwidthManager: false,
      bandwidthManagerBBR: false,
      encryption: 'Disabled',
      hubble: true,
      prometheus: false,
      k8sServiceHost: null,
      k8sServicePort: null,
      healthy: true,
      error: null,
      generation: 1,
      rollingOut: false,
      configResourceVersion: '1000',
      startedAt: '2025-11-20T01:13:02Z',
    },
    kubeProxy: {
      daemonset: true,
      configmap: true,
      mode: 'iptables',
      clusterCIDR: '10.244.0.0/16',
      apiServer: 'https://192.168.1.187:6443',
      image: 'registry.k8s.io/kube-proxy:v1.31.4',
    },
    clusterInfo: { server: 'https://192.168.1.187:6443' },
    controlPlaneEndpoint: '192.168.1.187:6443',
    apiEndpointsFromNodes: ['192.168.1.187:6443'],
    ciliumConfig: { resourceVersion: '1000', updated: '2025-11-20T01:12:44Z' },
    faults: {},
    crds: ['servicemonitors.monitoring.coreos.com'],
    rollingDeployments: [],
    workstation: {
      arch: 'x86_64',
      readOnlyDirs: [],
      ip: '192.168.1.50',
      loopbackGlobalIP: null,
      kubeadmVersion: 'v1.31.4',
    },
    objects: defaultSimObjects(),
    flows: [],
    pods: [],
    services: [],
    failures: [],
  };
}

function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Tools that must only be reachable as fakes (or not at all). */
const HIDDEN = new Set(['kubectl', 'helm', 'kubeadm', 'cilium', 'hubble', 'curl', 'uname', 'install']);

/**
 * A directory with symlinks to every system program (/usr/bin, /bin, /usr/sbin, /sbin) except the cluster
 * tools, plus `node`. The real kubectl stays reachable only through SIM_REAL_KUBECTL.
 */
function makeSystemBin(dir: string): void {
  fs.mkdirSync(dir);
  const seen = new Set<string>();
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  seen.add('node');
  for (const sys of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    let names: string[];
    try {
      names = fs.readdirSync(sys);
    } catch {
      continue;
    }
    for (const name of names) {
      if (seen.has(name) || HIDDEN.has(name)) continue;
      seen.add(name);
      fs.symlinkSync(path.join(sys, name), path.join(dir, name));
    }
  }
}

function kubeconfigYaml(contexts: SimContext[], current: string): string {
  const clusterName = (ctx: SimContext) => ctx.name.split('@')[1] ?? ctx.name;
  const userName = (ctx: SimContext) => ctx.name.split('@')[0] ?? ctx.name;
  return stringifyYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({
      name: clusterName(c),
      cluster: { server: c.server, 'insecure-skip-tls-verify': true },
    })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: clusterName(c), user: userName(c) } })),
    'current-context': current,
    preferences: {},
    users: contexts.map((c) => ({ name: userName(c), user: { token: `sim-token-${userName(c)}` } })),
  });
}

/** The recording bash writes `record`: base64 of NUL-separated step, role, cwd, has-script, script, argv… */
function decodeCall(entry: SimCall | { tool: 'bash'; record: string }): SimCall {
  if (!('record' in entry)) return entry;
  const [step = '', role = '', cwd = '', hasScript = 'no', script = '', ...rest] = Buffer.from(entry.record, 'base64')
    .toString('utf8')
    .split('\0');
  const argv = rest.slice(0, -1); // the record ends with a NUL
  return {
    tool: 'bash',
    argv,
    cwd,
    step: step || null,
    role: role || null,
    script: hasScript === 'yes' ? script : null,
  };
}

export async function makeSimCluster(options: SimClusterOptions = {}): Promise<SimCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sim-cluster-'));
  const bin = path.join(dir, 'bin');
  const sysbin = path.join(dir, 'sysbin');
  const home = path.join(dir, 'home');
  const workDir = path.join(dir, 'work');
  const stateDir = path.join(dir, 'state');
  // The workstation's own files: `install` writes under root/ (root/usr/local/bin is on PATH); `curl` serves downloads/.
  const root = path.join(dir, 'root');
  const localBin = path.join(root, 'usr', 'local', 'bin');
  const downloads = path.join(dir, 'downloads');
  for (const d of [bin, home, workDir, stateDir]) fs.mkdirSync(d);
  fs.mkdirSync(localBin, { recursive: true });
  makeSystemBin(sysbin);
  writeSimDownloads(downloads, SIM_BIN);
  writeHubbleDownloads(downloads, SIM_BIN);
  const omit = new Set(options.omitTools ?? []);
  for (const tool of SIM_TOOLS) if (!omit.has(tool)) fs.symlinkSync(path.join(SIM_BIN, tool), path.join(bin, tool));

  const initial: SimState = { ...defaultSimState(), ...options.state };
  const statePath = path.join(stateDir, 'state.json');
  const callsPath = path.join(stateDir, 'calls.jsonl');
  fs.writeFileSync(statePath, `${JSON.stringify(initial, null, 2)}\n`);
  fs.writeFileSync(callsPath, '');

  const contexts: SimContext[] = [
    { name: 'sim-admin@sim', server: initial.server },
    { name: 'other@prod', server: OTHER_SERVER },
    ...(options.contexts ?? []),
  ];
  const kubeconfig = path.join(home, 'kubeconfig.yaml');
  fs.writeFileSync(kubeconfig, kubeconfigYaml(contexts, options.currentContext ?? 'sim-admin@sim'));

  const realKubectl = process.env.SIM_REAL_KUBECTL ?? findOnPath('kubectl', process.env.PATH) ?? '';
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, localBin, sysbin].join(path.delimiter),
    HOME: home,
    KUBECONFIG: kubeconfig,
    SIM_STATE_DIR: stateDir,
    SIM_REAL_KUBECTL: realKubectl,
    SIM_NODE: process.execPath,
    SIM_ROOT: root,
    SIM_DOWNLOADS_DIR: downloads,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    // As when started from a login shell. Without it, Debian's bash sources /etc/bash.bashrc when its stdin is a
    // socket (Node's stdio pipes are socketpairs) at shell level 1, which fails under `set -u` (PS1 unbound).
    SHLVL: '1',
    TMPDIR: os.tmpdir(),
  };

  const readState = (): SimState => JSON.parse(fs.readFileSync(statePath, 'utf8')) as SimState;
  const calls = (): SimCall[] =>
    fs
      .readFileSync(callsPath, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => decodeCall(JSON.parse(line) as SimCall | { tool: 'bash'; record: string }));

  return {
    dir,
    workDir,
    env,
    kubeconfig,
    state: readState,
    update(fn) {
      const s = readState();
      fn(s);
      const tmp = `${statePath}.update.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`);
      fs.renameSync(tmp, statePath);
    },
    calls,
    scripts: () => calls().filter((c) => c.tool === 'bash'),
    exec(script, opts = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
          cwd: opts.cwd ?? workDir,
          env: {
            ...env,
            ...(opts.step === undefined ? {} : { RUNBOOK_STEP: opts.step }),
            ...(opts.role === undefined ? {} : { RUNBOOK_ROLE: opts.role }),
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
        });
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
        });
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
        child.stdin.end(opts.input ?? '');
      });
    },
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Synchronous helper for one-off checks: is a command name resolvable through the simulated PATH? */
export function resolvesTo(sim: SimCluster, name: string): string | undefined {
  const r = spawnSync('/bin/sh', ['-c', `command -v ${name}`], { env: sim.env, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
