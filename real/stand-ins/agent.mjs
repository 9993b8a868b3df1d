// Stand-in for the commands inside a Cilium agent pod (`kubectl exec ds/cilium -- cilium-dbg …`, `-- hubble …`),
// reached through KWOK's ClusterExec. There is no agent here (no node, no eBPF), so every answer is computed from
// the REAL objects the real Helm rendered: kube-system/cilium-config (feature switches), the cilium DaemonSet (image,
// version), Nodes, Services and EndpointSlices, Pods. Each output says on stderr which upstream format it follows.
//
// Formats: `cilium-dbg status` reuses the simulator's formatter (test/fixtures/sim/lib/cluster.mjs), which follows
// cilium v1.18 pkg/client/client.go FormatStatusResponse and shared/upstream/cilium-1.18/sample-outputs.md §1; the
// values come from the ConfigMap here. Limitation: the agent would read the ConfigMap at start; this stand-in reads
// the current one (a missing `rollout restart` is not noticed).
import { ciliumDbgStatus } from '../../test/fixtures/sim/lib/cluster.mjs';
import { get } from './kube.mjs';

const SOURCE = {
  status: 'cilium v1.18 pkg/client/client.go FormatStatusResponse (sample-outputs.md §1)',
  encrypt: 'cilium v1.18 cilium-dbg/cmd/encrypt_status.go (sample-outputs.md §1e)',
  service: 'cilium v1.18 cilium-dbg/cmd/service_list.go (sample-outputs.md §1g)',
  identity: 'cilium v1.18 cilium-dbg/cmd/identity_list.go (columns ID, LABELS)',
  endpoint: 'cilium v1.18 cilium-dbg/cmd/endpoint_list.go (header only: no endpoints without a node)',
  bandwidth: 'cilium v1.18.4 cilium-dbg/cmd/bpf_bandwidth_list.go listBandwidth (IDENTITY DIRECTION PRIO BANDWIDTH)',
  lb: 'cilium v1.18 cilium-dbg/cmd/bpf_lb_list.go (columns SERVICE ADDRESS, BACKEND ADDRESS (REVNAT_ID) (SLOT))',
  selectors: 'cilium v1.18 cilium-dbg/cmd/policy_selectors.go (columns SELECTOR, LABELS, USERS, IDENTITIES)',
  monitor: 'cilium v1.18 cilium-dbg/cmd/monitor.go (start banner; no datapath, so no drop events)',
  hubble: 'hubble v1.18 observe (no datapath, so no flows)',
};

function note(kind) {
  process.stderr.write(`[real-tier stand-in: ${SOURCE[kind]}; values from the real kube-system objects]\n`);
}

async function config() {
  const cm = await get('/api/v1/namespaces/kube-system/configmaps/cilium-config');
  if (!cm) {
    process.stderr.write('Error: Unable to reach agent: kube-system/cilium-config not found\n');
    process.exit(1);
  }
  return cm.data ?? {};
}

async function agentState() {
  const c = await config();
  const ds = await get('/apis/apps/v1/namespaces/kube-system/daemonsets/cilium');
  const image = ds?.spec.template.spec.containers.find((x) => x.name === 'cilium-agent')?.image ?? '';
  const version = /:v([\d.]+)/.exec(image)?.[1] ?? 'unknown';
  const nodes = (await get('/api/v1/nodes')).items.map((n) => ({
    name: n.metadata.name,
    internalIP: n.status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
  }));
  const kubernetesVersion = (await get('/version')).gitVersion;
  const on = (k) => c[k] === 'true';
  return {
    c,
    state: {
      nodes,
      kubernetesVersion,
      agent: {
        version,
        kubeProxyReplacement: on('kube-proxy-replacement'),
        masquerade: on('enable-bpf-masquerade'),
        routingMode: c['routing-mode'] ?? 'tunnel',
        tunnelProtocol: c['tunnel-protocol'] ?? 'vxlan',
        encryption: on('enable-wireguard') ? 'Wireguard' : on('enable-ipsec') ? 'IPsec' : 'Disabled',
        bandwidthManager: on('enable-bandwidth-manager'),
        bandwidthManagerBBR: on('enable-bbr'),
        hubble: on('enable-hubble'),
      },
    },
  };
}

async function status(args) {
  const { c, state } = await agentState();
  note('status');
  let text = ciliumDbgStatus(state, { brief: args.includes('--brief') });
  const proxy =
    c['enable-l7-proxy'] === 'false'
      ? 'Disabled'
      : `OK, ip 10.0.0.102, 0 redirects active on ports 10000-20000, Envoy: ${c['external-envoy-proxy'] === 'true' ? 'external' : 'embedded'}`;
  text = text.replace(/^(Proxy Status:\s+).*$/m, `$1${proxy}`);
  process.stdout.write(text);
}

async function encryptStatus() {
  const { state } = await agentState();
  note('encrypt');
  if (state.agent.encryption === 'Wireguard') {
    process.stdout.write(
      `Encryption: Wireguard\nInterface: cilium_wg0\n\tPublic key: 4xBu2cGz0bqSQ0m6SLCk9dAPpwGHMGNNH0tQfW4pSEo=\n\tNumber of peers: ${state.nodes.length - 1}\n`,
    );
  } else process.stdout.write(`Encryption: ${state.agent.encryption}\n`);
}

