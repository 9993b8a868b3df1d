/**
 * What the simulated network serves to the fake `curl` (test/fixtures/sim/lib/curl.mjs): files under
 * `<dir>/<host>/<path>`, one per URL. Nothing here touches the real network.
 *
 * cilium-cli: `raw.githubusercontent.com/cilium/cilium-cli/main/stable.txt` and the release assets
 * `github.com/cilium/cilium-cli/releases/download/<v>/cilium-linux-<arch>.tar.gz{,.sha256sum}` for amd64 and arm64.
 * The tarball holds one file, `cilium`: a script that runs the simulated cilium-cli, so an installed copy answers
 * like the fake on PATH. Add other tools (e.g. the hubble CLI) with {@link serveFile} / {@link serveTarball}.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The cilium-cli release the simulated `stable.txt` names (the fake `cilium` reports the same version). */
export const SIM_CILIUM_CLI_VERSION = 'v0.18.9';

export function serveFile(dir: string, url: string, content: string | Buffer): string {
  const u = new URL(url);
  const file = path.join(dir, u.hostname, decodeURIComponent(u.pathname));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Serves `<url>` as a .tar.gz holding `files` (name → content, mode 0755) and `<url>.sha256sum` in the format
 * `sha256sum` writes (`<hex>  <file name>`), as the cilium and hubble releases publish them.
 */
export function serveTarball(dir: string, url: string, files: Record<string, string>): void {
  const staging = fs.mkdtempSync(path.join(dir, '.staging-'));
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(staging, name), content, { mode: 0o755 });
  const tarball = path.join(staging, 'out.tar.gz');
  const r = spawnSync('tar', ['-czf', tarball, '-C', staging, ...Object.keys(files)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  const bytes = fs.readFileSync(tarball);
  fs.rmSync(staging, { recursive: true, force: true });
  const name = path.basename(new URL(url).pathname);
  serveFile(dir, url, bytes);
  serveFile(dir, `${url}.sha256sum`, `${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`);
}

/** Writes the downloads the runbooks fetch; `simBin` is test/fixtures/sim/bin (the fake tools). */
export function writeSimDownloads(dir: string, simBin: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const v = SIM_CILIUM_CLI_VERSION;
  serveFile(dir, 'https://raw.githubusercontent.com/cilium/cilium-cli/main/stable.txt', `${v}\n`);
  const script = `#!/bin/sh\n# Simulated cilium-cli ${v} (test fixture): runs the simulated cluster's fake cilium.\nexec '${path.join(simBin, 'cilium')}' "$@"\n`;
  for (const arch of ['amd64', 'arm64']) {
    serveTarball(dir, `https://github.com/cilium/cilium-cli/releases/download/${v}/cilium-linux-${arch}.tar.gz`, {
      cilium: script,
    });
  }
}
