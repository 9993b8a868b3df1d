#!/usr/bin/env bash
# Builds the real tools of the real-tools tier through the Go module proxy, at the versions pinned in
# real/versions.json, into a cache OUTSIDE the repository:
#   ${RUNBOOK_REAL_CACHE:-$HOME/.cache/cilium-runbook-real}/<first 12 hex of sha256(versions.json)>/
#     bin/      kube-apiserver kube-controller-manager kube-scheduler kubeadm kubectl etcd helm helm4 kwok cilium
#               actionlint
#     chart/    the Cilium chart copied out of the github.com/cilium/cilium module, packaged as a Helm repository
#     versions.json, built.tsv (tool, version, seconds)
# Each tool is built once: a stamp file per tool makes a second run a quick no-op.
#
# Usage: real/build-tools.sh [--print-dir] [tool ...]    (tools: kubernetes etcd helm helm4 kwok cilium-cli chart
#        actionlint; default: all)
# Exit code: 0 when every requested tool is there, 1 when one failed to build (the others are still built and kept).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
versions="$here/versions.json"
cache_root="${RUNBOOK_REAL_CACHE:-$HOME/.cache/cilium-runbook-real}"
key="$(sha256sum "$versions" | cut -c1-12)"
dir="$cache_root/$key"

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$dir"
  exit 0
fi

v() { node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[process.argv[2]]))' "$versions" "$1"; }

K8S="$(v kubernetes)"
K8S_STAGING="$(v kubernetesStaging)"
ETCD="$(v etcd)"
HELM="$(v helm)"
HELM4="$(v helm4)"
KWOK="$(v kwok)"
CILIUM="$(v cilium)"
CILIUM_CLI="$(v ciliumCli)"
ACTIONLINT="$(v actionlint)"

mkdir -p "$dir/bin" "$dir/src" "$dir/stamps" "$dir/logs"
cp "$versions" "$dir/versions.json"
touch "$dir/built.tsv"

export GOFLAGS="${GOFLAGS:--buildvcs=false} -mod=mod"
export CGO_ENABLED=0
export GOTOOLCHAIN=local

failed=()

# run_step NAME VERSION FUNCTION: runs FUNCTION once per NAME@VERSION, logs to logs/NAME.log, records seconds.
run_step() {
  local name="$1" version="$2" fn="$3"
  local stamp="$dir/stamps/$name"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$version" ]]; then
    echo "real:tools: $name $version already built (cache $dir)"
    return 0
  fi
  echo "real:tools: building $name $version (log: $dir/logs/$name.log)"
  local start end
  start=$(date +%s)
  # Not `if ( … )` nor `… || rc=$?`: bash ignores set -e inside a condition or an && / || list, even in a subshell.
  # (This script runs without -e, so a failed step only sets rc.)
  ( set -e; "$fn" ) >"$dir/logs/$name.log" 2>&1
  local rc=$?
  if [[ $rc -eq 0 ]]; then
    end=$(date +%s)
    echo "$version" >"$stamp"
    printf '%s\t%s\t%s\n' "$name" "$version" "$((end - start))" >>"$dir/built.tsv"
    echo "real:tools: built $name $version in $((end - start))s"
  else
    end=$(date +%s)
    echo "real:tools: FAILED $name $version after $((end - start))s; last lines of $dir/logs/$name.log:" >&2
    tail -n 15 "$dir/logs/$name.log" >&2
    failed+=("$name")
  fi
}

# --- Kubernetes: a wrapper module requires k8s.io/kubernetes and replaces each staging module (k8s.io/api, ...)
# with its published v0.x version, since k8s.io/kubernetes's own go.mod points them at ./staging (not go-installable).
build_kubernetes() {
  local src="$dir/src/kubernetes"
  mkdir -p "$src"
  cd "$src"
  go mod download -json "k8s.io/kubernetes@$K8S" >/dev/null
  local kmod
  kmod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S.mod"
  {
    echo "module example.invalid/runbook-real-kubernetes"
    echo
    echo "go 1.24.0"
    echo
    echo "require k8s.io/kubernetes $K8S"
    echo
    echo "replace ("
    grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' "$kmod" | awk -v ver="$K8S_STAGING" '{print "\t" $1 " => " $1 " " ver}'
    echo ")"
  } >go.mod
  cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubeadm"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  go mod tidy -e
  local minor="${K8S#v1.}"
  minor="${minor%%.*}"
  local date
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  local ld=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$K8S -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    ld+=" -X $pkg.buildDate=$date -X $pkg.gitCommit=0000000000000000000000000000000000000000"
  done
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubeadm kubectl; do
    go build -trimpath -ldflags "-s -w$ld" -o "$dir/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd"
  done
  "$dir/bin/kubectl" version --client
}

# --- etcd: go.etcd.io/etcd/server/v3 is the etcd binary's main package; a wrapper module ignores its replaces.
build_etcd() {
  local src="$dir/src/etcd"
  mkdir -p "$src"
  cd "$src"
  printf 'module example.invalid/runbook-real-etcd\n\ngo 1.24.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD" >go.mod
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' >tools.go
  go mod tidy -e
  go build -trimpath -ldflags "-s -w" -o "$dir/bin/etcd" go.etcd.io/etcd/server/v3
  "$dir/bin/etcd" --version
}

