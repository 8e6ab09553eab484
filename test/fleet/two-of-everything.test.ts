import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { flattenFigures, issueToken, REPORT_OPERATION, startFleet, type RunningFleet } from '@district/infra';
import type { Caller } from '@district/common';
import { expectedFigures, SHANGJIE_DISTRICT, SHANGJIE_TEMPLATES, TEST_PERSON_KEY, testServerUrl } from '@district/testkit';

/**
 * The graph as a fleet: two replicas of every subgraph and two gateways, each set behind a
 * round-robin balancer, on loopback. Whichever processes a request meets, the answer is the same;
 * a caller's rate limit and a client's persisted queries hold across gateways (they live in the
 * gateway's database); and killing one replica of everything mid-load loses only what was in flight
 * on the killed processes.
 */
const PER_MINUTE = 40;
const REPORT = readFileSync(REPORT_OPERATION, 'utf8');
const jwtSecret = randomBytes(32).toString('hex');
let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFleet({
    postgresUrl: testServerUrl(),
    databasePrefix: `fleet_${randomBytes(3).toString('hex')}`,
    templatePrefix: SHANGJIE_TEMPLATES,
    replicas: 2,
    gateways: 2,
    jwtSecret,
    internalSecret: randomBytes(32).toString('hex'),
    // the templates' person ids were computed with the test key: no recomputation at start
    personKey: TEST_PERSON_KEY,
    // each client request its own subgraph calls, so a call lost on a killed replica is one lost request
    // (shared in-flight reads, on by default, would let one lost call fail every request waiting on it)
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), DEDUPE_READS: 'false', DEDUPE_OPERATIONS: 'false' },
    log: () => undefined,
  });
}, 300_000);

afterAll(() => fleet?.stop());

const analyst = (subject: string): Caller => ({ subject, roles: ['ANALYST'] });

async function post(url: string, caller: Caller, body: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await issueToken(caller, jwtSecret)}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: text }] };
  }
  return { status: res.status, ...json };
}

const report = (caller: Caller) => post(fleet.gatewayUrl, caller, { query: REPORT, variables: { region: SHANGJIE_DISTRICT, year: 2025 } });

test('the annual report through the fleet is exact, whichever gateway and replicas answer', async () => {
  for (let i = 0; i < 4; i++) {
    const res = await report(analyst(`fleet-report-${i}`));
    expect(res.errors).toBeUndefined();
    expect(flattenFigures(res.data.region)).toEqual(expectedFigures());
  }
  // four requests, round robin: both gateways and both replicas of every subgraph answered some
  for (const proxy of Object.values(fleet.proxies)) {
    expect([...proxy.stats.values()].every((s) => s.answered > 0)).toBe(true);
  }
});

test("a caller's rate limit holds across both gateways", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < PER_MINUTE + 10; i++)
    statuses.push((await post(fleet.gatewayUrl, analyst('fleet-busy'), { query: '{ __typename }' })).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(PER_MINUTE);
  expect(statuses.slice(PER_MINUTE)).toEqual(Array(10).fill(429));
  // another caller is not affected
  expect((await post(fleet.gatewayUrl, analyst('fleet-quiet'), { query: '{ __typename }' })).status).toBe(200);
});

test('a query persisted through one gateway is found by the other', async () => {
  const query = `{ region(code: "${SHANGJIE_DISTRICT}") { name } }`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const persisted = { persistedQuery: { version: 1, sha256Hash } };
  const [one, two] = fleet.gateways.map((g) => g.url);
  const before = await post(two, analyst('fleet-apq'), { extensions: persisted });
  expect(before.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  const registered = await post(one, analyst('fleet-apq'), { query, extensions: persisted });
  expect(registered.errors).toBeUndefined();
  // Apollo stores the query after answering it (the protocol's client resends the whole query when a
  // hash is not found yet): ask until it is there, a bounded number of times
  let byHash = await post(two, analyst('fleet-apq'), { extensions: persisted });
  for (let i = 0; i < 20 && byHash.errors; i++) {
    await new Promise((r) => setTimeout(r, 100));
    byHash = await post(two, analyst('fleet-apq'), { extensions: persisted });
  }
  expect(byHash.errors).toBeUndefined();
  expect(byHash.data).toEqual(registered.data);
});

test('killing one replica of each subgraph and one gateway mid-load loses only requests in flight on them', async () => {
  const lostBefore = lost();
  const results: { ok: boolean }[] = [];
  const want = expectedFigures();
  let killed = false;
  const worker = async (w: number) => {
    for (let i = 0; i < 12; i++) {
      const res = await report(analyst(`fleet-load-${w}`));
      const ok = res.status === 200 && !res.errors && isDeepStrictEqual(flattenFigures(res.data?.region), want);
      results.push({ ok });
      if (!killed && results.length >= 10) {
        killed = true;
        fleet.gateways[1].kill();
        for (const replicas of Object.values(fleet.subgraphs)) replicas[1].kill();
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  expect(killed).toBe(true);
  const failed = results.filter((r) => !r.ok).length;
  const inFlight = lost() - lostBefore;
  if (process.env.DISTRICT_TEST_VERBOSE)
    console.log(`${results.length} requests, ${failed} failed, ${inFlight} lost in flight on killed processes`);
  // every failed request was in flight on a killed process; everything else came back exact
  expect(failed).toBeLessThanOrEqual(inFlight);
  expect(results).toHaveLength(48);
  // and the survivors carry on: a fresh request is exact
  const after = await report(analyst('fleet-after'));
  expect(flattenFigures(after.data.region)).toEqual(want);
});

/** Requests that reached a process which then died without answering, over every balancer. */
function lost(): number {
  return Object.values(fleet.proxies).reduce((n, p) => n + [...p.stats.values()].reduce((m, s) => m + s.lostInFlight, 0), 0);
}