async function serviceList() {
  note('service');
  const svcs = (await get('/api/v1/services')).items;
  const slices = (await get('/apis/discovery.k8s.io/v1/endpointslices')).items;
  const rows = [['ID', 'Frontend', 'Service Type', 'Backend']];
  let id = 1;
  for (const s of svcs) {
    if (!s.spec.clusterIP || s.spec.clusterIP === 'None') continue;
    for (const p of s.spec.ports ?? []) {
      const backends = slices
        .filter((e) => e.metadata.namespace === s.metadata.namespace)
        .filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name)
        .flatMap((e) =>
          (e.endpoints ?? []).flatMap((ep) =>
            ep.addresses.map(
              (a) => `${a}:${e.ports?.find((x) => x.name === p.name)?.port ?? p.targetPort}/TCP (active)`,
            ),
          ),
        );
      rows.push([
        String(id++),
        `${s.spec.clusterIP}:${p.port}/${p.protocol ?? 'TCP'}`,
        'ClusterIP',
        backends.map((b, i) => `${i + 1} => ${b}`).join('\n'),
      ]);
    }
  }
  printTable(rows);
}

function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').split('\n')[0].length)) + 3);
  for (const r of rows) {
    const lines = r.map((cell) => (cell ?? '').split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    for (let h = 0; h < height; h++) {
      process.stdout.write(
        `${lines
          .map((l, i) => (i === lines.length - 1 ? (l[h] ?? '') : (l[h] ?? '').padEnd(widths[i])))
          .join('')
          .trimEnd()}\n`,
      );
    }
  }
}

async function identityList() {
  note('identity');
  const pods = (await get('/api/v1/pods')).items.filter((p) => !p.spec.hostNetwork);
  const rows = [
    ['ID', 'LABELS'],
    ['1', 'reserved:host'],
    ['2', 'reserved:world'],
    ['3', 'reserved:unmanaged'],
    ['4', 'reserved:health'],
    ['5', 'reserved:init'],
    ['6', 'reserved:remote-node'],
    ['7', 'reserved:kube-apiserver\nreserved:remote-node'],
    ['8', 'reserved:ingress'],
  ];
  const seen = new Map();
  for (const p of pods) {
    const labels = [
      `k8s:io.kubernetes.pod.namespace=${p.metadata.namespace}`,
      ...Object.entries(p.metadata.labels ?? {})
        .filter(([k]) => k !== 'pod-template-hash' && k !== 'controller-revision-hash')
        .map(([k, v]) => `k8s:${k}=${v}`),
    ].sort();
    const key = labels.join('\n');
    if (!seen.has(key)) seen.set(key, String(10000 + seen.size * 7));
  }
  for (const [labels, id] of seen) rows.push([id, labels]);
  printTable(rows);
}

async function bandwidthList() {
  note('bandwidth');
  const { state } = await agentState();
  if (!state.agent.bandwidthManager) {
    process.stderr.write('No entries found.\n');
    return;
  }
  // listBandwidth: one row per endpoint and direction; IDENTITY is the endpoint ID; BitsPerSec as a resource.Quantity
  // (DecimalSI: 10000000 → "10M"); tabwriter(minwidth 5, padding 3); rows sorted column by column.
  const pods = (await get('/api/v1/pods')).items.filter((p) => !p.metadata.deletionTimestamp);
  const rows = [];
  let id = 1200;
  for (const p of pods) {
    const a = p.metadata.annotations ?? {};
    const egress = a['kubernetes.io/egress-bandwidth'];
    const ingress = a['kubernetes.io/ingress-bandwidth'];
    if (!egress && !ingress) continue;
    id += 1;
    if (egress) rows.push([String(id), 'Egress', '0', egress]);
    if (ingress) rows.push([String(id), 'Ingress', '0', ingress]);
  }
  if (rows.length === 0) {
    process.stderr.write('No entries found.\n');
    return;
  }
  rows.sort((x, y) => x.join('\0').localeCompare(y.join('\0')));
  const all = [['IDENTITY', 'DIRECTION', 'PRIO', 'BANDWIDTH (BitsPerSec)'], ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(5, ...all.map((r) => r[i].length)) + 3);
  for (const r of all) process.stdout.write(`${r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('')}\n`);
}

function header(kind, cols) {
  note(kind);
  printTable([cols]);
}

async function main(argv) {
  const [tool, ...rest] = argv;
  const words = rest.filter((a) => !a.startsWith('-'));
  const cmd = words.join(' ');
  if (tool === 'hubble') {
    note('hubble');
    if (words[0] === 'observe') return;
    process.stderr.write(`hubble stand-in: unsupported: ${rest.join(' ')}\n`);
    process.exit(2);
  }
  if (cmd === 'status') return status(rest);
  if (cmd === 'encrypt status') return encryptStatus();
  if (cmd === 'service list') return serviceList();
  if (cmd === 'identity list') return identityList();
  if (cmd === 'bpf bandwidth list') return bandwidthList();
  if (cmd === 'endpoint list')
    return header('endpoint', [
      'ENDPOINT',
      'POLICY (ingress)',
      'POLICY (egress)',
      'IDENTITY',
      'LABELS (source:key[=value])',
      'IPv6',
      'IPv4',
      'STATUS',
    ]);
  if (cmd === 'bpf lb list') return header('lb', ['SERVICE ADDRESS', 'BACKEND ADDRESS (REVNAT_ID) (SLOT)']);
  if (cmd === 'policy selectors') return header('selectors', ['SELECTOR', 'LABELS', 'USERS', 'IDENTITIES']);
  if (words[0] === 'monitor') {
    note('monitor');
    process.stdout.write('Listening for events on 2 CPUs with 64x4096 of shared memory\nPress Ctrl-C to quit\n');
    await new Promise(() => setInterval(() => {}, 1 << 30));
  }
  process.stderr.write(`cilium-dbg stand-in: unsupported: ${rest.join(' ')}\n`);
  process.exit(2);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
