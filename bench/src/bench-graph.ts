import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { log as districtLog, SUBGRAPHS, type Caller } from '@district/common';
import {
  buildTemplates,
  copyDistricts,
  freePort,
  issueToken,
  REPORT_OPERATION,
  repoRoot,
  startEmbeddedPostgres,
  startStack,
  type RunningPostgres,
  type RunningStack,
} from '@district/infra';
import { readBenchConfig, type GatewayName, type Phase } from './config';
import { startHive, startOurGateway, type RunningGateway } from './processes';
import { analyze, bumpVersions, cpuSeconds, median, Statements, timedRequest } from './measure';
import { PlanCapture, type ExplainedStatement } from './plans';

/**
 * `pnpm bench:graph`: the district graph's three typical operations, measured in one run on this
 * machine. It starts PostgreSQL and the stack, loads the Shangjie ledgers, makes 10× and 100×
 * copies (more districts, each a copy of Shangjie), and prints:
 *   1. statements per request, cold (after a data change) and warm, and whether Hive Gateway
 *      answers the same;
 *   2. cold and warm latency at 1×, 10× and 100× (alternating scales);
 *   3. req/s, p50 and p99 of our gateway and of Hive Gateway + router-runtime on the same
 *      subgraphs, alternating, at 10 and 50 connections, with statements and gateway CPU per request;
 *   4. the plan of every figure statement at 100× (EXPLAIN ANALYZE, BUFFERS), slowest first.
 * A benchmark, not a test: it prints figures and verdicts, and exits 0 unless something broke.
 */
const config = readBenchConfig(repoRoot, process.argv.slice(2));
const BENCH_CALLER: Caller = { subject: 'bench:graph', roles: ['DISTRICT_ADMIN'] };
const OPERATIONS = [
  { name: 'annual report', file: REPORT_OPERATION },
  { name: 'dashboard (3 subgraphs, list of 20)', file: join(__dirname, '..', 'operations', 'dashboard.graphql') },
  { name: 'region → children → five subgraphs', file: join(__dirname, '..', 'operations', 'region-children.graphql') },
];
const ALL_FIGURES = join(__dirname, '..', 'operations', 'all-figures.graphql');
const jwtSecret = randomBytes(32).toString('hex');
const internalSecret = randomBytes(32).toString('hex');
const personKey = randomBytes(32).toString('hex');

const log = (line = '') => console.log(line);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const pad = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join(' ');

/** A line of a child's output worth showing: a JSON log line at warn or above, or plain text that says something failed. */
function isProblem(line: string): boolean {
  const json = line.slice(line.indexOf('{'));
  try {
    return ['warn', 'error', 'fatal'].includes(String((JSON.parse(json) as { level?: unknown }).level));
  } catch {
    return /error|fail/i.test(line);
  }
}

/**
 * Every process runs as deployed (the Dockerfiles set NODE_ENV=production), ours and Hive alike. Our
 * gateway is one process, as Hive is: rate limits and persisted queries in its memory. With the
 * gateway database a fleet shares (GATEWAY_DATABASE_URL) it is measured apart, as ours-fleet.
 */
const CHILD_ENV = { NODE_ENV: 'production' };
const GATEWAY_ENV = { ...CHILD_ENV, GATEWAY_DATABASE_URL: '', RATE_LIMIT_PER_MINUTE: '1000000000' };

interface Scale {
  factor: number;
  stack: RunningStack;
}

