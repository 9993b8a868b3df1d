// BusyBox `nc` and `wget` inside a one-shot pod (stand-ins: without a datapath a ClusterIP leads nowhere). Messages
// and exit codes are BusyBox 1.36's (networking/nc.c, networking/wget.c); the verdict comes from podnet.mjs (real
// objects + src/policy). The pod is named by POD_NAMESPACE/POD_NAME (set by oneshot.mjs). Every other command of
// the pod, `sh`, `nslookup` (against the DNS stand-in) and the rest, is Debian's real BusyBox.
import { connect, snapshot } from './podnet.mjs';

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
</body>
</html>
`;

const [tool, ...args] = process.argv.slice(2);
const from = { namespace: process.env.POD_NAMESPACE, name: process.env.POD_NAME };
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));

async function nc() {
  // nc -z -w SECS HOST PORT
  let wait = 0;
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-z') continue;
    if (args[i] === '-w') wait = Number(args[++i]);
    else rest.push(args[i]);
  }
  const [host, port] = rest;
  const r = connect(await snapshot(), from, host, Number(port));
  process.stderr.write(`[real-tier stand-in nc: ${r.ok ? 'allowed' : r.reason}${r.detail ? `: ${r.detail}` : ''}]\n`);
  if (r.ok) return 0;
  if (r.reason === 'timeout') {
    await sleep(Math.min(wait || 3, 3));
    process.stderr.write('nc: timed out\n');
  } else if (r.reason === 'unresolved') process.stderr.write(`nc: bad address '${host}'\n`);
  else process.stderr.write(`nc: can't connect to remote host (${host}): Connection refused\n`);
  return 1;
}

async function wget() {
  let timeout = 10;
  const urls = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-T') timeout = Number(args[++i]);
    else if (a === '-O' || a === '-qO') i++;
    else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  const url = new URL(urls[0]);
  const port = Number(url.port || 80);
  const r = connect(await snapshot(), from, url.hostname, port, { method: 'GET', path: url.pathname + url.search });
  process.stderr.write(`[real-tier stand-in wget: ${r.ok ? 'allowed' : r.reason}${r.detail ? `: ${r.detail}` : ''}]\n`);
  if (r.ok) {
    const pod = r.backend;
    const args = (await snapshot()).pods.find(
      (p) => p.metadata.name === pod.name && p.metadata.namespace === pod.namespace,
    )?.spec.containers[0];
    const image = args?.image ?? '';
    if (image.includes('http-echo')) {
      const text = (args.args ?? []).find((a) => a.startsWith('-text='))?.slice(6) ?? '';
      process.stdout.write(`${text}\n`);
    } else process.stdout.write(NGINX_WELCOME);
    return 0;
  }
  if (r.reason === 'http403') {
    process.stderr.write('wget: server returned error: HTTP/1.1 403 Forbidden\n');
    return 1;
  }
  if (r.reason === 'unresolved') {
    process.stderr.write(`wget: bad address '${url.hostname}'\n`);
    return 1;
  }
  if (r.reason === 'refused') {
    process.stderr.write(`wget: can't connect to remote host: Connection refused\n`);
    return 1;
  }
  await sleep(Math.min(timeout, 3));
  process.stderr.write('wget: download timed out\n');
  return 1;
}

/** curl (curlimages/curl in the l7 demo): -s, -o FILE, --max-time N, -w FORMAT (%{http_code}), -X METHOD, URL. */
async function curl() {
  let method = 'GET';
  let maxTime = 0;
  let format = '';
  let outFile;
  const urls = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-X' || a === '--request') method = args[++i];
    else if (a === '--max-time' || a === '-m') maxTime = Number(args[++i]);
    else if (a === '-w' || a === '--write-out') format = args[++i];
    else if (a === '-o' || a === '--output') outFile = args[++i];
    else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  const url = new URL(urls[0]);
  const r = connect(await snapshot(), from, url.hostname, Number(url.port || 80), {
    method,
    path: url.pathname + url.search,
  });
  process.stderr.write(`[real-tier stand-in curl: ${r.ok ? 'allowed' : r.reason}${r.detail ? `: ${r.detail}` : ''}]\n`);
  let code = '000';
  let body = '';
  let exit = 0;
  if (r.ok) {
    const pod = (await snapshot()).pods.find(
      (p) => p.metadata.name === r.backend.name && p.metadata.namespace === r.backend.namespace,
    );
    const c = pod?.spec.containers[0];
    code = '200';
    body = c?.image.includes('http-echo')
      ? `${(c.args ?? []).find((a) => a.startsWith('-text='))?.slice(6) ?? ''}\n`
      : NGINX_WELCOME;
  } else if (r.reason === 'http403') {
    code = '403';
    body = 'Access denied\r\n'; // Cilium's Envoy answer to a request no HTTP rule allows
  } else if (r.reason === 'unresolved') exit = 6;
  else if (r.reason === 'refused') exit = 7;
  else {
    await sleep(Math.min(maxTime || 5, 3));
    exit = 28;
  }
  if (outFile !== '/dev/null') process.stdout.write(body);
  process.stdout.write(format.replaceAll('%{http_code}', code).replaceAll('\\n', '\n'));
  return exit;
}

const run = { nc, wget, curl }[tool];
run()
  .then((code) => process.exit(code))
  .catch((e) => {
    process.stderr.write(`${tool} stand-in: ${e.message}\n`);
    process.exit(1);
  });
