/**
 * The hubble CLI release as the simulated network serves it (see sim-downloads.ts for the layout):
 * `raw.githubusercontent.com/cilium/hubble/main/stable.txt` and
 * `github.com/cilium/hubble/releases/download/<v>/hubble-linux-<arch>.tar.gz{,.sha256sum}` for amd64 and arm64.
 * `master/stable.txt` is not served (404): the hubble default branch is `main` since 2023 (corrections row 22; what
 * the old URL returns today is unconfirmed).
 *
 * The tarball holds one file, `hubble`: a script that answers `hubble version` in the real format
 * (`hubble v1.18.5@HEAD-<sha> compiled with <go> on linux/<arch>`, cilium/hubble cmd/version; build values
 * illustrative) and hands every other command to a fake `hubble` in test/fixtures/sim/bin when there is one.
 */
import path from 'node:path';
import { serveFile, serveTarball } from './sim-downloads.js';

/** The hubble CLI release the simulated `stable.txt` names. */
export const SIM_HUBBLE_VERSION = 'v1.18.5';

export function hubbleScript(arch: string, simBin: string): string {
  const fake = path.join(simBin, 'hubble');
  return [
    '#!/bin/sh',
    `# Simulated hubble CLI ${SIM_HUBBLE_VERSION} linux/${arch} (test fixture), from the simulated release tarball.`,
    'if [ "$#" -eq 1 ] && [ "$1" = version ]; then',
    `  echo 'hubble ${SIM_HUBBLE_VERSION}@HEAD-4f0a5d2 compiled with go1.24.11 on linux/${arch}'`,
    '  exit 0',
    'fi',
    `if [ -x '${fake}' ]; then exec '${fake}' "$@"; fi`,
    'echo "sim-hubble: unhandled: $*" >&2',
    'exit 2',
    '',
  ].join('\n');
}

export function writeHubbleDownloads(dir: string, simBin: string): void {
  const v = SIM_HUBBLE_VERSION;
  serveFile(dir, 'https://raw.githubusercontent.com/cilium/hubble/main/stable.txt', `${v}\n`);
  for (const arch of ['amd64', 'arm64']) {
    serveTarball(dir, `https://github.com/cilium/hubble/releases/download/${v}/hubble-linux-${arch}.tar.gz`, {
      hubble: hubbleScript(arch, simBin),
    });
  }
}
