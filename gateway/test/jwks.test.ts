import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { readGatewayConfig } from '../src/config';
import { startGateway } from '../src/server';

/** Callers signed by an identity provider's key set (JWKS_URL) instead of a shared secret. */
let gateway: Awaited<ReturnType<typeof startGateway>>;
let jwks: http.Server;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const port = (jwks.address() as { port: number }).port;
  gateway = await startGateway(
    readGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
    }),
  );
});

afterAll(async () => {
  await gateway?.close();
  jwks?.close();
});

const post = async (token: string) => {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return { status: res.status, body: (await res.json()) as { errors?: { message: string }[] } };
};

test('a token signed with the provider key is accepted', async () => {
  const token = await new SignJWT({ roles: ['ANALYST'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('idp-user')
    .setIssuer('district-auth')
    .setAudience('district-graph')
    .setExpirationTime('5m')
    .sign(privateKey);
  expect((await post(token)).status).toBe(200);
});

test('a shared-secret token is refused when the gateway trusts only the key set', async () => {
  const token = await new SignJWT({ roles: ['DISTRICT_ADMIN'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('forger')
    .setIssuer('district-auth')
    .setAudience('district-graph')
    .setExpirationTime('5m')
    .sign(randomBytes(32));
  const res = await post(token);
  expect(res.status).toBe(401);
  expect(res.body.errors?.[0].message).toMatch(/invalid token/);
});
