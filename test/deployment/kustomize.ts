import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, any>;

/**
 * The part of kustomize these manifests use, for validating them where no kustomize binary can be
 * fetched: `resources` (files and directories with a kustomization), `namespace`, `labels` (on each
 * resource's own metadata) and `images`. Any other field is refused rather than ignored, so the
 * manifests cannot come to depend on a feature this check would silently skip.
 */
const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

export function build(dir: string): Manifest[] {
  const k = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0].toJS() as Record<string, any>;
  const unknown = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unknown.length) throw new Error(`${dir}/kustomization.yaml uses ${unknown.join(', ')}, which this check does not render`);
  const out: Manifest[] = [];
  for (const resource of (k.resources ?? []) as string[]) {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) out.push(...build(path));
    else
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
        if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0].message}`);
        const value = doc.toJS() as Manifest | null;
        if (value) out.push(value);
      }
  }
  for (const m of out) {
    if (k.namespace && !CLUSTER_SCOPED.has(m.kind)) m.metadata.namespace = k.namespace;
    for (const { pairs } of (k.labels ?? []) as { pairs: Record<string, string> }[]) m.metadata.labels = { ...m.metadata.labels, ...pairs };
    for (const image of (k.images ?? []) as { name: string; newName?: string; newTag?: string }[]) {
      for (const c of containersOf(m)) {
        const [name, tag] = String(c.image).split(':');
        if (name === image.name) c.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
      }
    }
  }
  return out;
}

/** The containers of a workload (Deployment, Job …), or none. */
export function containersOf(m: Manifest): { name: string; image: string; [key: string]: any }[] {
  return [...(m.spec?.template?.spec?.initContainers ?? []), ...(m.spec?.template?.spec?.containers ?? [])];
}

/** The directory of this repository's manifests. */
export const K8S = join(dirname(dirname(__dirname)), 'infra', 'k8s');
