// Stand-in kubelet for one-shot pods (`kubectl run NAME --rm -i --restart=Never --image=busybox… -- CMD`): KWOK's
// stages leave pods with restartPolicy Never alone (real/stand-ins/kwok-config.mjs); this loop runs each such pod's
// command once with Debian's real BusyBox (`sh`, `nslookup`, … as applets; `nc`/`wget` are pod-tools.mjs), in a
// private mount namespace whose /etc/resolv.conf is the pod's (search list as the kubelet writes it, the DNS
// stand-in as nameserver, or a black hole when the evaluator says the pod's egress to kube-dns:53/UDP is dropped).
// Then it writes the output as the container's CRI log, points a KWOK `Logs` object at it, and sets the pod's real
// status to Succeeded/Failed with the exit code, which is what the real kubectl reads: `kubectl run -i` of a pod that
// has already completed streams its logs and exits with the container's exit code (kubectl/pkg/cmd/run/run.go).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { evaluate } from '../../src/policy/evaluate.ts';
import { api, get } from './kube.mjs';
import { snapshot } from './podnet.mjs';

const S = process.env.RUNBOOK_REAL_STATE;
const done = new Set();
fs.mkdirSync(`${S}/oneshot`, { recursive: true });

async function dnsAllowed(pod) {
  const snap = await snapshot();
  const from = { namespace: pod.metadata.namespace, name: pod.metadata.name };
  const dns = snap.services.find((s) => s.metadata.name === 'kube-dns' && s.metadata.namespace === 'kube-system');
  if (!dns) return false;
  // Same evaluation as a TCP probe but on 53/UDP: the evaluator decides; no policy → allowed.
  if (!snap.serviceProvider) return false;
  const backends = snap.cluster.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
  if (backends.length === 0) return false;
  if (snap.policies.length === 0) return true;
  return evaluate(snap.cluster, snap.policies, { from, to: backends[0], port: 53, protocol: 'UDP' }).allowed;
}

function run(argv, env, resolv, timeoutS) {
  return new Promise((resolve) => {
    const script = 'mount --bind "$RESOLV" /etc/resolv.conf && exec "$@"';
    const child = spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-c', script, 'pod', ...argv], {
      env: { ...env, RESOLV: resolv },
      cwd: `${S}/oneshot`,
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 137 : 1), out });
    });
  });
}

function criLog(text) {
  const now = new Date().toISOString().replace('Z', '000000Z');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => `${now} stdout F ${l}\n`).join('');
}

async function handle(pod) {
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  const c = pod.spec.containers[0];
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const podIP = `10.244.250.${1 + (done.size % 250)}`;
  // As a kubelet does once the sandbox runs: phase Running with the pod IP (not Ready: kubectl run keeps waiting),
  // so the pod is a real endpoint for the policy evaluator while its command runs.
  await api(
    'PATCH',
    `/api/v1/namespaces/${ns}/pods/${name}/status`,
    { status: { phase: 'Running', podIP, podIPs: [{ ip: podIP }], hostIP: '192.0.2.10', startTime: startedAt } },
    'application/merge-patch+json',
  );
  const resolv = `${S}/oneshot/${ns}_${name}.resolv.conf`;
  const allowed = await dnsAllowed(pod);
  fs.writeFileSync(
    resolv,
    `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${allowed ? '127.0.0.53' : '127.0.0.54'}\noptions ndots:5\n`,
  );
  const env = {
    PATH: `${S}/pod-bin`,
    HOME: '/root',
    HOSTNAME: name,
    POD_NAMESPACE: ns,
    POD_NAME: name,
    KUBECONFIG: '/etc/kubernetes/admin.conf',
    RUNBOOK_REAL_STATE: S,
  };
  const r = argv.length === 0 ? { code: 0, out: '' } : await run(argv, env, resolv, 60);
  const logFile = `${S}/oneshot/${ns}_${name}.log`;
  fs.writeFileSync(logFile, criLog(r.out));
  fs.appendFileSync(
    `${S}/oneshot/runs.jsonl`,
    `${JSON.stringify({ pod: `${ns}/${name}`, argv, dnsAllowed: allowed, code: r.code, out: r.out })}\n`,
  );
  await api('POST', `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${ns}/logs`, {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Logs',
    metadata: { name, namespace: ns },
    spec: { logs: [{ containers: [c.name], logsFile: logFile }] },
  }).catch(() => {});
  await new Promise((res) => setTimeout(res, 400)); // KWOK picks the Logs object up from its watch
  const finishedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status = {
    phase: r.code === 0 ? 'Succeeded' : 'Failed',
    podIP,
    hostIP: '192.0.2.10',
    startTime: startedAt,
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: startedAt },
      { type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: finishedAt },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted', lastTransitionTime: finishedAt },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: startedAt },
    ],
    containerStatuses: [
      {
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        restartCount: 0,
        started: false,
        state: {
          terminated: {
            exitCode: r.code,
            reason: r.code === 0 ? 'Completed' : 'Error',
            startedAt,
            finishedAt,
          },
        },
      },
    ],
  };
  await api('PATCH', `/api/v1/namespaces/${ns}/pods/${name}/status`, { status }, 'application/merge-patch+json');
}

// `kubectl exec POD -- CMD` into an application pod: KWOK runs CMD locally; a per-pod KWOK `Exec` object gives it the
// pod's identity (POD_NAMESPACE/POD_NAME) and the pod PATH, and agent-bin's curl/wget/nc shims hand such calls to
// pod-tools.mjs (KWOK resolves the command with its own PATH).
const execs = new Set();
async function ensureExecs() {
  const pods = (await get('/api/v1/pods')).items.filter(
    (p) => p.metadata.namespace !== 'kube-system' && !p.spec.hostNetwork,
  );
  for (const p of pods) {
    if (execs.has(p.metadata.uid)) continue;
    execs.add(p.metadata.uid);
    const ns = p.metadata.namespace;
    await api('POST', `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${ns}/execs`, {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Exec',
      metadata: { name: p.metadata.name, namespace: ns },
      spec: {
        execs: [
          {
            local: {
              workDir: `${S}/work`,
              envs: [
                { name: 'PATH', value: `${S}/pod-bin` },
                { name: 'POD_NAMESPACE', value: ns },
                { name: 'POD_NAME', value: p.metadata.name },
                { name: 'KUBECONFIG', value: '/etc/kubernetes/admin.conf' },
                { name: 'RUNBOOK_REAL_STATE', value: S },
              ],
            },
          },
        ],
      },
    }).catch(() => {});
  }
}

async function loop() {
  for (;;) {
    try {
      await ensureExecs();
      const list = await get('/api/v1/pods?fieldSelector=spec.restartPolicy%3DNever,status.phase%3DPending');
      for (const pod of list.items) {
        const key = pod.metadata.uid;
        if (!pod.spec.nodeName || done.has(key) || pod.metadata.deletionTimestamp) continue;
        done.add(key);
        handle(pod).catch((e) => {
          console.error(`oneshot ${pod.metadata.name}: ${e.message}`);
          const message = `real-tier stand-in kubelet could not run the pod: ${e.message}`;
          api(
            'PATCH',
            `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
            { status: { phase: 'Failed', message } },
            'application/merge-patch+json',
          ).catch(() => {});
        });
      }
    } catch (e) {
      console.error(`oneshot: ${e.message}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

loop();
