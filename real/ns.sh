#!/usr/bin/env bash
# Runs a command inside a private network + mount namespace (root only) that holds a real control plane:
#   real/ns.sh <command ...>      e.g. real/ns.sh npx vitest run --config vitest.real.config.ts
# Nothing of it is visible outside: loopback only, /etc/hosts and /etc/kubernetes are private mounts, and every
# process started inside ends with the command (real/inside.sh tears the cluster down).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $EUID -ne 0 ]]; then
  echo "real/ns.sh: needs root (unshare --net --mount); run it as root or in CI" >&2
  exit 2
fi
exec unshare --net --mount --fork --propagation private -- bash "$here/inside.sh" "$@"
