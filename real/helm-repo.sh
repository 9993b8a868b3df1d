#!/usr/bin/env bash
# Serves the chart repository made by real/build-tools.sh (helm package + helm repo index) as
# https://helm.cilium.io/ inside the private namespaces: own CA, a server certificate for helm.cilium.io, /etc/hosts
# pointing the name at 127.0.0.1 (real/inside.sh), SSL_CERT_FILE naming the CA for helm (real/cluster.sh env.sh).
set -euo pipefail
S="$1"
repo_dir="$2"
d="$S/helm-repo"
mkdir -p "$d"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=runbook real-tier CA" \
  -keyout "$d/ca.key" -out "$d/ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=helm.cilium.io" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:helm.cilium.io\nextendedKeyUsage=serverAuth\n' >"$d/ext.cnf"
openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
  -extfile "$d/ext.cnf" -out "$d/server.crt" 2>/dev/null
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node "$here/helm-repo.mjs" "$repo_dir" "$d/server.crt" "$d/server.key" >"$S/logs/helm-repo.log" 2>&1 &
echo $! >"$S/pids/helm-repo"
for _ in $(seq 1 50); do
  curl -sf --cacert "$d/ca.crt" https://helm.cilium.io/index.yaml >/dev/null && exit 0
  sleep 0.2
done
echo "helm-repo: https://helm.cilium.io/index.yaml did not answer" >&2
exit 1
