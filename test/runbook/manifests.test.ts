/**
 * Every Kubernetes manifest a runbook applies (each heredoc in every rendered command) must be accepted by the API
 * server of a Cilium 1.18.4 cluster:
 * - CiliumNetworkPolicy against the openAPIV3Schema of the 1.18 CRD (test/fixtures/upstream/cilium-1.18), with Ajv.
 *   Kubernetes-only keywords (`x-kubernetes-*`) are dropped, RE2 patterns are written the JavaScript way, and objects
 *   with `properties` get
 *   `additionalProperties: false`, because kubectl's default strict field validation rejects unknown fields
 *   (structural schemas prune them) instead of silently ignoring them.
 * - Kubernetes built-in kinds with kubernetes-models (devDependency, the Kubernetes OpenAPI schemas compiled to
 *   validators: types, enums, required fields). It does not reject unknown fields, so NetworkPolicies are also run
 *   through the policy evaluator's strict validator (src/policy), which does.
 * A kind without a validator fails the test, so a new kind cannot slip through unchecked.
 */
import fs from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { catalog } from '../../runbooks/index.js';
import { validatePolicy } from '../../src/policy/index.js';
import { renderCommand } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';

type Json = { [key: string]: unknown };

// ---- heredocs -------------------------------------------------------------------------------------------------

interface Manifest {
  readonly where: string;
  readonly doc: Json;
}

/** The bodies of the heredocs in a shell text (`<<EOF`, `<<'EOF'`, `<<"EOF"`, `<<-EOF`). */
function heredocs(text: string): string[] {
  const lines = text.split('\n');
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, dash, , word] = m;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if ((dash ? line.replace(/^\t+/, '') : line) === word) break;
      body.push(line);
    }
    if (j === lines.length) throw new Error(`heredoc <<${word} is never closed:\n${text}`);
    bodies.push(body.join('\n'));
    i = j;
  }
  return bodies;
}

function manifests(): Manifest[] {
  return catalog.runbooks.flatMap((rb) => {
    const values = resolveParams(rb, {}, { allowExamples: true }).values;
    return rb.steps.flatMap((step) => {
      const texts = [step.command, step.undo].flatMap((t) => (t ? [renderCommand(t, values)] : []));
      return texts.flatMap((text) =>
        heredocs(text).flatMap((body, h) =>
          parseAllDocuments(body).flatMap((d, k) => {
            if (d.errors.length > 0) throw new Error(`${rb.id}#${step.id} heredoc ${h + 1}: ${d.errors[0]?.message}`);
            const doc = d.toJS() as Json | null;
            return doc ? [{ where: `${rb.id}#${step.id} heredoc ${h + 1} document ${k + 1}`, doc }] : [];
          }),
        ),
      );
    });
  });
}

// ---- validators -----------------------------------------------------------------------------------------------

/** The CRD's schema as the API server applies it to a create/update with strict field validation. */
function structural(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(structural);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key.startsWith('x-kubernetes-')) continue;
    // Go's RE2 writes one-letter Unicode classes without braces (`\PC`); JavaScript needs `\P{C}`.
    if (key === 'pattern' && typeof value === 'string') {
      out[key] = value.replace(/\\([pP])([A-Z])/g, '\\$1{$2}');
      continue;
    }
    // `properties` maps field names to schemas: keep every name (even one that looks like a keyword).
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Json).map(([name, s]) => [name, structural(s)]))
        : structural(value);
  }
  const s = schema as Json;
  if (
    s.type === 'object' &&
    s.properties !== undefined &&
    s.additionalProperties === undefined &&
    s['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

const crd = parseYaml(
  fs.readFileSync(new URL('../fixtures/upstream/cilium-1.18/ciliumnetworkpolicies.yaml', import.meta.url), 'utf8'),
) as { spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] } };
const v2 = crd.spec.versions.find((v) => v.name === 'v2');
if (!v2) throw new Error('the CNP CRD has no v2 version');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const cnpSchema = ajv.compile(structural(v2.schema.openAPIV3Schema) as object);

const ajvText = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

