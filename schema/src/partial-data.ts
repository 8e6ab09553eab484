import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * A subgraph that fails must cost only its own fields. The gateway fills a field from one subgraph
 * and leaves it null when that subgraph does not answer; a null in a non-null field takes its parent
 * with it, up to the nearest nullable field, so one subgraph down could empty the answers of healthy
 * ones. Composition therefore refuses:
 * - a non-null root field (Query, Mutation): each belongs to one subgraph, and one failing must not
 *   make `data` null for the others;
 * - a non-null field of an entity that a subgraph not resolving the field can hand out: reached
 *   through that subgraph's reference, it is a fetch of its own that can fail (Region.name read
 *   below a gig worker, Region.gigStations below a region of the workforce subgraph).
 * Key fields are exempt: the referencing subgraph gives them itself.
 */
const argString = (d: ConstDirectiveNode, name: string): string | undefined => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a && a.value.kind === Kind.STRING ? a.value.value : a && a.value.kind === Kind.ENUM ? a.value.value : undefined;
};
const argTrue = (d: ConstDirectiveNode, name: string): boolean => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return !!a && a.value.kind === Kind.BOOLEAN && a.value.value;
};

function graphsOfType(type: ObjectTypeDefinitionNode): { graphs: Set<string>; keys: Set<string> } {
  const graphs = new Set<string>();
  const keys = new Set<string>();
  for (const d of type.directives ?? []) {
    if (d.name.value !== 'join__type') continue;
    const graph = argString(d, 'graph');
    if (graph) graphs.add(graph);
    for (const k of (argString(d, 'key') ?? '').split(/\s+/)) if (k && /^\w+$/.test(k)) keys.add(k);
  }
  return { graphs, keys };
}

/** The subgraphs that resolve a field (not those that only name it @external); all of the type's when unannotated. */
function graphsOfField(field: FieldDefinitionNode, typeGraphs: Set<string>): Set<string> {
  const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
  if (!joins.length) return typeGraphs;
  return new Set(joins.filter((d) => !argTrue(d, 'external')).map((d) => argString(d, 'graph') ?? ''));
}

const namedType = (field: FieldDefinitionNode): string => {
  let t = field.type;
  while (t.kind !== Kind.NAMED_TYPE) t = t.type;
  return t.name.value;
};

export function partialDataViolations(supergraphSdl: string): string[] {
  const types = parse(supergraphSdl).definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && !d.name.value.startsWith('join__') && !d.name.value.startsWith('link__'),
  );
  // which subgraphs can hand out a record of each type (a field of theirs returns it)
  const returners = new Map<string, Set<string>>();
  for (const def of types) {
    const { graphs } = graphsOfType(def);
    for (const field of def.fields ?? []) {
      const set = returners.get(namedType(field)) ?? new Set<string>();
      for (const g of graphsOfField(field, graphs)) set.add(g);
      returners.set(namedType(field), set);
    }
  }
  const problems: string[] = [];
  for (const def of types) {
    const root = def.name.value === 'Query' || def.name.value === 'Mutation';
    const { graphs, keys } = graphsOfType(def);
    for (const field of def.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const where = `${def.name.value}.${field.name.value}`;
      if (root) {
        problems.push(`${where} is a non-null root field: make it nullable so a failing subgraph costs only its own fields`);
        continue;
      }
      if (graphs.size < 2 || keys.has(field.name.value)) continue;
      const resolving = graphsOfField(field, graphs);
      if ([...(returners.get(def.name.value) ?? [])].some((g) => !resolving.has(g))) {
        problems.push(
          `${where} is non-null but only ${[...resolving].join(', ').toLowerCase()} resolves it: reached through another subgraph it can fail alone, make it nullable`,
        );
      }
    }
  }
  return problems;
}
