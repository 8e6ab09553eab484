import { join } from 'node:path';
import { importLedgers } from '@district/infra';
import { SHANGJIE, startTestStack, testIdNumber, type TestStack } from '@district/testkit';
import type { Caller } from '@district/common';

/**
 * What an operator sees: one JSON access line per request at the gateway (request id, caller,
 * operation name and hash, status, duration, subgraphs touched), the same request id in the lines of
 * the subgraphs it reached, never a variable or a personal value; and Prometheus metrics at /metrics
 * on every process.
 */
let stack: TestStack;
const lines: string[] = [];

beforeAll(async () => {
  stack = await startTestStack(
    { LOG_LEVEL: 'info' },
    { shangjie: true, subgraphEnv: { LOG_LEVEL: 'info' }, log: (line) => lines.push(line) },
  );
}, 300_000);

afterAll(() => stack?.stop());

interface LogLine {
  service: string;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

/** The JSON lines printed so far ("[name] {…}" as the stack relays them). */
function logged(): LogLine[] {
  return lines.flatMap((l) => {
    const json = l.replace(/^\[[^\]]+\] /, '');
    if (!json.startsWith('{')) return [];
    try {
      return [JSON.parse(json) as LogLine];
    } catch {
      return [];
    }
  });
}

async function post(
  body: Record<string, unknown>,
  requestId: string,
  caller: Caller = { subject: 'ops-admin', roles: ['DISTRICT_ADMIN'] },
) {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(caller)}`, 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

/** Lines are written when the response finishes: wait (bounded, generously for a loaded machine) until the request's lines are in. */
async function linesOf(requestId: string, minimum = 1): Promise<LogLine[]> {
  for (let i = 0; i < 300; i++) {
    const found = logged().filter((l) => l.requestId === requestId);
    if (found.length >= minimum) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return logged().filter((l) => l.requestId === requestId);
}

test('a request appears once in the access log, with its operation, caller and subgraphs, and no personal data', async () => {
  const res = await post(
    {
      query: `query SpotCheck($first: Int) {
        communityWorkers(first: $first) { nodes { staffNumber name idNumber phone community { code name } } }
        region(code: "410106") { name }
      }`,
      variables: { first: 3 },
      operationName: 'SpotCheck',
    },
    'ops-spot-check-1',
  );
  expect(res.status).toBe(200);
  expect(res.requestId).toBe('ops-spot-check-1');
  const workers = res.body.data.communityWorkers.nodes as { name: string; idNumber: string; phone: string | null }[];
  expect(workers.length).toBe(3);

  const mine = await linesOf('ops-spot-check-1', 2);
  const access = mine.filter((l) => l.service === 'gateway' && l.msg === 'access');
  expect(access).toHaveLength(1);
  expect(access[0]).toMatchObject({
    caller: 'ops-admin',
    roles: ['DISTRICT_ADMIN'],
    operation: 'SpotCheck',
    type: 'query',
    status: 200,
    subgraphs: ['workforce'],
    errors: [],
  });
  expect(access[0].hash).toMatch(/^[0-9a-f]{64}$/);
  expect(typeof access[0].durationMs).toBe('number');
  expect(typeof access[0].time).toBe('string');
  // the subgraph printed the same request id
  expect(mine.some((l) => l.service === 'workforce' && l.msg === 'subgraph request')).toBe(true);

  // the unmasked names, ID numbers and phones the administrator was shown appear in no line of any process
  const everything = lines.join('\n');
  for (const w of workers) {
    for (const value of [w.name, w.idNumber, w.phone].filter(Boolean)) expect(everything).not.toContain(value);
  }
});

test('variables never reach a log line, not even of a refused mutation', async () => {
  const idNumber = testIdNumber(917, '19851203');
  const res = await post(
    {
      query: `mutation Hire($input: HireCommunityWorkerInput!) { hireCommunityWorker(input: $input) { id } }`,
      variables: {
        input: {
          id: 'x',
          name: '访谈测试人',
          idNumber,
          phone: '13912345678',
          communityCode: '999999999999',
          role: 'NOPE',
          hiredOn: '2025-01-01',
        },
      },
      operationName: 'Hire',
    },
    'ops-hire-1',
  );
  expect(res.body.errors).toBeDefined();
  const access = (await linesOf('ops-hire-1')).filter((l) => l.msg === 'access');
  expect(access).toHaveLength(1);
  expect(access[0]).toMatchObject({ operation: 'Hire', status: 400 });
  expect((access[0].errors as string[]).length).toBeGreaterThan(0);
  const everything = lines.join('\n');
  for (const value of [idNumber, '访谈测试人', '13912345678']) expect(everything).not.toContain(value);
});

test('a request refused before GraphQL is logged too, with the reason', async () => {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token', 'x-request-id': 'ops-refused-1' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(res.status).toBe(401);
  const access = (await linesOf('ops-refused-1')).filter((l) => l.msg === 'access');
  expect(access).toHaveLength(1);
  expect(access[0]).toMatchObject({ caller: null, status: 401, errors: ['UNAUTHENTICATED'] });
});

test('a client-chosen request id or operation name shaped like personal data never reaches a log line raw', async () => {
  const idNumber = '410106196102083685';
  const res = await post({ query: `query Q${idNumber} { __typename }`, operationName: `Q${idNumber}` }, idNumber);
  expect(res.status).toBe(200);
  // the id shaped like an ID number is replaced, not echoed
  expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const access = (await linesOf(res.requestId!)).filter((l) => l.msg === 'access');
  expect(access).toHaveLength(1);
  expect(access[0].operation).toBe('Q410106********3685');
  expect(lines.join('\n')).not.toContain(idNumber);
  const gateway = await metricsOf(stack.gatewayUrl);
  expect(gateway).not.toContain(idNumber);
  expect(
    sample(gateway, 'district_graphql_operation_duration_seconds_count', 'service="gateway",operation="other",type="query"'),
  ).toBeGreaterThanOrEqual(1);
});

async function metricsOf(url: string): Promise<string> {
  const res = await fetch(url.replace(/\/graphql$/, '/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** A sample's value in Prometheus text format, by metric name and labels (in the order prom-client prints them). */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

test('every process serves Prometheus metrics: operations by name and subgraph, errors by code, database pools', async () => {
  const before = await metricsOf(stack.gatewayUrl);
  const countBefore =
    sample(before, 'district_graphql_operation_duration_seconds_count', 'service="gateway",operation="MetricsProbe",type="query"') ?? 0;
  for (let i = 0; i < 2; i++) {
    const res = await post({ query: 'query MetricsProbe { region(code: "410106") { name } }' }, `ops-metrics-${i}`);
    expect(res.status).toBe(200);
  }
  const refused = await post({ query: '{ workforceAuditTrail(first: 1) { __typename } }' }, 'ops-metrics-forbidden', {
    subject: 'ops-analyst',
    roles: ['ANALYST'],
  });
  expect(refused.body.errors).toBeDefined();
  await linesOf('ops-metrics-forbidden');

  const gateway = await metricsOf(stack.gatewayUrl);
  expect(
    sample(gateway, 'district_graphql_operation_duration_seconds_count', 'service="gateway",operation="MetricsProbe",type="query"'),
  ).toBe(countBefore + 2);
  expect(
    sample(gateway, 'district_gateway_subgraph_fetch_duration_seconds_count', 'operation="MetricsProbe",subgraph="workforce"'),
  ).toBeGreaterThanOrEqual(2);
  expect(gateway).toMatch(/district_graphql_errors_total\{service="gateway",code="FORBIDDEN"\} \d+/);
  expect(gateway).toMatch(/district_http_requests_total\{service="gateway",route="\/graphql",status="200"\} \d+/);
  expect(gateway).toMatch(/district_db_pool_connections\{service="gateway",pool="gateway",state="used"\} \d+/);
  expect(gateway).toMatch(/^process_resident_memory_bytes \d+/m);

  const workforce = await metricsOf(stack.subgraphUrls.workforce);
  expect(
    sample(
      workforce,
      'district_graphql_operation_duration_seconds_count',
      'service="workforce",operation="MetricsProbe__workforce__0",type="query"',
    ),
  ).toBeGreaterThanOrEqual(2);
  expect(workforce).toMatch(/district_db_pool_connections\{service="workforce",pool="primary",state="free"\} \d+/);
  // labels carry names and codes only: no caller, no value
  expect(gateway + workforce).not.toContain('ops-admin');
});

test('imported ledger rows are counted by ledger and outcome in the subgraph that imports them', async () => {
  const file = join(SHANGJIE, 'grids.csv');
  const rows = async () =>
    sample(await metricsOf(stack.subgraphUrls.workforce), 'district_ledger_import_rows_total', 'ledger="grids.csv",outcome="unchanged"') ??
    0;
  const before = await rows();
  const report = await importLedgers(stack, file);
  expect(report.ok).toBe(true);
  const read = report.outcomes[0].summary!.read;
  expect(read).toBeGreaterThan(0);
  // a commit counts its rows once; its preview (rolled back) counts none
  expect(await rows()).toBe(before + read);
});
