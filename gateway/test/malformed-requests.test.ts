import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { readGatewayConfig } from '../src/config';
import { startGateway } from '../src/server';

/**
 * Requests a client got wrong are the client's fault: HTTP 400 with a message saying what is wrong,
 * never a 500 "internal error" (nor a crash of one of our plugins before Apollo's own checks). The
 * gateway alone, its subgraphs down: none of these reaches a subgraph.
 */
const jwtSecret = randomBytes(32).toString('hex');
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  const dead = 'http://127.0.0.1:9/graphql';
  gateway = await startGateway(
    readGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_PER_MINUTE: '1000',
      WORKFORCE_URL: dead,
      PARTY_BUILDING_URL: dead,
      SOCIAL_ORGANIZATIONS_URL: dead,
      VOLUNTEER_STATIONS_URL: dead,
      GIG_CARE_URL: dead,
    }),
  );
});

afterAll(() => gateway?.close());

const token = () =>
  new SignJWT({ roles: ['ANALYST'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('malformed-analyst')
    .setIssuer('district-auth')
    .setAudience('district-graph')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(jwtSecret));

type Answer = { status: number; body: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown } };

async function post(body: Record<string, unknown>, path = '/graphql'): Promise<Answer> {
  const res = await fetch(gateway.url.replace('/graphql', path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}`, 'apollo-require-preflight': 'true' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function get(params: Record<string, string>, path = '/graphql'): Promise<Answer> {
  const res = await fetch(`${gateway.url.replace('/graphql', path)}?${new URLSearchParams(params)}`, {
    headers: { authorization: `Bearer ${await token()}`, 'apollo-require-preflight': 'true' },
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const TWO = 'query A { __typename } query B { __typename }';

function expectRefused(answer: Answer, message: RegExp) {
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  expect(answer.body.errors?.[0].message).toMatch(message);
}

test('two operations without an operation name, or naming one the document lacks: 400 saying so', async () => {
  expectRefused(await post({ query: TWO }), /operation name/i);
  expectRefused(await post({ query: TWO, operationName: 'C' }), /operation named "C"/i);
  expectRefused(await get({ query: TWO }), /operation name/i);
  // the same document naming one of its operations runs
  const ok = await post({ query: TWO, operationName: 'B' });
  expect(ok).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
});

test('the export refuses the same documents with 400', async () => {
  const TWO_LISTS = 'query A { gigStations(first: 5) { nodes { name } } } query B { gigStations(first: 5) { nodes { name } } }';
  expectRefused(await post({ query: TWO_LISTS }, '/export?format=csv'), /operation name/i);
  expectRefused(await post({ query: TWO_LISTS, operationName: 'C' }, '/export?format=csv'), /operation named "C"/i);
  expectRefused(await get({ query: TWO_LISTS, format: 'csv' }, '/export'), /operation name/i);
});

test('an automatic persisted query whose hash does not match its query: 400', async () => {
  const wrong = createHash('sha256').update('{ somethingElse }').digest('hex');
  const answer = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
  expectRefused(answer, /sha/i);
});

test('aliases of __typename count toward the alias limit like any other', async () => {
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
  const many = await post({ query: aliases(200) });
  expect(many.status).toBe(400);
  expect(many.body.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  expect(await post({ query: aliases(5) })).toMatchObject({ status: 200, body: { data: { a0: 'Query', a4: 'Query' } } });
});
