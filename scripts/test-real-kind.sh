#!/usr/bin/env bash
# The real-tools tier on a machine WITH a container engine (the hosted runner of .github/workflows/real-cluster.yml):
# the same tools (real/build-tools.sh), the same Cilium chart and the same tests (vitest.real.config.ts), but a kind
# cluster with real nodes and Cilium 1.18.4's real eBPF datapath instead of real/ns.sh's KWOK nodes and stand-ins.
# Needs docker, kind (on PATH), Go and network access to helm.cilium.io. Cannot run on the project's own machines
# (no Docker engine there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash real/build-tools.sh kubernetes helm chart
bash real/build-tools.sh cilium-cli || echo "test:real (kind): cilium-cli not built; cilium-inspect and connectivity-test will stop" >&2
tools="$(bash real/build-tools.sh --print-dir)"
export PATH="$tools/bin:$PATH"
cilium_version="$(node -p 'require("./real/versions.json").cilium.replace(/^v/, "")')"
cat >"${RUNNER_TEMP:-/tmp}/kind.yaml" <<YAML
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  disableDefaultCNI: true
nodes:
- role: control-plane
- role: worker
- role: worker
YAML
kind create cluster --name real-tier --config "${RUNNER_TEMP:-/tmp}/kind.yaml" --wait 0s
helm repo add cilium https://helm.cilium.io/
helm install cilium cilium/cilium --version "$cilium_version" --namespace kube-system \
  --set kubeProxyReplacement=false --set routingMode=tunnel --set tunnelProtocol=vxlan --set ipam.mode=kubernetes \
  --set image.pullPolicy=IfNotPresent
kubectl -n kube-system rollout status ds/cilium --timeout=10m
kubectl wait --for=condition=Ready nodes --all --timeout=5m
bash real/stand-ins/petclinic.sh
export RUNBOOK_REAL_STATE="${RUNNER_TEMP:-/tmp}/runbook-real" RUNBOOK_REAL_TOOLS="$tools"
export RUNBOOK_REAL_CONTEXT=kind-real-tier RUNBOOK_REAL_DATAPATH=kind SHLVL=1
mkdir -p "$RUNBOOK_REAL_STATE"
npm run build:cli >/dev/null
npx vitest run --config vitest.real.config.ts "$@"