async function main() {
  // the subgraphs loading the templates run in this process: their request lines are not the benchmark's output
  districtLog().level = 'warn';
  const expected = JSON.parse(readFileSync(join(config.BENCH_DATASET, 'expected.json'), 'utf8')) as { year: number };
  const plans = new PlanCapture();
  const cleanup: (() => Promise<void>)[] = [];
  let pg: RunningPostgres | undefined;
  try {
    pg = await startEmbeddedPostgres({
      dataDir: join(config.BENCH_DATA_DIR, 'pg'),
      port: config.BENCH_PG_PORT,
      persistent: false,
      settings: {
        shared_preload_libraries: 'pg_stat_statements',
        'pg_stat_statements.track': 'top',
        'pg_stat_statements.track_utility': 'off',
        // three stacks of five subgraphs, each with its pool
        max_connections: '400',
      },
      onLog: plans.onLog,
    });
    const statements = await Statements.open(pg.url);
    cleanup.push(() => statements.close());
    log(`PostgreSQL on ${config.BENCH_PG_PORT}; loading ${config.BENCH_DATASET} …`);
    let started = Date.now();
    await buildTemplates(pg.url, config.BENCH_DATASET, 'bench_tpl', internalSecret, personKey);
    log(`  loaded in ${fmt((Date.now() - started) / 1000)} s`);

    const portOffset = config.BENCH_GATEWAY_PORT - 4000;
    const stackOf = (factor: number, fixedPorts: boolean) =>
      startStack({
        databaseUrl: pg!.url,
        databasePrefix: `b${factor}`,
        templatePrefix: 'bench_tpl',
        dataDir: config.BENCH_DATA_DIR,
        persistentPostgres: false,
        gatewayPort: fixedPorts ? config.BENCH_GATEWAY_PORT : 0,
        subgraphPorts: fixedPorts ? Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.port + portOffset])) : 'free',
        jwtSecret,
        internalSecret,
        personKey,
        // one benchmark caller sends hundreds of requests a second
        gatewayEnv: GATEWAY_ENV,
        subgraphEnv: CHILD_ENV,
        log: (line) => {
          if (isProblem(line)) log(line);
        },
      });
    const scales: Scale[] = [{ factor: 1, stack: await stackOf(1, true) }];
    cleanup.push(() => scales[0].stack.stop());
    await analyze(scales[0].stack.databaseUrls);
    const token = await issueToken(BENCH_CALLER, jwtSecret);
    const ask = (url: string, file: string, region: string) =>
      timedRequest(url, token, JSON.stringify({ query: readFileSync(file, 'utf8'), variables: { region, year: expected.year } }));

    const districts = await timedRequest(
      scales[0].stack.gatewayUrl,
      token,
      JSON.stringify({ query: '{ regions(level: DISTRICT, first: 10) { nodes { code } } }' }),
    );
    const district = (districts.data as { regions: { nodes: { code: string }[] } }).regions.nodes[0].code;
    log(`district ${district}, year ${expected.year}`);

    for (const factor of config.BENCH_SCALES) {
      started = Date.now();
      const stack = await stackOf(factor, false);
      const scale = { factor, stack };
      scales.push(scale);
      cleanup.push(() => scale.stack.stop());
      const copied = await copyDistricts(stack.databaseUrls, district.slice(0, 6), factor);
      const rows = Object.values(copied.rows).reduce((n, t) => n + Object.values(t).reduce((a, b) => a + b, 0), 0);
      const records = copied.rows['volunteer-stations']?.service_record;
      log(
        `${factor}×: ${copied.districts.length} districts, ${rows.toLocaleString('en')} rows (${records?.toLocaleString('en') ?? '?'} volunteer service records), made in ${fmt((Date.now() - started) / 1000)} s`,
      );
    }

    const hive = await startHive({
      port: config.BENCH_HIVE_PORT,
      subgraphUrls: scales[0].stack.subgraphUrls,
      jwtSecret,
      internalSecret,
    });
    cleanup.push(() => hive.stop());
    log(`Hive Gateway + router-runtime on ${config.BENCH_HIVE_PORT}, on the 1× subgraphs`);
    // ours again without sharing whole operations (how much of the difference is that sharing), and
    // with the fleet's gateway database (a rate-limit upsert per request, shared by every replica)
    const others: Record<string, RunningGateway> = {};
    const variants = {
      'ours-1op': { DEDUPE_OPERATIONS: 'false' },
      'ours-fleet': { GATEWAY_DATABASE_URL: scales[0].stack.gatewayDatabaseUrl },
    };
    for (const [name, env] of Object.entries(variants)) {
      if (!config.BENCH_GATEWAYS.includes(name as GatewayName)) continue;
      const gw = await startOurGateway({
        port: await freePort(),
        subgraphUrls: scales[0].stack.subgraphUrls,
        jwtSecret,
        internalSecret,
        env: { ...GATEWAY_ENV, ...env },
      });
      others[name] = gw;
      cleanup.push(() => gw.stop());
    }

    const run = (phase: Phase) => config.BENCH_PHASES.includes(phase);
    if (run('answers')) await sameAnswers(scales, hive, ask, district);
    if (run('statements')) await statementsPerRequest(scales[0], statements, ask, district);
    const latency = run('latency') ? await latencyByScale(scales, ask, district) : undefined;
    const load = run('load') ? await loadComparison(scales[0], hive, others, statements, token, district, expected.year) : undefined;
    if (run('plans')) await plansAtScale(scales, plans, pg.url, ask, district);
    verdicts(latency, load);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((e) => log(`cleanup: ${(e as Error).message}`));
    if (pg) await pg.stop();
  }
}

