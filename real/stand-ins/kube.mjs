// A minimal client of the real API server for the stand-ins: the client certificate of a kubeadm kubeconfig
// (/etc/kubernetes/admin.conf unless KUBECONFIG says otherwise), JSON in and out.
import fs from 'node:fs';
import https from 'node:https';
import { parse } from 'yaml';

let agent;
let server;

function setup() {
  if (agent) return;
  const config = parse(fs.readFileSync(process.env.KUBECONFIG || '/etc/kubernetes/admin.conf', 'utf8'));
  const cluster = config.clusters[0].cluster;
  const user = config.users[0].user;
  const b64 = (s) => Buffer.from(s, 'base64');
  server = new URL(cluster.server);
  agent = new https.Agent({
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
    keepAlive: true,
  });
}

/** Calls the API server; resolves to the parsed JSON body (undefined for 404); rejects on other errors. */
export function api(method, path, body, contentType = 'application/json') {
  setup();
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: server.hostname, port: server.port, path, method, agent, headers: { 'content-type': contentType } },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => {
          if (res.statusCode === 404) resolve(undefined);
          else if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

/** GET with retries while the API server answers 429/5xx (e.g. "storage is (re)initializing" for a new CRD). */
export async function get(path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api('GET', path);
    } catch (e) {
      if (attempt >= 10 || !/: (429|5\d\d) /.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}
