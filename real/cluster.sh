#!/usr/bin/env bash
# A real Kubernetes control plane without a datapath, made the kubeadm way, for the real-tools tier.
#   real/cluster.sh up     (inside real/ns.sh only: it writes /etc/kubernetes and binds loopback ports)
#   real/cluster.sh down
# What is real: etcd, kube-apiserver, kube-controller-manager, kube-scheduler (run from the static-pod manifests that
# the real `kubeadm init phase etcd local` / `control-plane all` wrote), certificates and kubeconfigs (`kubeadm init
# phase certs all` / `kubeconfig all`), kube-system/kubeadm-config (`upload-config kubeadm`), kube-public/cluster-info
# (`bootstrap-token`), kube-proxy and CoreDNS objects (`addon kube-proxy`, `addon coredns`), Cilium 1.18.4 installed by
# the real helm from the real chart through `helm repo add cilium https://helm.cilium.io/`.
# Stood in for (no node here): the kubelet and container runtime (KWOK fakes 3 nodes and their pods), the cilium
# operator's CRD registration (the CRD YAMLs it embeds are applied from the cilium module), the agent's in-pod
# commands (real/stand-ins/cilium-dbg.mjs through KWOK's ClusterExec), one-shot `kubectl run --restart=Never` pods
# (real/stand-ins/oneshot.mjs runs them with Debian's BusyBox; connection verdicts from src/policy), and cluster DNS
# (real/stand-ins/dns.mjs answers from the real Services; BusyBox's nslookup is real).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
S="${RUNBOOK_REAL_STATE:?set by real/inside.sh}"
tools="$(bash "$here/build-tools.sh" --print-dir)"
BIN="$tools/bin"
K8S="$(node -p 'require(process.argv[1]).kubernetes' "$here/versions.json")"
CILIUM="$(node -p 'require(process.argv[1]).cilium.replace(/^v/, "")' "$here/versions.json")"
CILIUM_MOD="${GOMODCACHE:-$(go env GOMODCACHE 2>/dev/null || echo "$HOME/go/pkg/mod")}/github.com/cilium/cilium@v$CILIUM"
KWOK_VERSION="$(node -p 'require(process.argv[1]).kwok' "$here/versions.json")"
KWOK_MOD="${GOMODCACHE:-$(go env GOMODCACHE 2>/dev/null || echo "$HOME/go/pkg/mod")}/sigs.k8s.io/kwok@$KWOK_VERSION"
NODES=(node-1 node-2 node-3)

