import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  isEnumType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { Caller } from '../../services/common/src';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * A street office sees only its own street, by whatever path it asks: every list of every
 * subgraph, every record's nested references and lists inside it, and the entities the gateway
 * fetches from another subgraph for them. The test walks the schema, asks each root list with its
 * records' references and lists below (three levels), and checks every place any record in the
 * answer names (a region, community, street or grid code): inside the street, or the street's own
 * ancestors (the district node of a district-wide record). A refusal (FORBIDDEN at a path) is fine;
 * a record of another street is a leak.
 */
const STREET = '410106001000';
const street: Caller = { subject: 'scope-walker', roles: ['STREET'], regionScope: STREET };
const community: Caller = { subject: 'scope-walker-community', roles: ['COMMUNITY'], regionScope: '410106001001' };
const DEPTH = 3;
let stack: TestStack;
let schema: GraphQLSchema;

beforeAll(async () => {
  stack = await startTestStack({ MAX_COST: '100000000', MAX_DEPTH: '30', RATE_LIMIT_PER_MINUTE: '5000' }, { shangjie: true });
  const introspection = await stack.query<IntrospectionQuery>(getIntrospectionQuery(), {}, ADMIN);
  schema = buildClientSchema(introspection.data!);
}, 300_000);

afterAll(() => stack?.stop());

/** Values for the required arguments the walk can fill; a field needing anything else is left out. */
function argumentsOf(field: GraphQLField<unknown, unknown>, root: boolean): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    const type = getNamedType(arg.type);
    if (arg.name === 'first') parts.push(`first: ${root ? 200 : 20}`);
    else if (arg.name === 'year') parts.push('year: 2025');
    else if (arg.name === 'from' && type.name === 'Date') parts.push('from: "2024-01-01"');
    else if (arg.name === 'to' && type.name === 'Date') parts.push('to: "2025-12-31"');
    else if (arg.name === 'withinMonths') parts.push('withinMonths: 24');
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) return null;
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

const PLACE_FIELDS = new Set(['regionCode', 'communityCode', 'streetCode', 'gridCode']);
/** Figures are refused above the caller's node and counted inside it; they name no record. */
const isFigures = (t: GraphQLObjectType | GraphQLInterfaceType) => /Figures?$|^RatePoint$|^PageInfo$|^AuditEntry$/.test(t.name);

function selection(type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) {
      if (PLACE_FIELDS.has(field.name) || (field.name === 'code' && type.name === 'Region')) {
        const args = argumentsOf(field, false);
        if (args !== null) parts.push(`${field.name}${args}`);
      }
      continue;
    }
    if (!(isObjectType(named) || isInterfaceType(named)) || isFigures(named) || depth <= 0) continue;
    if (type.name === 'Region' && named.name === 'Region') continue; // parent/children: the tree itself, checked from the root lists
    const args = argumentsOf(field, false);
    if (args === null) continue;
    const inner = selection(named, depth - 1);
    if (inner !== '__typename') parts.push(`${field.name}${args} { ${inner} }`);
  }
  return parts.join(' ');
}

/** Root fields returning records: lists and pages (a lookup by key is covered by the entity and lookup tests). */
function rootLists(): { name: string; query: string }[] {
  const out: { name: string; query: string }[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const named = getNamedType(field.type);
    if (!(isObjectType(named) || isInterfaceType(named)) || isFigures(named)) continue;
    const paged = field.args.some((a) => a.name === 'first');
    if (!paged && !isListType(getNullableType(field.type))) continue;
    if (/AuditTrail$|^lookup/.test(field.name)) continue; // administrators only; lookups are for the graph's own checks
    const args = argumentsOf(field, true);
    if (args === null) continue;
    out.push({ name: field.name, query: `{ ${field.name}${args} { ${selection(named, DEPTH)} } }` });
  }
  return out;
}

/** Every place code in an answer, with where it was found. */
function places(value: unknown, path: string[] = [], out: { path: string; code: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, String(i)], out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      if (typeof v === 'string' && (PLACE_FIELDS.has(k) || (k === 'code' && record.__typename === 'Region')))
        out.push({ path: [...path, k].join('.'), code: v });
      else places(v, [...path, k], out);
    }
  }
  return out;
}

/** Trailing zero groups of a 12-digit code off: the prefix every node under it starts with. */
const prefixOf = (code: string) =>
  code.replace(/^(\d{6}?)(\d{3}?)(\d{3}?)$/, (_, d, s, c) => d + (s === '000' ? '' : s + (c === '000' ? '' : c)));

/** Inside the caller's node, or a node above it (the district node of a district-wide record, the way up). */
const allowed = (scope: string, code: string) => {
  const node = code.length === 14 ? code.slice(0, 12) : code.padEnd(12, '0');
  return node.startsWith(prefixOf(scope)) || scope.startsWith(prefixOf(node));
};

test('the walk reaches every subgraph’s lists', () => {
  const names = rootLists().map((r) => r.name);
  expect(names.length).toBeGreaterThan(30);
  expect(names).toEqual(
    expect.arrayContaining(['communityWorkers', 'partyInstructors', 'socialServiceProjects', 'volunteers', 'gigWorkers']),
  );
});

test.each([
  ['a street office', street],
  ['a community', community],
])('as %s, no path returns a record of another place', async (_, caller) => {
  const leaks: string[] = [];
  const failures: string[] = [];
  let seen = 0;
  for (const { name, query } of rootLists()) {
    const res = await stack.query(query, {}, caller);
    for (const e of res.errors ?? []) {
      const code = e.extensions?.code;
      if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND') failures.push(`${name}: ${code} ${e.message} at ${(e.path ?? []).join('.')}`);
    }
    for (const p of places(res.data)) {
      seen++;
      if (!allowed(caller.regionScope!, p.code)) leaks.push(`${name}: ${p.path} = ${p.code}`);
    }
  }
  expect(failures).toEqual([]);
  expect(leaks).toEqual([]);
  expect(seen).toBeGreaterThan(200); // the walk did find records
});

test('the issue’s path: instructors’ contacts name only organisations and problems of the street', async () => {
  const res = await stack.query(
    '{ partyInstructors(first: 200) { nodes { contacts(from: "2024-01-01", to: "2025-12-31") { regionCode problemFound organization { creditCode regionCode name partyMembers } } } } }',
    {},
    street,
  );
  expect(res.errors).toBeUndefined();
  const contacts = res.data!.partyInstructors.nodes.flatMap((n: { contacts: unknown[] }) => n.contacts);
  expect(contacts.length).toBeGreaterThan(0);
  expect(places(contacts).every((p) => allowed(STREET, p.code))).toBe(true);
});

test('a project whose organisation sits in another street keeps its answer; the organisation is refused at its path, never a silent null', async () => {
  const res = await stack.query('{ socialServiceProjects(first: 50) { nodes { code organization { street { name } } } } }', {}, street);
  expect(res.data?.socialServiceProjects.nodes.length).toBeGreaterThan(0);
  const empty = res
    .data!.socialServiceProjects.nodes.map((n: { organization: { street: { name: string | null } } | null }, i: number) => [
      i,
      n.organization,
    ])
    .filter(([, o]: [number, { street: { name: string | null } } | null]) => o === null || o.street.name === null);
  const refused = new Set((res.errors ?? []).map((e) => (e.path ?? []).slice(0, 4).join('.')));
  for (const [i] of empty) expect(refused).toContain(`socialServiceProjects.nodes.${i}.organization`);
});
