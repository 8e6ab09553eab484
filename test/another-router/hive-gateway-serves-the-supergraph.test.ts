import { join } from 'node:path';
import { annualReport } from '@district/infra';
import { expectedFigures, SHANGJIE_DISTRICT, startTestStack, type TestStack } from '@district/testkit';
import { startHiveGateway } from './hive-gateway';

/**
 * The committed supergraph is not tied to one router: Hive Gateway serves it to the same subgraphs,
 * forwarding the caller the same way, and the work report comes out the same.
 */
let stack: TestStack;
let hive: Awaited<ReturnType<typeof startHiveGateway>>;

beforeAll(async () => {
  // Hive's logger reads LOG_LEVEL too and knows no 'silent' (the test setup's quiet default)
  process.env.LOG_LEVEL = 'error';
  stack = await startTestStack({}, { shangjie: true });
  hive = await startHiveGateway({
    supergraphPath: join(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    subgraphUrls: stack.subgraphUrls,
    jwtSecret: stack.jwtSecret,
    internalSecret: stack.internalSecret,
  });
}, 300_000);

afterAll(async () => {
  await hive?.close();
  await stack?.stop();
});

const viaHive = () => ({ gatewayUrl: hive.url, databaseUrls: stack.databaseUrls, jwtSecret: stack.jwtSecret });

test('Hive Gateway gives the same annual report as the Apollo gateway', async () => {
  const hiveReport = await annualReport(viaHive(), SHANGJIE_DISTRICT, 2025);
  expect(hiveReport).toEqual(expectedFigures());
  expect(hiveReport).toEqual(await annualReport(stack, SHANGJIE_DISTRICT, 2025));
});

async function ask(url: string, query: string, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
}

test('the caller is forwarded the same way: scope and masking hold, and no token gets nothing', async () => {
  const analyst = `Bearer ${await stack.token({ subject: 'hive-analyst', roles: ['ANALYST'] })}`;
  const workers = '{ communityWorkers(first: 2) { nodes { staffNumber name idNumber } } }';
  const [apollo, viaHiveAnswer] = [await ask(stack.gatewayUrl, workers, analyst), await ask(hive.url, workers, analyst)];
  expect(viaHiveAnswer.body).toEqual(apollo.body);
  expect(viaHiveAnswer.body.data.communityWorkers.nodes[0].idNumber).toMatch(/\*/); // masked for an analyst

  const street = `Bearer ${await stack.token({ subject: 'hive-street', roles: ['STREET'], regionScope: '410106001000' })}`;
  const above = `{ region(code: "${SHANGJIE_DISTRICT}") { workforce { workers(year: 2025) { value } } } }`;
  const refused = await ask(hive.url, above, street);
  expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  expect((await ask(hive.url, workers)).status).toBe(401);
});
