import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { readGatewayConfig } from '../src/config';
import { startGateway } from '../src/server';

/**
 * The gateway on its own, with every subgraph down: it must still start from the committed
 * supergraph, answer cleanly, and enforce its per-caller rate limit.
 */
const jwtSecret = randomBytes(32).toString('hex');
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  const dead = 'http://127.0.0.1:9/graphql'; // nothing listens on the discard port
  gateway = await startGateway(
    readGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: '5',
      WORKFORCE_URL: dead,
      PARTY_BUILDING_URL: dead,
      SOCIAL_ORGANIZATIONS_URL: dead,
      VOLUNTEER_STATIONS_URL: dead,
      GIG_CARE_URL: dead,
    }),
  );
});

afterAll(() => gateway?.close());

const token = (subject: string) =>
  new SignJWT({ roles: ['ANALYST'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('district-auth')
    .setAudience('district-graph')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(jwtSecret));

async function post(subject: string, query: string) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(subject)}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

test('starts and stays alive while every subgraph is down, but says it is not ready', async () => {
  expect((await fetch(gateway.url.replace('/graphql', '/livez'))).status).toBe(200);
  const ready = await fetch(gateway.url.replace('/graphql', '/readyz'));
  expect(ready.status).toBe(503);
  const body = (await ready.json()) as { checks: Record<string, string> };
  expect(body.checks).toMatchObject({ workforce: 'unreachable', 'gig-care': 'unreachable' });
  // /health is the readiness answer, for orchestrators configured before /readyz existed
  expect((await fetch(gateway.url.replace('/graphql', '/health'))).status).toBe(503);
});

test('a query touching a down subgraph fails without revealing internal addresses', async () => {
  const { body } = await post('down-test', '{ region(code: "410106") { name } }');
  expect(body.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|:9\/|ECONNREFUSED|stacktrace/);
});

test('each caller has its own rate limit', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await post('busy-analyst', '{ __typename }')).status);
  expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(5)).toEqual([429, 429]);
  expect((await post('quiet-analyst', '{ __typename }')).status).toBe(200);
});