const pidOf = (stack: RunningStack, name: string) => stack.processes[name]?.process.pid ?? 0;

type Ask = (url: string, file: string, region: string) => ReturnType<typeof timedRequest>;

async function sameAnswers(scales: Scale[], hive: RunningGateway, ask: Ask, district: string) {
  log('\n== Same answers: our gateway and Hive, and at every scale (the copies are other districts)');
  for (const op of OPERATIONS) {
    const ours = await ask(scales[0].stack.gatewayUrl, op.file, district);
    if (ours.errors) throw new Error(`${op.name}: ${ours.errors.map((e) => e.message).join('; ')}`);
    const theirs = await ask(hive.url, op.file, district);
    const others = await Promise.all(scales.slice(1).map(async (s) => (await ask(s.stack.gatewayUrl, op.file, district)).data));
    const same = (x: unknown) => JSON.stringify(x) === JSON.stringify(ours.data);
    log(
      `  ${op.name.padEnd(38)} Hive: ${same(theirs.data) ? 'same' : 'DIFFERENT'}   ${scales
        .slice(1)
        .map((s, i) => `${s.factor}×: ${same(others[i]) ? 'same' : 'DIFFERENT'}`)
        .join('   ')}`,
    );
  }
}

async function statementsPerRequest(one: Scale, statements: Statements, ask: Ask, district: string) {
  log('\n== SQL statements per request at 1× (all five subgraph databases)');
  log(`  ${pad(['operation', 'cold', 'warm', 'warm repeated'], [38, 8, 8, 14])}`);
  for (const op of OPERATIONS) {
    await bumpVersions(one.stack.databaseUrls);
    const cold = await statements.during('b1', () => ask(one.stack.gatewayUrl, op.file, district));
    const warm = await statements.during('b1', () => ask(one.stack.gatewayUrl, op.file, district));
    log(`  ${pad([op.name, cold.statements, warm.statements, warm.repeated], [38, 8, 8, 14])}`);
  }
}

interface Latency {
  [op: string]: Record<number, { cold: number[]; warm: number[] }>;
}

async function latencyByScale(scales: Scale[], ask: Ask, district: string): Promise<Latency> {
  log(`\n== Latency by size: median of ${config.BENCH_SAMPLES} samples, scales alternating (cold = first request after a data change)`);
  const out: Latency = {};
  for (let i = 0; i < config.BENCH_SAMPLES; i++) {
    const order = i % 2 ? [...scales].reverse() : scales;
    for (const op of OPERATIONS)
      for (const s of order) {
        await bumpVersions(s.stack.databaseUrls);
        const cold = await ask(s.stack.gatewayUrl, op.file, district);
        const warm = await ask(s.stack.gatewayUrl, op.file, district);
        const slot = ((out[op.name] ??= {})[s.factor] ??= { cold: [], warm: [] });
        slot.cold.push(cold.ms);
        slot.warm.push(warm.ms);
      }
  }
  const top = scales[scales.length - 1].factor;
  log(
    `  ${pad(['operation', ...scales.map((s) => `${s.factor}× cold`), `${top}×/1× cold`, ...scales.map((s) => `${s.factor}× warm`)], [38, 12, 12, 12, 12, 10, 10, 10])}`,
  );
  for (const op of OPERATIONS) {
    const row = out[op.name];
    const cold = scales.map((s) => median(row[s.factor].cold));
    log(
      `  ${pad(
        [
          op.name,
          ...cold.map((c) => `${fmt(c)} ms`),
          `${fmt(cold[cold.length - 1] / cold[0], 2)}`,
          ...scales.map((s) => `${fmt(median(row[s.factor].warm))} ms`),
        ],
        [38, 12, 12, 12, 12, 10, 10, 10],
      )}`,
    );
  }
  return out;
}

