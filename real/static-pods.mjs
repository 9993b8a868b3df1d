// Prints, shell-quoted, the command of the static pod NAME that the real kubeadm wrote to
// /etc/kubernetes/manifests/NAME.yaml, so real/cluster.sh runs it as a process (the kubelet's part, stood in for).
import fs from 'node:fs';
import { parse } from 'yaml';

const name = process.argv[2];
const manifest = parse(fs.readFileSync(`/etc/kubernetes/manifests/${name}.yaml`, 'utf8'));
const container = manifest.spec.containers[0];
const argv = [...(container.command ?? []), ...(container.args ?? [])];
const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);
process.stdout.write(`${argv.map(quote).join(' ')}\n`);
