// Cluster DNS stand-in (CoreDNS's `kubernetes` plugin, answered from the REAL Services): UDP on 127.0.0.53:53.
// <svc>.<ns>.svc.cluster.local → the Service's ClusterIP (A); an existing name has no AAAA (NOERROR, no answer);
// any other name is NXDOMAIN (CoreDNS answers names outside cluster.local from upstream: not here, no network). 127.0.0.54:53 receives and never answers: the pod's resolv.conf points there when the
// policy evaluator drops the pod's DNS egress, so BusyBox's real nslookup times out as it would.
import dgram from 'node:dgram';
import { get } from './kube.mjs';

let services = [];
let namespaces = new Set();
async function refresh() {
  try {
    services = (await get('/api/v1/services')).items;
    namespaces = new Set((await get('/api/v1/namespaces')).items.map((n) => n.metadata.name));
  } catch {}
}
setInterval(refresh, 500);
await refresh();

function readName(buf, off) {
  const labels = [];
  for (;;) {
    const len = buf[off];
    if (len === 0) return { name: labels.join('.'), end: off + 1 };
    labels.push(buf.subarray(off + 1, off + 1 + len).toString('ascii'));
    off += 1 + len;
  }
}

function answer(msg) {
  const id = msg.readUInt16BE(0);
  const { name, end } = readName(msg, 12);
  const qtype = msg.readUInt16BE(end);
  const question = msg.subarray(12, end + 4);
  const lower = name.toLowerCase();
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(lower);
  const svc = m && services.find((s) => s.metadata.name === m[1] && s.metadata.namespace === m[2]);
  // As CoreDNS's kubernetes plugin: the zone, svc.<zone> and <namespace>.svc.<zone> of an existing namespace exist
  // (no A record: NODATA); anything else that is no Service is NXDOMAIN.
  const ns = /^([a-z0-9-]+)\.svc\.cluster\.local$/.exec(lower)?.[1];
  const exists =
    Boolean(svc) ||
    lower === 'cluster.local' ||
    lower === 'svc.cluster.local' ||
    (ns !== undefined && namespaces.has(ns));
  const ip = svc?.spec.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : undefined;
  const answers = [];
  if (qtype === 1 && ip) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question name
    rr.writeUInt16BE(1, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(30, 6);
    rr.writeUInt16BE(4, 10);
    for (const [i, o] of ip.split('.').entries()) rr.writeUInt8(Number(o), 12 + i);
    answers.push(rr);
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8400 | 0x0100 | 0x0080 | (exists ? 0 : 3), 2); // QR, AA, RD, RA, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  console.log(
    `${new Date().toISOString()} ${qtype === 1 ? 'A' : qtype === 28 ? 'AAAA' : qtype} ${name} → ${ip ?? (exists ? 'NODATA' : 'NXDOMAIN')}`,
  );
  return Buffer.concat([header, question, ...answers]);
}

const server = dgram.createSocket('udp4');
server.on('message', (msg, rinfo) => {
  try {
    server.send(answer(msg), rinfo.port, rinfo.address);
  } catch (e) {
    console.error(e);
  }
});
server.bind(53, '127.0.0.53');
const blackhole = dgram.createSocket('udp4');
blackhole.on('message', (_msg, rinfo) =>
  console.log(`${new Date().toISOString()} dropped query from ${rinfo.address}`),
);
blackhole.bind(53, '127.0.0.54');
