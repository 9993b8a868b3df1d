#!/usr/bin/env bash
# The guide's example app (namespace petclinic: web, was, mysql with labels app=…, Services of the same names),
# applied to the real API server (KWOK runs the pods on its fake nodes; on kind they are real http-echo servers
# listening on the app's ports, so the probes of netpol-petclinic reach something).
set -euo pipefail
kubectl apply -f - >/dev/null <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: petclinic
YAML
for spec in "web 8080" "was 8080" "mysql 3306"; do
  set -- $spec
  kubectl apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $1
  namespace: petclinic
spec:
  replicas: 1
  selector:
    matchLabels:
      app: $1
  template:
    metadata:
      labels:
        app: $1
    spec:
      containers:
      - name: $1
        image: hashicorp/http-echo:1.0
        args: ["-listen=:$2", "-text=$1 ok"]
        ports:
        - containerPort: $2
---
apiVersion: v1
kind: Service
metadata:
  name: $1
  namespace: petclinic
spec:
  selector:
    app: $1
  ports:
  - port: $2
    targetPort: $2
YAML
done
kubectl -n petclinic rollout status deploy/web deploy/was deploy/mysql --timeout=60s >/dev/null
