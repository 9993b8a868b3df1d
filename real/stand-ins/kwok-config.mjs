// KWOK's configuration for the real tier (printed as YAML documents for `kwok --config`):
// - pod stages: KWOK's own "fast" stages from the kwok module (ready, complete, delete), except that one-shot pods
//   (`kubectl run --restart=Never`, restartPolicy Never) are left to real/stand-ins/oneshot.mjs, which runs them;
// - ClusterExec: `kubectl exec` into any pod runs the command locally with the agent stand-ins first on PATH
//   (cilium-dbg, hubble: real/stand-ins/agent.mjs), so `kubectl exec ds/cilium -- cilium-dbg status` is answered from
//   the real cilium-config ConfigMap and DaemonSet;
// - ClusterLogs: `kubectl logs` of cilium agents reads a stand-in agent log; other pods have empty logs.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const state = process.argv[2];
const versions = JSON.parse(fs.readFileSync(new URL('../versions.json', import.meta.url), 'utf8'));
const modcache = process.env.GOMODCACHE || path.join(process.env.HOME ?? '/root', 'go/pkg/mod');
const stages = path.join(modcache, `sigs.k8s.io/kwok@${versions.kwok}`, 'kustomize/stage/pod/fast');
const docs = [];
for (const file of ['pod-ready.yaml', 'pod-complete.yaml', 'pod-delete.yaml']) {
  for (const doc of parseAllDocuments(fs.readFileSync(path.join(stages, file), 'utf8'))) {
    const stage = doc.toJS();
    if (stage.metadata.name === 'pod-ready') {
      stage.spec.selector.matchExpressions.push({ key: '.spec.restartPolicy', operator: 'NotIn', values: ['Never'] });
    }
    docs.push(stage);
  }
}
const pathEnv = `${state}/agent-bin:${process.env.PATH}`;
docs.push({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'ClusterExec',
  metadata: { name: 'real-tier-agent-stand-ins' },
  spec: {
    execs: [
      {
        local: {
          workDir: `${state}/work`,
          envs: [
            { name: 'PATH', value: pathEnv },
            { name: 'KUBECONFIG', value: '/etc/kubernetes/admin.conf' },
            { name: 'RUNBOOK_REAL_STATE', value: state },
          ],
        },
      },
    ],
  },
});
docs.push({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'ClusterLogs',
  metadata: { name: 'real-tier-agent-logs' },
  spec: {
    selector: { matchNamespaces: ['kube-system'] },
    logs: [{ containers: ['cilium-agent'], logsFile: `${state}/agent.log` }, { logsFile: `${state}/empty.log` }],
  },
});
docs.push({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'ClusterLogs',
  metadata: { name: 'real-tier-empty-logs' },
  spec: { logs: [{ logsFile: `${state}/empty.log` }] },
});
process.stdout.write(docs.map((d) => stringify(d, { blockQuote: 'literal' })).join('---\n'));
