#!/usr/bin/env bash
# Installs the stand-ins into the state dir S: bundles (esbuild, ESM) of agent/pod-tools/oneshot/dns, the agent's
# in-pod commands (agent-bin: cilium-dbg, hubble), and a one-shot pod's PATH (pod-bin: every applet of Debian's
# BusyBox, with nc and wget replaced by pod-tools.mjs).
set -euo pipefail
S="$1"
repo="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$S/stand-ins" "$S/agent-bin" "$S/pod-bin"
node --input-type=module -e "
import { build } from 'esbuild';
await build({
  entryPoints: ['agent', 'pod-tools', 'oneshot', 'dns'].map((n) => '$here/' + n + '.mjs'),
  bundle: true, format: 'esm', platform: 'node', target: 'node20', outdir: '$S/stand-ins', outExtension: { '.js': '.mjs' },
  logLevel: 'error',
  banner: { js: \"import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);\" },
});
" 2>&1
cd "$repo"
node_bin="$(command -v node)"
for t in cilium-dbg hubble; do
  printf '#!/bin/sh\nexec %s %s %s "$@"\n' "$node_bin" "$S/stand-ins/agent.mjs" "$t" >"$S/agent-bin/$t"
  chmod +x "$S/agent-bin/$t"
done
# KWOK resolves an exec'd command with its own PATH (agent-bin first): inside an application pod (POD_NAME set by
# its Exec object) these go to the pod's tools, elsewhere to the machine's.
for t in curl wget nc; do
  printf '#!/bin/sh\nif [ -n "${POD_NAME:-}" ]; then exec %s %s %s "$@"; fi\nPATH=$(echo "$PATH" | sed "s#%s:##")\nexec %s "$@"\n' \
    "$node_bin" "$S/stand-ins/pod-tools.mjs" "$t" "$S/agent-bin" "$t" >"$S/agent-bin/$t"
  chmod +x "$S/agent-bin/$t"
done
for a in $(busybox --list); do ln -sf "$(command -v busybox)" "$S/pod-bin/$a"; done
for t in nc wget curl; do
  rm -f "$S/pod-bin/$t"
  printf '#!/bin/sh\nexec %s %s %s "$@"\n' "$node_bin" "$S/stand-ins/pod-tools.mjs" "$t" >"$S/pod-bin/$t"
  chmod +x "$S/pod-bin/$t"
done
: >"$S/empty.log"
now="$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z)"
printf '%s stderr F time=%s level=info msg="real-tier stand-in: no cilium-agent runs here (no node); this log line stands in for the agent log" subsys=daemon\n' "$now" "$now" >"$S/agent.log"
