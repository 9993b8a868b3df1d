// A static HTTPS file server for the chart repository (index.yaml and cilium-<version>.tgz) on 127.0.0.1:443.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';

const [dir, cert, key] = process.argv.slice(2);
https
  .createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
    const name = path.basename(decodeURIComponent(new URL(req.url, 'https://helm.cilium.io').pathname));
    const file = path.join(dir, name);
    console.log(`${new Date().toISOString()} ${req.method} ${req.url}`);
    if (!name || !fs.existsSync(file)) {
      res.writeHead(404).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.yaml') ? 'text/yaml' : 'application/gzip' });
    fs.createReadStream(file).pipe(res);
  })
  .listen(443, '127.0.0.1');
