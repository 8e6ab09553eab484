import { annualReport } from '../../infra/src';
import { startTestStack, type TestStack } from '../kit/stack';

/**
 * A subgraph that hangs (paused with SIGSTOP: it holds its connections and never answers) or dies:
 * the client is answered within the gateway's deadline with everything the healthy subgraphs know,
 * and an error at each missing field naming the subgraph, never its address; a dead subgraph is
 * started again by the runner.
 */
const TIMEOUT_MS = 2000;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

/** Pauses a subgraph for the length of `work`, then lets it run again. */
async function whilePaused<T>(name: string, work: () => Promise<T>): Promise<T> {
  const pid = stack.processes[name].process.pid!;
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

const ACROSS = `{
  gigWorkers(first: 1) { totalCount }
  region(code: "410106") {
    name
    gigCare { issuesReported(year: 2025) { value } }
    volunteer { stations(year: 2025) { value } }
  }
}`;

test('with gig-care hung, the region, its name and its volunteer figure still come back, gig-care’s fields are null with SUBGRAPH_TIMEOUT at their paths', async () => {
  const healthy = await stack.query(ACROSS);
  expect(healthy.errors).toBeUndefined();
  const started = Date.now();
  const res = await whilePaused('gig-care', () => stack.query(ACROSS));
  const waited = Date.now() - started;
  console.log(`client waited ${waited} ms with gig-care paused (SUBGRAPH_TIMEOUT_MS=${TIMEOUT_MS})`);
  expect(res.status).toBe(200);
  expect(res.data).toEqual({
    gigWorkers: null,
    region: { name: healthy.data!.region.name, gigCare: null, volunteer: healthy.data!.region.volunteer },
  });
  const failures = res.errors!.map((e) => ({ path: e.path, code: e.extensions?.code, serviceName: e.extensions?.serviceName }));
  expect(failures).toEqual(
    expect.arrayContaining([
      { path: ['gigWorkers'], code: 'SUBGRAPH_TIMEOUT', serviceName: 'gig-care' },
      { path: ['region', 'gigCare'], code: 'SUBGRAPH_TIMEOUT', serviceName: 'gig-care' },
    ]),
  );
  expect(res.errors!.every((e) => /gig-care/.test(e.message))).toBe(true);
  expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\/|ECONN|AbortError/);
});

test('a request with two mutations keeps the one whose subgraph answered: nothing done is lost from the answer', async () => {
  const both = `mutation {
    raiseDeliberationTopic(input: { communityCode: "410106001001", title: "电动车充电", method: "五步议事法", raisedOn: "2025-12-01" }) { number }
    registerVolunteerResource(input: { gridCode: "41010600100101", provider: "居民", content: "共享工具箱", category: "物资" }) { id }
  }`;
  const res = await whilePaused('volunteer-stations', () => stack.query(both));
  expect(res.data?.raiseDeliberationTopic?.number).toBeTruthy();
  expect(res.data?.registerVolunteerResource).toBeNull();
  expect(res.errors?.map((e) => [e.path, e.extensions?.serviceName])).toEqual([[['registerVolunteerResource'], 'volunteer-stations']]);
});

test('the work report ends with an error naming the hung subgraph instead of hanging', async () => {
  const handle = { gatewayUrl: stack.gatewayUrl, databaseUrls: stack.databaseUrls, jwtSecret: stack.jwtSecret };
  const started = Date.now();
  const outcome = await whilePaused('party-building', () =>
    annualReport(handle, '410106', 2025).then(
      () => 'answered',
      (e: Error) => e.message,
    ),
  );
  console.log(`pnpm report gave up after ${Date.now() - started} ms with party-building paused`);
  expect(outcome).toMatch(/party-building/);
});

test('a subgraph that dies is started again, and the graph answers as before', async () => {
  const workforce = stack.processes.workforce;
  const before = workforce.restarts;
  const pid = workforce.process.pid!;
  process.kill(pid, 'SIGKILL');
  let res = await stack.query('{ region(code: "410106") { name } }');
  for (let i = 0; i < 100 && (res.errors || workforce.restarts === before); i++) {
    await new Promise((r) => setTimeout(r, 300));
    res = await stack.query('{ region(code: "410106") { name } }');
  }
  expect(workforce.restarts).toBe(before + 1);
  expect(workforce.process.pid).not.toBe(pid);
  expect(res.errors).toBeUndefined();
  expect(res.data?.region.name).toBeTruthy();
});
