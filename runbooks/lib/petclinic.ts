/** The guide's example application (seed §2): namespace, labels and the policies `netpol-petclinic` applies. */

/** The seven policies `netpol-petclinic` applies, allow-first; `netpol-petclinic-remove` deletes the deny first. */
export const PETCLINIC_POLICIES = [
  'allow-dns-egress',
  'allow-web-egress-to-was',
  'allow-was-egress-to-db',
  'allow-ingress-to-web',
  'allow-web-to-was',
  'allow-was-to-db',
  'default-deny-all',
] as const;
