import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Caller } from '../../services/common/src';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * The gateway's access rules hold whichever way a request comes: introspection stays closed over
 * GET and as an automatic persisted query sent by its hash; a token must expire, and soon; the
 * internal SERVICE role is never taken from outside; a flood of requests without a valid token is
 * cut off per client address.
 */
const street: Caller = { subject: 'door-street', roles: ['STREET'], regionScope: '410106001000' };
const INTROSPECT = '{ __schema { types { name } } }';
const FLOOD_LIMIT = 10;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(
    { INTROSPECTION: 'off', UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: String(FLOOD_LIMIT), RATE_LIMIT_PER_MINUTE: '1000' },
    { shangjie: true },
  );
}, 300_000);

afterAll(() => stack?.stop());

async function get(query: string, caller: Caller, extensions?: object) {
  const url = new URL(stack.gatewayUrl);
  if (query) url.searchParams.set('query', query);
  if (extensions) url.searchParams.set('extensions', JSON.stringify(extensions));
  const res = await fetch(url, { headers: { authorization: `Bearer ${await stack.token(caller)}`, 'apollo-require-preflight': 'true' } });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] },
  };
}

async function post(body: object, caller: Caller) {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(caller)}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] },
  };
}

describe('introspection is refused on every transport while it is off', () => {
  test.each([
    ['a street office', street],
    ['an administrator', ADMIN],
  ])('%s: POST, GET with a preflight header, a fragment, and a persisted query by hash', async (_, caller) => {
    const viaPost = await post({ query: INTROSPECT }, caller);
    const viaGet = await get(INTROSPECT, caller);
    const viaFragment = await post({ query: '{ ...Q } fragment Q on Query { __type(name: "Region") { fields { name } } }' }, caller);
    const hash = createHash('sha256').update(INTROSPECT).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };
    const register = await post({ query: INTROSPECT, extensions: persisted }, caller);
    const byHash = await get('', caller, persisted);
    for (const res of [viaPost, viaGet, viaFragment, register, byHash]) {
      expect(res.body.data?.__schema ?? res.body.data?.__type).toBeUndefined();
      expect(res.status === 403 || res.body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND').toBe(true);
    }
    expect([viaPost, viaGet, viaFragment, register].map((r) => [r.status, r.body.errors?.[0]?.extensions?.code])).toEqual(
      Array(4).fill([403, 'FORBIDDEN']),
    );
  });

  test('an ordinary query over GET is still answered', async () => {
    const res = await get('{ region(code: "410106001000") { name } }', street);
    expect(res.status).toBe(200);
    expect(res.body.data?.region).toBeTruthy();
  });
});

describe('tokens', () => {
  const secret = () => new TextEncoder().encode(stack.jwtSecret);
  const base = (claims: Record<string, unknown> = { roles: ['DISTRICT_ADMIN'] }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('door-token')
      .setIssuer('district-auth')
      .setAudience('district-graph');
  const ask = async (token: string) => stack.query('{ region(code: "410106") { name } }', {}, { authorization: `Bearer ${token}` });

  test('a token without exp, or living longer than 24 hours, is refused; a 12-hour token is accepted', async () => {
    const forever = await base().setIssuedAt().sign(secret());
    const century = await base().setIssuedAt().setExpirationTime('100y').sign(secret());
    const noIat = await base().setExpirationTime('30d').sign(secret());
    const day = await base().setIssuedAt().setExpirationTime('12h').sign(secret());
    const refused = await Promise.all([forever, century, noIat].map(ask));
    expect(refused.map((r) => [r.status, r.errors?.[0]?.extensions?.code])).toEqual(Array(3).fill([401, 'UNAUTHENTICATED']));
    expect(refused[0].errors?.[0].message).toMatch(/no expiry/);
    expect(refused[1].errors?.[0].message).toMatch(/longer than/);
    expect((await ask(day)).status).toBe(200);
  });

  test('the internal SERVICE role is refused from outside', async () => {
    const service = await base({ roles: ['SERVICE'] })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret());
    const mixed = await base({ roles: ['ANALYST', 'SERVICE'] })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret());
    for (const token of [service, mixed]) {
      const res = await ask(token);
      expect(res.status).toBe(401);
      expect(res.errors?.[0].message).toMatch(/SERVICE role is internal/);
    }
  });

  test('requests without a valid token are limited per client address; a verified caller from it is not', async () => {
    // other tests of this file spend some of the address's allowance too: count until the first 429
    const statuses: number[] = [];
    for (let i = 0; i < FLOOD_LIMIT + 3; i++)
      statuses.push((await stack.query('{ __typename }', {}, { authorization: 'Bearer not-a-token' })).status);
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(-1);
    expect(firstRefused).toBeLessThanOrEqual(FLOOD_LIMIT);
    expect(statuses.slice(0, firstRefused).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    expect((await stack.query('{ __typename }', {}, ADMIN)).status).toBe(200);
  });
});