# Helm's Makefile stamps the Kubernetes version its client-go speaks into chartutil (the default .Capabilities of
# `helm template`: without it the chart's kubeVersion check sees v1.20.0 and refuses); go install does not, so it is
# given here from the client-go version in helm's own go.mod.
helm_ldflags() { # major-version version
  local mod
  mod="$(go mod download -json "helm.sh/helm/v$1@$2" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).GoMod))')"
  local minor
  minor="$(awk '$1=="k8s.io/client-go"{print $2}' "$mod" | sed -E 's/^v0\.([0-9]+)\..*/\1/')"
  local chartutil="helm.sh/helm/v$1/pkg/chartutil"
  [[ $1 == 4 ]] && chartutil="helm.sh/helm/v4/pkg/chart/common"
  echo "-s -w -X helm.sh/helm/v$1/internal/version.version=$2 -X helm.sh/helm/v$1/internal/version.gitTreeState=clean" \
    "-X $chartutil.k8sVersionMajor=1 -X $chartutil.k8sVersionMinor=$minor" \
    "-X helm.sh/helm/v$1/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v$1/pkg/lint/rules.k8sVersionMinor=$minor"
}

build_helm() {
  GOBIN="$dir/src/helm3-bin" go install -trimpath -ldflags "$(helm_ldflags 3 "$HELM")" "helm.sh/helm/v3/cmd/helm@$HELM"
  cp "$dir/src/helm3-bin/helm" "$dir/bin/helm"
  "$dir/bin/helm" version
}

build_helm4() {
  GOBIN="$dir/src/helm4-bin" go install -trimpath -ldflags "$(helm_ldflags 4 "$HELM4")" "helm.sh/helm/v4/cmd/helm@$HELM4"
  cp "$dir/src/helm4-bin/helm" "$dir/bin/helm4"
  "$dir/bin/helm4" version
}

build_kwok() {
  GOBIN="$dir/bin" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK"
  "$dir/bin/kwok" --version || true
}

build_actionlint() {
  GOBIN="$dir/bin" go install -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=$ACTIONLINT" \
    "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT"
  "$dir/bin/actionlint" -version
}

cilium_module_dir() {
  go mod download -json "github.com/cilium/cilium@$CILIUM" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}process.stdout.write(j.Dir)})'
}

# --- The Cilium chart, copied out of the cilium module (install/kubernetes/cilium), packaged with the real helm and
# indexed as a Helm repository (served over HTTPS as helm.cilium.io inside the test's namespaces).
build_chart() {
  local mod
  mod="$(cilium_module_dir)"
  rm -rf "$dir/chart"
  mkdir -p "$dir/chart/src" "$dir/chart/repo"
  cp -r "$mod/install/kubernetes/cilium" "$dir/chart/src/cilium"
  chmod -R u+w "$dir/chart/src"
  "$dir/bin/helm" package "$dir/chart/src/cilium" --destination "$dir/chart/repo"
  "$dir/bin/helm" repo index "$dir/chart/repo" --url https://helm.cilium.io/
  ls -l "$dir/chart/repo"
}

# --- cilium-cli: github.com/cilium/cilium-cli is refused by the Go module proxy here (403 "This module version is
# not available" for v0.19.7, v0.19.6, v0.18.9), so it is built from its module when the proxy serves it, and
# otherwise reported as missing.
build_cilium_cli() {
  local info
  info="$(go mod download -json "github.com/cilium/cilium-cli@$CILIUM_CLI")" || { echo "$info"; return 1; }
  local mdir
  mdir="$(node -e 'const j=JSON.parse(process.argv[1]);if(j.Error){console.error(j.Error);process.exit(1)}process.stdout.write(j.Dir)' "$info")"
  rm -rf "$dir/src/cilium-cli"
  cp -r "$mdir" "$dir/src/cilium-cli"
  chmod -R u+w "$dir/src/cilium-cli"
  cd "$dir/src/cilium-cli"
  go build -trimpath -ldflags "-s -w -X github.com/cilium/cilium/cilium-cli/defaults.CLIVersion=$CILIUM_CLI" -o "$dir/bin/cilium" ./cmd/cilium
  "$dir/bin/cilium" version --client
}

all=(kubernetes etcd helm helm4 kwok chart cilium-cli actionlint)
want=("$@")
[[ ${#want[@]} -eq 0 ]] && want=("${all[@]}")

total_start=$(date +%s)
for t in "${want[@]}"; do
  case "$t" in
    kubernetes) run_step kubernetes "$K8S" build_kubernetes ;;
    etcd) run_step etcd "$ETCD" build_etcd ;;
    helm) run_step helm "$HELM" build_helm ;;
    helm4) run_step helm4 "$HELM4" build_helm4 ;;
    kwok) run_step kwok "$KWOK" build_kwok ;;
    chart) [[ -x "$dir/bin/helm" ]] || run_step helm "$HELM" build_helm; run_step chart "$CILIUM" build_chart ;;
    cilium-cli) run_step cilium-cli "$CILIUM_CLI" build_cilium_cli ;;
    actionlint) run_step actionlint "$ACTIONLINT" build_actionlint ;;
    *) echo "real:tools: unknown tool '$t' (known: ${all[*]})" >&2; exit 2 ;;
  esac
done
total_end=$(date +%s)

echo "real:tools: cache $dir ($((total_end - total_start))s this run)"
echo "real:tools: built so far (tool, version, seconds to build):"
sed 's/^/  /' "$dir/built.tsv"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "real:tools: not built: ${failed[*]} (see $dir/logs/)" >&2
  exit 1
fi