/** Problems with one manifest (empty when the API server would accept it). */
function check(doc: Json): string[] {
  const kind = `${String(doc.apiVersion)}/${String(doc.kind)}`;
  const models = (validate: () => void) => {
    try {
      validate();
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  };
  const evaluator = () => {
    try {
      validatePolicy(doc, { namespace: 'default' });
      return [];
    } catch (e) {
      return [`policy evaluator: ${(e as Error).message}`];
    }
  };
  switch (kind) {
    case 'cilium.io/v2/CiliumNetworkPolicy':
      return cnpSchema(doc) ? evaluator() : ajvText(cnpSchema.errors);
    case 'networking.k8s.io/v1/NetworkPolicy':
      return [...models(() => new NetworkPolicy(doc as never).validate()), ...evaluator()];
    case 'v1/Pod':
      return models(() => new Pod(doc as never).validate());
    case 'v1/Service':
      return models(() => new Service(doc as never).validate());
    case 'v1/Namespace':
      return models(() => new Namespace(doc as never).validate());
    case 'apps/v1/Deployment':
      return models(() => new Deployment(doc as never).validate());
    default:
      return [`no validator for ${kind}: add one to test/runbook/manifests.test.ts`];
  }
}

// ---- tests ----------------------------------------------------------------------------------------------------

const all = manifests();

describe('heredoc extraction', () => {
  it('finds quoted, unquoted and <<- heredocs, several per command, and keeps comment lines', () => {
    const text = 'a <<\'EOF\'\n# comment\nkind: A\nEOF\nb <<EOF2 | c\nkind: B\nEOF2\nd <<-"X"\n\tkind: C\n\tX';
    expect(heredocs(text)).toEqual(['# comment\nkind: A', 'kind: B', '\tkind: C']);
  });

  it("finds the runbooks' manifests", () => {
    const kinds = all.map((m) => String(m.doc.kind));
    expect(kinds.filter((k) => k === 'NetworkPolicy').length).toBeGreaterThanOrEqual(7);
    expect(kinds).toContain('CiliumNetworkPolicy');
    expect(kinds).toEqual(expect.arrayContaining(['Namespace', 'Pod', 'Service']));
  });
});

describe('the validators reject what the API server rejects', () => {
  const seedL7 = parseYaml(
    fs.readFileSync(new URL('../fixtures/policy/l7-http-policy.yaml', import.meta.url), 'utf8'),
  ) as Json;

  it("accept the seed's L7 CiliumNetworkPolicy as it is (corrections row 50)", () => {
    expect(check(seedL7)).toEqual([]);
  });

  it('reject a CNP with protocol TCPX, an unknown field, or a non-string port', () => {
    const spec = seedL7.spec as Json;
    const ingress = (spec.ingress as Json[])[0] as Json;
    const toPorts = (ingress.toPorts as Json[])[0] as Json;
    const withPort = (port: Json) => ({
      ...seedL7,
      spec: { ...spec, ingress: [{ ...ingress, toPorts: [{ ...toPorts, ports: [port] }] }] },
    });
    expect(check(withPort({ port: '8080', protocol: 'TCPX' })).join('\n')).toContain('allowedValues');
    expect(check(withPort({ port: 8080, protocol: 'TCP' })).join('\n')).toContain('must be string');
    expect(check({ ...seedL7, spec: { ...spec, endpointSelektor: {} } }).join('\n')).toContain('additionalProperty');
  });

  it('reject a NetworkPolicy with policyTypes Ingres, or an unknown field', () => {
    const np = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'x', namespace: 'y' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    expect(check(np)).toEqual([]);
    expect(check({ ...np, spec: { podSelector: {}, policyTypes: ['Ingres'] } }).join('\n')).toContain('allowed values');
    expect(check({ ...np, spec: { podSelector: {}, policyType: ['Ingress'] } }).join('\n')).toContain('policyType');
  });

  it('reject a Pod whose container port is not a number, and an unknown kind', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    };
    expect(check(pod)).toEqual([]);
    const bad = { ...pod, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '8080' }] }] } };
    expect(check(bad).join('\n')).toContain('must be integer');
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual([
      'no validator for v1/ConfigMap: add one to test/runbook/manifests.test.ts',
    ]);
  });
});

describe.each(all.map((m) => [m.where, m.doc] as const))('%s', (_where, doc) => {
  it(`${String(doc.kind)} ${String((doc.metadata as Json | undefined)?.name)} validates`, () => {
    expect(check(doc)).toEqual([]);
  });
});
