#!/usr/bin/env bash
# npm run test:real: builds (or reuses) the real tools, then runs test/real/*.real.ts inside real/ns.sh's private
# network + mount namespace with a real control plane. Needs root, Go (the Go module proxy) on a cold cache, and
# Debian's busybox. Extra arguments go to vitest (e.g. a file name).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
command -v busybox >/dev/null || { apt-get update -qq && apt-get install -y -qq busybox >/dev/null; }
# Tools that fail to build are reported by real/build-tools.sh; the core of the tier needs these.
bash real/build-tools.sh kubernetes etcd helm kwok chart
bash real/build-tools.sh helm4 actionlint cilium-cli || echo "test:real: optional tools missing (see above); continuing" >&2
built=$(date +%s)
[ -f build/cli/runbook.mjs ] || [ -f build/cli/main.js ] || npm run build:cli >/dev/null
set +e
bash real/ns.sh npx vitest run --config vitest.real.config.ts "$@"
rc=$?
set -e
echo "test:real: tools $((built - start))s, cluster and tests $(($(date +%s) - built))s, total $(($(date +%s) - start))s"
exit $rc
