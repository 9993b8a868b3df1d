#!/usr/bin/env bash
# Inside the private namespaces made by real/ns.sh: loopback up, private /etc/hosts, /etc/resolv.conf,
# /etc/kubernetes and /var/lib/etcd, then the cluster (real/cluster.sh up), then the command, then teardown.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export RUNBOOK_REAL_STATE="${RUNBOOK_REAL_STATE:-$(mktemp -d /tmp/runbook-real.XXXXXX)}"
mkdir -p "$RUNBOOK_REAL_STATE"
ip link set lo up
# kubeadm refuses a loopback advertise address and wants a default route: the "node" address is 192.0.2.10 (TEST-NET-1,
# never routed) on one end of a veth pair whose other end is also here; nothing leaves this namespace.
ip link add real0 type veth peer name real1
ip addr add 192.0.2.10/24 dev real0
ip link set real1 up
ip link set real0 up
ip route add default dev real0
# The kubeadm paths, private to this mount namespace (kubeadm writes its files where a real node has them).
for d in /etc/kubernetes /var/lib/etcd /var/lib/kubelet; do
  mkdir -p "$d"
  mount -t tmpfs tmpfs "$d"
done
# The runbooks' Helm repository URL (https://helm.cilium.io/) reaches the local chart server here.
printf '127.0.0.1\tlocalhost\n127.0.0.1\thelm.cilium.io\n::1\tlocalhost\n' >"$RUNBOOK_REAL_STATE/hosts"
mount --bind "$RUNBOOK_REAL_STATE/hosts" /etc/hosts
printf 'nameserver 127.0.0.53\noptions timeout:1 attempts:1\n' >"$RUNBOOK_REAL_STATE/resolv.conf"
mount --bind "$RUNBOOK_REAL_STATE/resolv.conf" /etc/resolv.conf

cleanup() {
  local rc=$?
  bash "$here/cluster.sh" down || true
  exit "$rc"
}
trap cleanup EXIT
bash "$here/cluster.sh" up
# shellcheck disable=SC1091
source "$RUNBOOK_REAL_STATE/env.sh"
"$@"
