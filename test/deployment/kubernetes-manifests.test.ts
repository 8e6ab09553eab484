import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { SUBGRAPHS } from '@district/common';
import { build, containersOf, K8S, type Manifest } from './kustomize';

/**
 * The Kubernetes manifests (infra/k8s), rendered per overlay and validated as CI can here: every
 * built-in resource against the Kubernetes OpenAPI schemas shipped by kubernetes-models (the same
 * checks as kubeconform without -strict: types, required fields, formats), the CloudNativePG Cluster
 * against the operator's own CRD schema (infra/k8s/schemas), and what a deployment of this graph
 * needs: the gateway and five subgraphs with replicas, probes, resources, secrets, a migration job.
 */
const OVERLAYS = ['external-postgres', 'cloudnative-pg'];
/** secrets an operator creates (or the CloudNativePG operator, for district-pg-app): never committed */
const MADE_OUTSIDE = { secrets: ['district-secrets', 'district-pg-app'] };

function validateBuiltIn(m: Manifest): void {
  const [group, version] = m.apiVersion.includes('/') ? m.apiVersion.split('/') : ['', m.apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  // the model's module is chosen by the manifest's apiVersion, at run time
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = (require(path) as Record<string, new (data: unknown) => { validate(): void }>)[m.kind];
  if (!Model) throw new Error(`no schema for ${m.apiVersion} ${m.kind}`);
  new Model(m).validate();
}

const ajv = new Ajv({ strict: false, allErrors: true });
// OpenAPI's number and date formats, as the API server reads them (types are checked by the schema)
for (const format of ['int32', 'int64', 'double', 'float', 'byte', 'date-time']) ajv.addFormat(format, true);
const cnpg = ajv.compile(JSON.parse(readFileSync(join(K8S, 'schemas', 'cnpg-cluster-v1.30.0.json'), 'utf8')));

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const manifests = build(join(K8S, 'overlays', overlay));
  const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  test('every resource is valid against its schema', () => {
    const problems: string[] = [];
    for (const m of manifests) {
      try {
        if (m.apiVersion === 'postgresql.cnpg.io/v1') {
          if (!cnpg(m)) throw new Error(JSON.stringify(cnpg.errors));
        } else validateBuiltIn(m);
      } catch (e) {
        problems.push(`${m.kind}/${m.metadata.name}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('the gateway and every subgraph run replicated, probed, sized, behind a Service and a disruption budget', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const d = named('Deployment', name);
      expect({ name, deployment: !!d }).toEqual({ name, deployment: true });
      expect(d!.spec.replicas).toBeGreaterThanOrEqual(2);
      const [c] = containersOf(d!);
      expect(c.livenessProbe.httpGet.path).toBe('/livez');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
      expect(c.image).toMatch(/:\d+\.\d+\.\d+$/); // the overlay pins a release
      expect(d!.spec.template.metadata.annotations['prometheus.io/path']).toBe('/metrics');
      const svc = named('Service', name)!;
      expect(svc.spec.selector).toEqual(d!.spec.selector.matchLabels);
      expect(svc.spec.ports[0].port).toBe(c.ports[0].containerPort);
      expect(named('PodDisruptionBudget', name)?.spec.selector.matchLabels).toEqual(d!.spec.selector.matchLabels);
    }
  });

  test('the gateway reaches each subgraph through its Service', () => {
    const config = named('ConfigMap', 'district-config')!.data as Record<string, string>;
    for (const s of SUBGRAPHS) {
      const url = new URL(config[`${s.name.toUpperCase().replace(/-/g, '_')}_URL`]);
      const svc = named('Service', url.hostname);
      expect({ subgraph: s.name, port: svc?.spec.ports[0].port }).toEqual({ subgraph: s.name, port: Number(url.port) });
    }
  });

  test('the migration job migrates every database once, with the images of the release', () => {
    const job = named('Job', 'district-migrate')!;
    const containers = containersOf(job);
    expect(containers.map((c) => c.name).sort()).toEqual(['gateway', ...SUBGRAPHS.map((s) => s.name)].sort());
    for (const c of containers) {
      expect(c.args).toEqual(['migrate']);
      expect(c.image).toBe(containersOf(named('Deployment', c.name)!)[0].image);
    }
  });

  test('every config and secret a container reads exists or is one the operator makes, and no secret is committed', () => {
    const configMaps = new Set(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name));
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    for (const m of manifests)
      for (const c of containersOf(m)) {
        for (const e of c.env ?? []) {
          const cm = e.valueFrom?.configMapKeyRef;
          if (cm) expect({ container: c.name, configMap: cm.name, exists: configMaps.has(cm.name) }).toMatchObject({ exists: true });
          const secret = e.valueFrom?.secretKeyRef;
          if (secret) expect(MADE_OUTSIDE.secrets).toContain(secret.name);
        }
        for (const e of c.envFrom ?? []) if (e.configMapRef) expect(configMaps.has(e.configMapRef.name)).toBe(true);
      }
    expect(manifests.every((m) => m.kind === 'Namespace' || m.metadata.namespace === 'district')).toBe(true);
  });
});

test('with CloudNativePG the subgraphs read from the replicas and write to the primary', () => {
  const manifests = build(join(K8S, 'overlays', 'cloudnative-pg'));
  const pg = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'district-postgres')!.data;
  const cluster = manifests.find((m) => m.kind === 'Cluster')!;
  expect(pg).toMatchObject({ PGHOST: `${cluster.metadata.name}-rw`, PGREADHOST: `${cluster.metadata.name}-ro` });
  expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
  // the operator names the application's secret <cluster>-app
  expect(MADE_OUTSIDE.secrets).toContain(`${cluster.metadata.name}-app`);
});

test('a wrong field type is caught, in a built-in resource and in the Cluster', () => {
  const manifests = build(join(K8S, 'overlays', 'cloudnative-pg'));
  const deployment = structuredClone(manifests.find((m) => m.kind === 'Deployment')!);
  deployment.spec.replicas = 'two';
  expect(() => validateBuiltIn(deployment)).toThrow(/replicas/);
  const cluster = structuredClone(manifests.find((m) => m.kind === 'Cluster')!);
  cluster.spec.instances = 'three';
  expect(cnpg(cluster)).toBe(false);
});

test('the renderer refuses a kustomize feature it does not implement', () => {
  expect(() => build(join(__dirname, 'fixtures', 'unsupported'))).toThrow(/patches/);
});
