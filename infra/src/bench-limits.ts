import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { importLedgers } from './import';
import { startBenchStack } from './bench-stack';
import type { RunningStack } from './stack';
import { repoRoot } from './subgraphs';
import { issueToken } from './tokens';

/**
 * `pnpm bench:limits`: what the gateway's limits still allow, at its worst. For each shape of
 * expensive query (every figure of every subgraph for many regions; records with every nested list;
 * the region tree fanned out; every root list at once) the largest page size the cost limit accepts is
 * found by asking, then that query runs three times and its slowest time, answer size and the peak
 * memory growth of each process are printed. Last, how long a client waits when a subgraph hangs
 * (SIGSTOP) under the default 30 s deadline. Figures, not assertions: a shared machine's numbers vary.
 */
const SHANGJIE = join(repoRoot, '..', 'shared', 'datasets', 'shangjie-2025');
const ADMIN = { subject: 'bench-limits', roles: ['DISTRICT_ADMIN' as const] };

type Ask = (
  query: string,
) => Promise<{ status: number; bytes: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }>;

function asker(url: string, token: string): Ask {
  return async (query) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
  };
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `work`, sampling every process's memory; returns the peak growth over its memory before, per process. */
async function peakGrowth<T>(stack: RunningStack, work: () => Promise<T>): Promise<{ result: T; growth: Record<string, number> }> {
  const pids = Object.fromEntries(Object.entries(stack.processes).map(([name, p]) => [name, p.process.pid!]));
  const before = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, rssMb(pid)]));
  const peak = { ...before };
  const timer = setInterval(() => {
    for (const [n, pid] of Object.entries(pids)) peak[n] = Math.max(peak[n], rssMb(pid));
  }, 20);
  try {
    const result = await work();
    return { result, growth: Object.fromEntries(Object.keys(pids).map((n) => [n, peak[n] - before[n]])) };
  } finally {
    clearInterval(timer);
  }
}

/** Every figure of a figures type, with the arguments they need filled. */
function figures(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.name === 'year'))
    .map((f) => {
      const inner = getNamedType(f.type) as GraphQLObjectType;
      const leaves = Object.values(inner.getFields())
        .filter((x) => isScalarType(getNamedType(x.type)))
        .map((x) => x.name);
      const args = f.args.some((a) => a.name === 'year') ? '(year: 2025)' : '';
      return `${f.name}${args} { ${leaves.join(' ')} }`;
    })
    .join(' ');
}

/** Every scalar field of a type, and (one level down) its object fields' scalars, lists included. */
function everything(schema: GraphQLSchema, typeName: string, depth = 1): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.name === 'year'))
    .map((f) => {
      const named = getNamedType(f.type);
      const args = f.args.some((a) => a.name === 'year') ? '(year: 2025)' : '';
      if (isScalarType(named) || isEnumType(named)) return `${f.name}${args}`;
      if (!isObjectType(named) || depth <= 0 || /Figures$/.test(named.name)) return '';
      const inner = everything(schema, named.name, depth - 1);
      return inner ? `${f.name}${args} { ${inner} }` : '';
    })
    .filter(Boolean)
    .join(' ');
}