interface LoadResult {
  [key: string]: {
    reqs: number[];
    p50: number[];
    p99: number[];
    statements: number[];
    cpu: number[];
    subgraphCpu: number[];
    failed: number;
  };
}

async function loadComparison(
  one: Scale,
  hive: RunningGateway,
  others: Record<string, RunningGateway>,
  statements: Statements,
  token: string,
  district: string,
  year: number,
) {
  log(
    `\n== Load: ${config.BENCH_ROUNDS} rounds × ${config.BENCH_SECONDS} s per gateway, operation and connection count (after 2 s unmeasured), each round led by another gateway; medians of the rounds`,
  );
  log('   ours = our gateway, one process (NODE_ENV=production; rate limits in memory); ours-1op = the same without sharing');
  log('   whole operations (DEDUPE_OPERATIONS=false); ours-fleet = ours with the gateway database a fleet shares (GATEWAY_DATABASE_URL);');
  log('   hive+rr = Hive Gateway 2.15 + router-runtime, default settings. gw CPU: the gateway process; sg CPU: the five subgraphs.');
  const gateways = [
    { name: 'ours', url: one.stack.gatewayUrl, pid: pidOf(one.stack, 'gateway') },
    { name: 'hive+rr', url: hive.url, pid: hive.pid },
    ...Object.entries(others).map(([name, gw]) => ({ name, url: gw.url, pid: gw.pid })),
  ];
  const subgraphNames = Object.keys(one.stack.processes).filter((name) => name !== 'gateway');
  // read at each measure: a supervised subgraph that died and restarted is another process
  const subgraphCpu = () => subgraphNames.reduce((sum, name) => sum + cpuSeconds(pidOf(one.stack, name)), 0);
  const out: LoadResult = {};
  for (const op of OPERATIONS) {
    const body = JSON.stringify({ query: readFileSync(op.file, 'utf8'), variables: { region: district, year } });
    for (const connections of config.BENCH_CONNECTIONS) {
      // a short unmeasured run per gateway first: the JIT and the connection pools warm up alike
      for (const gw of gateways) await runLoad(gw.url, token, body, connections, 2);
      for (let round = 0; round < config.BENCH_ROUNDS; round++) {
        // each round starts with another gateway
        for (const gw of [...gateways.slice(round % gateways.length), ...gateways.slice(0, round % gateways.length)]) {
          const key = `${op.name}|${connections}|${gw.name}`;
          const slot = (out[key] ??= { reqs: [], p50: [], p99: [], statements: [], cpu: [], subgraphCpu: [], failed: 0 });
          const callsBefore = await statements.calls('b1');
          const cpuBefore = cpuSeconds(gw.pid);
          const subgraphCpuBefore = subgraphCpu();
          const r = await runLoad(gw.url, token, body, connections, config.BENCH_SECONDS);
          const ok = r['2xx'];
          slot.reqs.push(ok / config.BENCH_SECONDS);
          slot.p50.push(r.latency.p50);
          slot.p99.push(r.latency.p99);
          slot.statements.push(((await statements.calls('b1')) - callsBefore) / Math.max(ok, 1));
          slot.cpu.push(((cpuSeconds(gw.pid) - cpuBefore) * 1000) / Math.max(ok, 1));
          slot.subgraphCpu.push(((subgraphCpu() - subgraphCpuBefore) * 1000) / Math.max(ok, 1));
          slot.failed += r.non2xx + r.errors + r.timeouts;
        }
      }
    }
  }
  log(
    `  ${pad(['operation', 'conns', 'gateway', 'req/s', 'p50 ms', 'p99 ms', 'stmts/req', 'gw CPU ms/req', 'sg CPU ms/req', 'failed', 'ours/hive'], [38, 6, 11, 9, 8, 8, 10, 14, 14, 7, 9])}`,
  );
  for (const op of OPERATIONS)
    for (const connections of config.BENCH_CONNECTIONS)
      for (const gw of gateways) {
        const s = out[`${op.name}|${connections}|${gw.name}`];
        log(
          `  ${pad(
            [
              op.name,
              connections,
              gw.name,
              fmt(median(s.reqs)),
              fmt(median(s.p50), 0),
              fmt(median(s.p99), 0),
              fmt(median(s.statements), 3),
              fmt(median(s.cpu), 2),
              fmt(median(s.subgraphCpu), 2),
              s.failed,
              gw.name === 'hive+rr' ? '' : `${fmt(median(s.reqs) / median(out[`${op.name}|${connections}|hive+rr`].reqs), 2)}×`,
            ],
            [38, 6, 11, 9, 8, 8, 10, 14, 14, 7, 9],
          )}`,
        );
      }
  return out;
}