log() { printf '[real-cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

start_bg() { # name command...: starts a process in the background, logs to $S/logs/name.log, pid in $S/pids/
  local name="$1"
  shift
  mkdir -p "$S/logs" "$S/pids"
  "$@" >"$S/logs/$name.log" 2>&1 &
  echo $! >"$S/pids/$name"
}

wait_for() { # description seconds command...
  local what="$1" secs="$2"
  shift 2
  local i
  for ((i = 0; i < secs * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "timed out after ${secs}s waiting for $what"
  return 1
}

up() {
  local t0
  t0=$(date +%s)
  for b in kube-apiserver kube-controller-manager kube-scheduler kubeadm kubectl etcd helm kwok; do
    [[ -x "$BIN/$b" ]] || { log "missing $BIN/$b: run npm run real:tools first"; exit 1; }
  done
  [[ -d "$CILIUM_MOD/install/kubernetes/cilium" ]] || { log "missing cilium module $CILIUM_MOD (npm run real:tools)"; exit 1; }
  [[ -f "$tools/chart/repo/index.yaml" ]] || { log "missing chart repo $tools/chart/repo (npm run real:tools)"; exit 1; }
  command -v busybox >/dev/null || { log "busybox missing: apt-get install busybox"; exit 1; }
  mkdir -p "$S/bin" "$S/logs" "$S/pids" "$S/helm" "$S/work"
  export PATH="$S/bin:$BIN:$PATH"
  export KUBECONFIG=/etc/kubernetes/admin.conf
  # RUNBOOK_REAL_HELM=4: Helm 4 (helm4 of real/build-tools.sh) is `helm` for the install and every runbook.
  if [[ "${RUNBOOK_REAL_HELM:-3}" == 4 ]]; then ln -sf "$BIN/helm4" "$S/bin/helm"; fi

  # --- kubeadm: configuration, certificates, kubeconfigs, static-pod manifests (all real kubeadm) ---
  cat >"$S/kubeadm.yaml" <<EOF
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 192.0.2.10
  bindPort: 6443
nodeRegistration:
  name: node-1
  criSocket: unix:///run/containerd/containerd.sock
  taints: []
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
clusterName: real-tier
kubernetesVersion: $K8S
controlPlaneEndpoint: 192.0.2.10:6443
networking:
  dnsDomain: cluster.local
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
EOF
  log "kubeadm init phase certs/kubeconfig/etcd/control-plane"
  kubeadm init phase certs all --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-certs.log" 2>&1
  kubeadm init phase kubeconfig all --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-kubeconfig.log" 2>&1
  kubeadm init phase etcd local --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-etcd.log" 2>&1
  kubeadm init phase control-plane all --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-control-plane.log" 2>&1

  # --- the static pods, run as processes with the exact commands kubeadm wrote (the kubelet's job) ---
  log "starting etcd and the control plane from /etc/kubernetes/manifests"
  node "$here/static-pods.mjs" etcd >"$S/etcd.cmd"
  start_bg etcd bash -c "exec $(cat "$S/etcd.cmd")"
  wait_for etcd 30 curl -sf --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/apiserver-etcd-client.crt \
    --key /etc/kubernetes/pki/apiserver-etcd-client.key https://127.0.0.1:2379/health
  for c in kube-apiserver kube-controller-manager kube-scheduler; do
    node "$here/static-pods.mjs" "$c" >"$S/$c.cmd"
    start_bg "$c" bash -c "exec $(cat "$S/$c.cmd")"
    if [[ $c == kube-apiserver ]]; then wait_for kube-apiserver 90 kubectl get --raw /readyz; fi
  done

  # --- kubeadm's cluster objects (real kubeadm against the real API server) ---
  log "kubeadm init phase upload-config/bootstrap-token/addon"
  kubeadm init phase upload-config kubeadm --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-upload-config.log" 2>&1
  kubeadm init phase bootstrap-token --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-bootstrap-token.log" 2>&1
  kubeadm init phase addon kube-proxy --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-addon-kube-proxy.log" 2>&1
  kubeadm init phase addon coredns --config "$S/kubeadm.yaml" >"$S/logs/kubeadm-addon-coredns.log" 2>&1

  # --- CRDs: KWOK's own, Cilium's (stand-in for the operator's registration of the same embedded YAMLs) ---
  kubectl apply -f "$KWOK_MOD/kustomize/crd/bases/kwok.x-k8s.io_logs.yaml" >/dev/null
  kubectl apply -f "$KWOK_MOD/kustomize/crd/bases/kwok.x-k8s.io_attaches.yaml" >/dev/null
  kubectl apply -f "$KWOK_MOD/kustomize/crd/bases/kwok.x-k8s.io_execs.yaml" >/dev/null
  kubectl apply --server-side -f "$CILIUM_MOD/pkg/k8s/apis/cilium.io/client/crds/v2/" >/dev/null
  kubectl apply --server-side -f "$CILIUM_MOD/pkg/k8s/apis/cilium.io/client/crds/v2alpha1/" >/dev/null
  kubectl wait --for=condition=Established crd --all --timeout=60s >/dev/null

  # --- stand-ins: node-side commands, one-shot pods, cluster DNS ---
  bash "$here/stand-ins/install.sh" "$S" "$repo"

  # --- three KWOK nodes ---
  log "kwok: 3 fake nodes"
  node "$here/stand-ins/kwok-config.mjs" "$S" >"$S/kwok.yaml"
  for n in "${NODES[@]}"; do
    kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $n
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: $n
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    type: kwok
    $( [[ $n == node-1 ]] && echo 'node-role.kubernetes.io/control-plane: ""' )
EOF
  done
  start_bg kwok env PATH="$S/agent-bin:$PATH" kwok --kubeconfig /etc/kubernetes/admin.conf --config "$S/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-ip 192.0.2.10 --node-port 10250 --server-address 192.0.2.10:10250 \
    --tls-cert-file /etc/kubernetes/pki/apiserver.crt --tls-private-key-file /etc/kubernetes/pki/apiserver.key \
    --enable-crds=Logs,Attach,Exec --node-lease-duration-seconds 40
  wait_for "3 Ready nodes" 60 bash -c '[ "$(kubectl get nodes --no-headers 2>/dev/null | grep -c " Ready ")" = 3 ]'

  start_bg dns node "$S/stand-ins/dns.mjs"
  start_bg oneshot node "$S/stand-ins/oneshot.mjs"

  # --- the Helm repository https://helm.cilium.io/ (own CA), then the guide's starting point: Cilium by helm ---
  log "helm repo https://helm.cilium.io/ (local, own CA) and helm install cilium $CILIUM"
  bash "$here/helm-repo.sh" "$S" "$tools/chart/repo"
  cat >"$S/env.sh" <<EOF
export PATH="$S/bin:$BIN:\$PATH"
export KUBECONFIG="$S/kubeconfig"
export SSL_CERT_FILE="$S/helm-repo/ca.crt"
export HELM_CONFIG_HOME="$S/helm/config" HELM_CACHE_HOME="$S/helm/cache" HELM_DATA_HOME="$S/helm/data"
export RUNBOOK_REAL_STATE="$S" RUNBOOK_REAL_TOOLS="$tools"
export RUNBOOK_STATE_DIR="$S/runbook-state"
export SHLVL=1
EOF
  cp /etc/kubernetes/admin.conf "$S/kubeconfig"
  # shellcheck disable=SC1091
  source "$S/env.sh"
  helm repo add cilium https://helm.cilium.io/ >"$S/logs/helm-install.log" 2>&1
  helm install cilium cilium/cilium --version "$CILIUM" --namespace kube-system \
    --set kubeProxyReplacement=false --set routingMode=tunnel --set tunnelProtocol=vxlan \
    --set ipam.mode=kubernetes >>"$S/logs/helm-install.log" 2>&1
  wait_for "cilium DaemonSet" 120 kubectl -n kube-system rollout status ds/cilium --timeout=2s
  wait_for "the guide's petclinic app" 60 bash "$here/stand-ins/petclinic.sh"
  log "cluster up in $(($(date +%s) - t0))s (state $S)"
}

down() {
  [[ -d "$S/pids" ]] || return 0
  local f
  for f in kwok oneshot dns helm-repo kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [[ -f "$S/pids/$f" ]] && kill "$(cat "$S/pids/$f")" 2>/dev/null || true
  done
  sleep 0.5
  for f in "$S"/pids/*; do
    [[ -f "$f" ]] && kill -9 "$(cat "$f")" 2>/dev/null || true
  done
  return 0
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: real/cluster.sh up|down (inside real/ns.sh)" >&2; exit 2 ;;
esac
