import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { SignJWT } from 'jose';
import { readGatewayConfig } from '../src/config';
import { sha256 } from '../src/registered-operations';
import { startGateway } from '../src/server';

/**
 * What a front-end team relies on, shown on the gateway alone (every subgraph down: these answers
 * need none): specific codes for limits and subscriptions, GET queries without extra headers, gzip,
 * and a deployment that runs only the operations its front-ends registered, by text or by hash.
 */
const jwtSecret = randomBytes(32).toString('hex');
const APP_QUERY = 'query AppPing { __typename }';
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  const dead = 'http://127.0.0.1:9/graphql';
  const manifests = mkdtempSync(join(tmpdir(), 'district-manifests-'));
  writeFileSync(
    join(manifests, 'street-app.json'),
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(APP_QUERY), name: 'AppPing', type: 'query', body: APP_QUERY }],
    }),
  );
  gateway = await startGateway(
    readGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
      INTROSPECTION: 'analysts',
      MAX_DEPTH: '3',
      MAX_TOKENS: '200',
      OPERATIONS: 'registered',
      PERSISTED_OPERATIONS_DIR: manifests,
      WORKFORCE_URL: dead,
      PARTY_BUILDING_URL: dead,
      SOCIAL_ORGANIZATIONS_URL: dead,
      VOLUNTEER_STATIONS_URL: dead,
      GIG_CARE_URL: dead,
    }),
  );
});

afterAll(() => gateway?.close());

const token = (roles: string[], region?: string) =>
  new SignJWT({ roles, ...(region ? { region } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`conventions-${roles[0]}`)
    .setIssuer('district-auth')
    .setAudience('district-graph')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(jwtSecret));

const ANALYST = ['ANALYST'];
const STREET: [string[], string] = [['STREET'], '410106001000'];

async function post(body: Record<string, unknown>, roles = ANALYST, region?: string, headers: Record<string, string> = {}) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(roles, region)}`, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] },
  };
}

test('a subscription is refused as not supported, with a 400, not a server error', async () => {
  const res = await post({ query: 'subscription { region(code: "410106") { name } }' });
  expect(res.status).toBe(400);
  expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('OPERATION_NOT_SUPPORTED');
  expect(res.body.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
});

test('a query over a limit says so with its own code, a typo keeps the validation code', async () => {
  const deep = await post({ query: '{ region(code: "410106") { parent { parent { parent { name } } } } }' });
  expect(deep.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
  const long = await post({ query: `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: regions { totalCount }`).join(' ')} }` });
  expect(long.body.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  const typo = await post({ query: '{ regoin(code: "410106") { name } }' });
  expect(typo.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('GET queries need only the bearer token (no apollo-require-preflight); a GET mutation is refused', async () => {
  const url = `${gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${await token(ANALYST)}` } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  const mutation = await fetch(`${gateway.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
    headers: { authorization: `Bearer ${await token(ANALYST)}` },
  });
  expect(mutation.status).toBe(405);
});

test('GET follows the introspection policy like POST', async () => {
  const query = encodeURIComponent('{ __schema { queryType { name } } }');
  const [street, region] = STREET;
  const refused = await fetch(`${gateway.url}?query=${query}`, { headers: { authorization: `Bearer ${await token(street, region)}` } });
  expect(refused.status).toBe(403);
});

test('responses are gzipped when the client accepts it: introspection shrinks several times', async () => {
  const body = JSON.stringify({ query: getIntrospectionQuery() });
  const auth = `Bearer ${await token(ANALYST)}`;
  // a plain request, so the gzip bytes are read as sent (fetch would inflate them)
  const raw = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
    const req = http.request(
      gateway.url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', authorization: auth } },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(raw.encoding).toBe('gzip');
  const inflated = gunzipSync(raw.bytes);
  expect(JSON.parse(inflated.toString()).data.__schema.queryType.name).toBe('Query');
  console.log(`introspection: ${inflated.length} bytes, ${raw.bytes.length} gzipped`);
  expect(raw.bytes.length * 4).toBeLessThan(inflated.length);
});

describe('registered operations (OPERATIONS=registered)', () => {
  const [street, region] = STREET;

  test('a street app runs its registered operation by text or by hash, GET or POST', async () => {
    expect((await post({ query: APP_QUERY }, street, region)).body.data).toEqual({ __typename: 'Query' });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(APP_QUERY) } } }, street, region);
    expect(byHash.body.data).toEqual({ __typename: 'Query' });
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(APP_QUERY) } }));
    const get = await fetch(`${gateway.url}?extensions=${extensions}`, {
      headers: { authorization: `Bearer ${await token(street, region)}` },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  test('anything else is refused for the app, while an analyst still writes ad-hoc queries', async () => {
    const other = await post({ query: '{ __typename q: __typename }' }, street, region);
    expect(other.status).toBe(403);
    expect(other.body.errors?.[0].extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    const unknownHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ x }') } } }, street, region);
    expect(unknownHash.body.errors?.[0].extensions?.code).toBe('OPERATION_NOT_REGISTERED');
    expect((await post({ query: '{ __typename q: __typename }' })).body.data).toEqual({ __typename: 'Query', q: 'Query' });
  });
});

test('the reviewed operations are registered too, and so is the work report workbook', async () => {
  const [street, region] = STREET;
  const report = readFileSync(join(__dirname, '..', '..', 'schema', 'operations', 'annual-report.graphql'), 'utf8');
  const res = await post({ query: report, variables: { region: '410106001000', year: 2025 } }, street, region);
  expect(res.body.errors?.[0]?.extensions?.code).not.toBe('OPERATION_NOT_REGISTERED');
  const workbook = await fetch(gateway.url.replace('/graphql', '/export/annual-report?code=410106001000&year=2025'), {
    headers: { authorization: `Bearer ${await token(street, region)}` },
  });
  expect(JSON.stringify(await workbook.json())).not.toMatch(/OPERATION_NOT_REGISTERED/);
  const list = await fetch(gateway.url.replace('/graphql', '/export?format=csv'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(street, region)}` },
    body: JSON.stringify({ query: '{ gigWorkers { nodes { id } } }' }),
  });
  expect(list.status).toBe(403);
});
