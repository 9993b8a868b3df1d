/**
 * The explicit list of runbooks. Works the same in Node (CLI, tests) and Vite (the site): no globbing.
 * Adding a runbook = one file in this folder + one line here.
 */
import { createCatalog } from '../src/runbook/catalog.js';
import bandwidthManagerDisable from './bandwidth-manager-disable.js';
import bandwidthManagerEnable from './bandwidth-manager-enable.js';
import bandwidthPodExample from './bandwidth-pod-example.js';
import ciliumCliInstall from './cilium-cli-install.js';
import ciliumInspect from './cilium-inspect.js';
import connectivityTest from './connectivity-test.js';
import diagnosePodConnectivity from './diagnose-pod-connectivity.js';
import diagnosePolicy from './diagnose-policy.js';
import hubbleCliInstall from './hubble-cli-install.js';
import hubbleDisable from './hubble-disable.js';
import hubbleEnable from './hubble-enable.js';
import kprEnable from './kpr-enable.js';
import kprRollback from './kpr-rollback.js';
import l7HttpPolicy from './l7-http-policy.js';
import l7HttpPolicyCleanup from './l7-http-policy-cleanup.js';
import netpolPetclinic from './netpol-petclinic.js';
import netpolPetclinicRemove from './netpol-petclinic-remove.js';
import prometheusDisable from './prometheus-disable.js';
import prometheusEnable from './prometheus-enable.js';
import status from './status.js';
import wireguardDisable from './wireguard-disable.js';
import wireguardEnable from './wireguard-enable.js';

export const catalog = createCatalog([
  kprEnable,
  kprRollback,
  // Status, Hubble, WireGuard, BandwidthManager and monitoring (seed 현재 상태, §1.2, §1.3, §4, §6): each enable is
  // followed by its undo, so one simulated cluster can run the whole catalog in order (test/invariant.test.ts).
  status,
  hubbleEnable,
  hubbleDisable,
  hubbleCliInstall,
  wireguardEnable,
  wireguardDisable,
  bandwidthManagerEnable,
  bandwidthPodExample,
  bandwidthManagerDisable,
  prometheusEnable,
  prometheusDisable,
  // Network policy, cilium CLI, L7 policy and troubleshooting (seed §2, §3, §5 L7, §7). The diagnoses run while the
  // petclinic policies are in place; every demo is removed again by the runbook after it.
  ciliumCliInstall,
  ciliumInspect,
  connectivityTest,
  netpolPetclinic,
  diagnosePodConnectivity,
  diagnosePolicy,
  netpolPetclinicRemove,
  l7HttpPolicy,
  l7HttpPolicyCleanup,
]);
