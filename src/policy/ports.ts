/**
 * Port matching shared by both policy kinds: numeric ports, ranges (endPort) and named ports. A named port is
 * resolved against the container ports of the destination pod of the connection (for ingress that is the pod the
 * policy protects; for egress, the peer). A connection to an address outside the cluster never matches a named port.
 */
import type { Pod, Protocol } from './model.js';

/** Kubernetes IANA_SVC_NAME: 1-15 chars, lowercase alphanumerics and '-', at least one letter, no '--', no edge '-'. */
export function isPortName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) &&
    /[a-z]/.test(name) &&
    !name.includes('--')
  );
}

/** The destination of the connection, for named-port lookups. `undefined` when it is outside the cluster. */
export interface PortTarget {
  readonly port: number;
  readonly protocol: Protocol;
  readonly destination: Pod | undefined;
}

/** True when the destination pod has a container port with this name, protocol and number. */
export function namedPortMatches(name: string, protocols: readonly Protocol[], target: PortTarget): boolean {
  if (!protocols.includes(target.protocol)) return false;
  return (target.destination?.ports ?? []).some(
    (p) => p.name === name && (p.protocol ?? 'TCP') === target.protocol && p.port === target.port,
  );
}

export function numericPortMatches(port: number, endPort: number | undefined, target: PortTarget): boolean {
  return endPort === undefined ? target.port === port : target.port >= port && target.port <= endPort;
}