const runLoad = (url: string, token: string, body: string, connections: number, duration: number) =>
  autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });

async function plansAtScale(scales: Scale[], plans: PlanCapture, serverUrl: string, ask: Ask, district: string) {
  const captured: Record<number, ExplainedStatement[]> = {};
  for (const s of [...new Set([scales[0], scales[scales.length - 1]])]) {
    // auto_explain takes effect on new connections: restart this size's stack on its databases
    await s.stack.stop();
    await PlanCapture.enable(
      serverUrl,
      Object.values(s.stack.databaseUrls).map((u) => new URL(u).pathname.slice(1)),
    );
    s.stack = await startStack({
      databaseUrl: serverUrl,
      subgraphDatabaseUrls: s.stack.databaseUrls,
      dataDir: config.BENCH_DATA_DIR,
      persistentPostgres: false,
      gatewayPort: 0,
      subgraphPorts: 'free',
      jwtSecret,
      internalSecret,
      personKey,
      gatewayEnv: GATEWAY_ENV,
      subgraphEnv: CHILD_ENV,
      log: () => undefined,
    });
    const stack = s.stack;
    captured[s.factor] = await plans.during(async () => {
      await bumpVersions(stack.databaseUrls);
      await ask(stack.gatewayUrl, ALL_FIGURES, district);
    });
  }
  const top = scales[scales.length - 1].factor;
  // a figure statement, within the wrapper that also reads the data version its snapshot saw
  const figureStatements = (list: ExplainedStatement[]) => list.filter((p) => /^(SELECT f\.\*, [^\n]*FROM \()?WITH r AS/.test(p.query));
  const normal = (q: string) => q.replace(/'[^']*'/g, '?').replace(/\s+/g, ' ');
  const atOne = new Map(figureStatements(captured[1]).map((p) => [normal(p.query), p]));
  const big = figureStatements(captured[top]).sort((a, b) => b.ms - a.ms);
  log(`\n== Every figure statement at ${top}× (all figures of five subgraphs, at the district and its children), slowest first`);
  log(`  ${pad([`${top}× ms`, 'buffers', '1× ms', 'buffers', `seq scans at ${top}× (rows)`, 'tables'], [9, 9, 7, 9, 34, 60])}`);
  for (const p of big) {
    const one = atOne.get(normal(p.query));
    log(
      `  ${pad(
        [fmt(p.ms), p.buffers, one ? fmt(one.ms) : '-', one ? one.buffers : '-', p.seqScans.join(' ') || '-', p.tables.join(', ')],
        [9, 9, 7, 9, 34, 60],
      )}`,
    );
  }
  for (const p of big.slice(0, 3)) {
    log(`\n-- ${fmt(p.ms)} ms at ${top}× (${p.buffers} buffers): ${p.tables.join(', ')}`);
    log(p.plan.replace(/^\t/gm, '  '));
  }
}

function verdicts(latency: Latency | undefined, load: LoadResult | undefined) {
  log('\n== Verdicts');
  const scalesMeasured = latency ? Object.keys(Object.values(latency)[0]).map(Number) : [];
  const top = Math.max(...scalesMeasured);
  if (latency && top > 1)
    for (const op of OPERATIONS) {
      const ratio = median(latency[op.name][top].cold) / median(latency[op.name][1].cold);
      log(`  ${op.name}: cold latency ${top}× / 1× = ${fmt(ratio, 2)} ${ratio <= 2 ? '(≤ 2: flat enough)' : '(> 2)'}`);
    }
  if (load)
    for (const op of OPERATIONS)
      for (const c of config.BENCH_CONNECTIONS) {
        const ratio = median(load[`${op.name}|${c}|ours`].reqs) / median(load[`${op.name}|${c}|hive+rr`].reqs);
        log(`  ${op.name} at ${c} connections: ours / Hive + router-runtime = ${fmt(ratio, 2)}× ${ratio >= 1 ? '(≥ 1)' : '(< 1)'}`);
      }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