function shapes(schema: GraphQLSchema): Record<string, (n: number) => string> {
  const region = schema.getType('Region') as GraphQLObjectType;
  // one subgraph's figures at a time: all five at once pass the 2000-token limit
  const figureGroups = Object.values(region.getFields())
    .filter((f) => /Figures$/.test(getNamedType(f.type).name))
    .map((f) => [f.name, `${f.name} { ${figures(getNamedType(f.type) as GraphQLObjectType)} }`]);
  const rootLists = Object.values(schema.getQueryType()!.getFields()).filter(
    (f) =>
      f.args.some((a) => a.name === 'first') &&
      !/AuditTrail$/.test(f.name) &&
      f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined) &&
      !isListType(f.type),
  );
  return {
    ...Object.fromEntries(
      figureGroups.map(([group, selection]) => [
        `every ${group} figure (this year and last) for n regions`,
        (n: number) => `{ regions(first: ${n}) { nodes { code name ${selection} } } }`,
      ]),
    ),
    'n workers with every field and nested list': (n) =>
      `{ communityWorkers(first: ${n}) { nodes { ${everything(schema, 'CommunityWorker', 2)} } } }`,
    'the region tree fanned out: n regions, children of children': (n) =>
      `{ regions(first: ${n}) { nodes { code name children { code name children { code name level compoundCount } } } } }`,
    // fields whose work does not grow with a page: an export, a rhythm computed over the widest period a Date allows
    // the export declares @cost(weight: 20000): two fit the limit
    'the gig-worker CSV export, twice (n ignored)': () => `{ ${Array.from({ length: 2 }, (_, i) => `a${i}: gigWorkersCsv`).join(' ')} }`,
    'instructors behind their rhythm, 1900–2199, 10 aliases of n rows': (n) =>
      `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: partyInstructorsBehind(from: "${1900 + i}-01-01", to: "2199-12-31", first: ${n}) { totalCount nodes { instructor { code } } }`).join(' ')} }`,
    'every root list at once, n rows each': (n) =>
      `{ ${rootLists.map((f) => `${f.name}(first: ${n}) { totalCount nodes { __typename } }`).join(' ')} }`,
  };
}

/** The largest page size in 1…200 the limits accept for a shape (they are monotone in it). */
async function largestAllowed(ask: Ask, shape: (n: number) => string): Promise<number> {
  let lo = 0;
  let hi = 200;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const res = await ask(shape(mid));
    if (res.status === 400) hi = mid - 1;
    else lo = mid;
  }
  return lo;
}

async function main() {
  const { stack, jwtSecret } = await startBenchStack(mkdtempSync(join(tmpdir(), 'district-bench-limits-')));
  try {
    const report = await importLedgers({ gatewayUrl: stack.gatewayUrl, jwtSecret }, SHANGJIE);
    if (!report.ok) throw new Error('the Shangjie ledgers did not import');
    const ask = asker(stack.gatewayUrl, await issueToken(ADMIN, jwtSecret, '1h'));
    const schema = buildClientSchema((await ask(getIntrospectionQuery())).body.data as IntrospectionQuery);
    console.log('Most expensive queries the default limits allow (cost 50 000, depth 12, 20 aliases, 2000 tokens):');
    for (const [name, shape] of Object.entries(shapes(schema))) {
      const n = await largestAllowed(ask, shape);
      if (n === 0) {
        const why = (await ask(shape(1))).body.errors?.[0]?.extensions?.code;
        console.log(`  ${name}: refused even with n = 1 (${why})`);
        continue;
      }
      let slowest = 0;
      let bytes = 0;
      let errors = 0;
      const growth: Record<string, number> = {};
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const run = await peakGrowth(stack, () => ask(shape(n)));
        slowest = Math.max(slowest, Date.now() - started);
        bytes = run.result.bytes;
        errors = run.result.body.errors?.length ?? 0;
        for (const [p, mb] of Object.entries(run.growth)) growth[p] = Math.max(growth[p] ?? 0, mb);
      }
      const top = Object.entries(growth)
        .sort((a, b) => b[1] - a[1])
        .map(([p, mb]) => `${p} +${mb.toFixed(0)} MB`)
        .join(', ');
      console.log(
        `  ${name}: n = ${n}, slowest of 3 ${slowest} ms, answer ${(bytes / 1024).toFixed(0)} kB, ${errors} errors; peak RSS growth ${top}`,
      );
    }

    const district = (
      (await ask('{ regions(level: DISTRICT, first: 1) { nodes { code } } }')).body.data as { regions: { nodes: { code: string }[] } }
    ).regions.nodes[0].code;
    const pid = stack.processes['gig-care'].process.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const res = await ask(`{ region(code: "${district}") { name gigCare { issuesReported(year: 2025) { value } } } }`);
      const code = res.body.errors?.[0]?.extensions?.code;
      console.log(
        `gig-care paused (SIGSTOP): the client was answered after ${((Date.now() - started) / 1000).toFixed(1)} s (${code}), the region's name kept`,
      );
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
