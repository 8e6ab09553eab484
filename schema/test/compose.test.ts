import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, GraphQLObjectType } from 'graphql';
import { breakingChanges, composeSupergraph, REPORT_FILE, reportOperation, SUPERGRAPH_FILE } from '../src/compose';
import { partialDataViolations } from '../src/partial-data';

/** Composition is a build step; these are the checks that keep the committed result honest. */
test('the five subgraphs compose, and the committed supergraph and report operation are current', () => {
  const { supergraphSdl, errors } = composeSupergraph();
  expect(errors).toEqual([]);
  expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(supergraphSdl);
  expect(readFileSync(REPORT_FILE, 'utf8')).toBe(reportOperation());
});

test('removing a field clients use is reported as breaking; adding one is not', () => {
  const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const lines = committed.split('\n');
  const field = lines.findIndex((l) => l.trim().startsWith('gigWorkersCsv('));
  expect(lines[field - 1].trim()).toBe('"""'); // its description block closes right above it
  const opening = lines
    .slice(0, field - 1)
    .map((l) => l.trim())
    .lastIndexOf('"""');
  const removed = [...lines.slice(0, opening), ...lines.slice(field + 1)].join('\n');
  expect(removed).not.toBe(committed);
  expect(breakingChanges(committed, removed)).toEqual(['FIELD_REMOVED: Query.gigWorkersCsv was removed.']);
  expect(breakingChanges(removed, committed)).toEqual([]);
});

test('every entity, and every type a list pages through, has a stable global id for client caches', () => {
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
  const entities = new Set([...sdl.matchAll(/\ntype (\w+)[^{]*@join__type\(graph: \w+, key: /g)].map((m) => m[1]));
  const paged = Object.values(api.getTypeMap())
    .filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && t.name.endsWith('Connection'))
    .map((t) => getNamedType(t.getFields().nodes.type).name);
  const lacking = [...new Set([...entities, ...paged])].filter((name) => {
    const type = api.getType(name);
    return type instanceof GraphQLObjectType && !type.getFields().id;
  });
  expect(lacking).toEqual([]);
});

test('a non-null field that one failing subgraph would null out, taking healthy data with it, fails composition', () => {
  const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
  expect(partialDataViolations(committed)).toEqual([]);
  // Region.name is the workforce subgraph's; a gig worker's community reaches it through gig-care
  const region = committed.indexOf('\ntype Region');
  const at = committed.indexOf('  name: String @join__field(graph: WORKFORCE)', region);
  const nameStrict = `${committed.slice(0, at)}  name: String!${committed.slice(at + '  name: String'.length)}`;
  expect(partialDataViolations(nameStrict)).toEqual([expect.stringMatching(/^Region\.name is non-null but only workforce resolves it/)]);
  const rootStrict = committed.replace(
    'GigWorkerConnection @join__field(graph: GIG_CARE)',
    'GigWorkerConnection! @join__field(graph: GIG_CARE)',
  );
  expect(partialDataViolations(rootStrict)).toEqual([expect.stringMatching(/^Query\.gigWorkers is a non-null root field/)]);
});
