import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { importLedgers } from '@district/infra';
import { CALLER_HEADER, signCaller, type Caller } from '../../services/common/src';
import { ADMIN, startTestStack, type TestStack } from '@district/testkit';

/**
 * Who may see and change what, shown from the outside: tokens of each role against the gateway.
 */
const SHANGJIE = join(__dirname, '..', '..', '..', 'shared', 'datasets', 'shangjie-2025');
const STREET = '410106001000';
const OTHER_STREET = '410106002000';

const analyst: Caller = { subject: 'e2e-analyst', roles: ['ANALYST'] };
const streetOffice: Caller = { subject: 'e2e-street', roles: ['STREET'], regionScope: STREET };
const volunteerDept: Caller = { subject: 'e2e-volunteer-dept', roles: ['DEPARTMENT'], department: 'volunteer-stations' };

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '1000', MAX_ALIASES: '20', MAX_DEPTH: '12' });
  const report = await importLedgers(stack, SHANGJIE);
  expect(report.ok).toBe(true);
}, 300_000);

afterAll(() => stack?.stop());

describe('tokens', () => {
  test('a missing token is refused with a clear error', async () => {
    const res = await stack.query('{ region(code: "410106") { name } }', {}, {});
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/missing bearer token/);
  });

  test('expired, foreign-issuer, wrong-audience and forged tokens are refused', async () => {
    const secret = new TextEncoder().encode(stack.jwtSecret);
    const base = () => new SignJWT({ roles: ['DISTRICT_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x');
    const expired = await base()
      .setIssuer('district-auth')
      .setAudience('district-graph')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    const issuer = await base().setIssuer('someone-else').setAudience('district-graph').setExpirationTime('1h').sign(secret);
    const audience = await base().setIssuer('district-auth').setAudience('another-app').setExpirationTime('1h').sign(secret);
    const forged = await base()
      .setIssuer('district-auth')
      .setAudience('district-graph')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-deployment-secret-but-long-enough'));
    for (const [token, why] of [
      [expired, /expired/],
      [issuer, /iss/],
      [audience, /aud/],
      [forged, /invalid token/],
    ] as const) {
      const res = await stack.query('{ region(code: "410106") { name } }', {}, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.errors?.[0].message).toMatch(why);
    }
  });

  test('`pnpm token` issues a token the gateway accepts, for any node; a street and no region is refused', async () => {
    const cli = join(__dirname, '..', '..', 'infra', 'dist', 'token-cli.js');
    const env = { ...process.env, JWT_SECRET: stack.jwtSecret, DATA_DIR: stack.dataDir };
    const token = execFileSync(process.execPath, [cli, '--role', 'STREET', '--region', OTHER_STREET], { env, encoding: 'utf8' }).trim();
    const auth = { authorization: `Bearer ${token}` };
    const own = await stack.query(`{ region(code: "${OTHER_STREET}") { workforce { workers(year: 2025) { value } } } }`, {}, auth);
    expect(own.errors).toBeUndefined();
    expect(own.data!.region.workforce.workers.value).toBeGreaterThan(0);
    const other = await stack.query(`{ communityWorkers(filter: { regionCode: "${STREET}" }) { totalCount } }`, {}, auth);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refused = spawnSync(process.execPath, [cli, '--role', 'STREET'], { env, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--region: STREET 须指定辖区 \/ STREET needs its region/);
  });

  test('a subgraph refuses a client that bypasses the gateway', async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(res.status).toBe(401);
    }
    const wrongSecret = await signCaller(ADMIN, 'a-secret-that-is-not-the-internal-secret!!');
    const res = await fetch(stack.subgraphUrls.workforce, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: wrongSecret },
      body: JSON.stringify({ query: '{ _entities(representations: [{__typename: "Region", code: "410106000000"}]) { __typename } }' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('region scope', () => {
  test("a street office is answered for its own street; the district above it is refused, not narrowed under the district's name", async () => {
    const district = await stack.query('{ region(code: "410106") { structure(year: 2025) { communities { value } } } }', {}, ADMIN);
    const above = await stack.query(
      '{ region(code: "410106") { name structure(year: 2025) { communities { value } } workforce { workers(year: 2025) { value } } } }',
      {},
      streetOffice,
    );
    expect(above.data?.region.name).toBeTruthy(); // the ancestor node itself is visible
    expect(above.data?.region.workforce).toBeNull();
    expect(above.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const asStreet = await stack.query(
      `{ region(code: "${STREET}") { structure(year: 2025) { communities { value } } } }`,
      {},
      streetOffice,
    );
    expect(asStreet.data?.region.structure.communities.value).toBeLessThan(district.data?.region.structure.communities.value);
    const other = await stack.query(`{ region(code: "${OTHER_STREET}") { code } }`, {}, streetOffice);
    expect(other.data?.region).toBeNull();
    const list = await stack.query<{ regions: { nodes: { code: string }[] } }>(
      '{ regions(level: COMMUNITY, first: 200) { nodes { code } } }',
      {},
      streetOffice,
    );
    expect(list.data!.regions.nodes.length).toBeGreaterThan(0);
    expect(list.data!.regions.nodes.every((n) => n.code.startsWith('410106001'))).toBe(true);
  });
});

describe('region scope for records and writes', () => {
  const community: Caller = { subject: 'e2e-community', roles: ['COMMUNITY'], regionScope: '410106001001' };
  const WORKERS =
    'query($region: ID) { communityWorkers(filter: { regionCode: $region }, first: 200) { totalCount nodes { id community { code } } } }';
  type Workers = { communityWorkers: { totalCount: number; nodes: { id: string; community: { code: string } }[] } };

  test("a community sees only its own workers; a street cannot read another street's worker by guessing the key", async () => {
    const own = await stack.query<Workers>(WORKERS, {}, community);
    expect(own.data!.communityWorkers.totalCount).toBeGreaterThan(0);
    expect(own.data!.communityWorkers.nodes.every((w) => w.community.code === '410106001001')).toBe(true);
    const elsewhere = await stack.query<Workers>(WORKERS, { region: OTHER_STREET }, ADMIN);
    const guessed = elsewhere.data!.communityWorkers.nodes[0].id;
    const asStreet = await stack.query(`{ communityWorker(id: "${guessed}") { id } }`, {}, streetOffice);
    expect(asStreet.data?.communityWorker).toBeNull();
  });

  test('a street office writes inside its street and is refused outside it', async () => {
    const raise = 'mutation($input: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $input) { id community { code } } }';
    const inside = await stack.query(
      raise,
      { input: { communityCode: '410106001002', title: '楼道堆物清理', method: '五步议事法', raisedOn: '2025-12-01' } },
      streetOffice,
    );
    expect(inside.errors).toBeUndefined();
    expect(inside.data?.raiseDeliberationTopic.community.code).toBe('410106001002');
    const outside = await stack.query(
      raise,
      { input: { communityCode: '410106002001', title: '停车难', method: '五步议事法', raisedOn: '2025-12-01' } },
      streetOffice,
    );
    expect(outside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const trail = await stack.query<{ workforceAuditTrail: { subject: string; outcome: string; operation: string }[] }>(
      '{ workforceAuditTrail(first: 20, operation: "raiseDeliberationTopic") { subject outcome operation } }',
      {},
      ADMIN,
    );
    expect(
      trail
        .data!.workforceAuditTrail.filter((e) => e.subject === streetOffice.subject)
        .map((e) => e.outcome)
        .sort(),
    ).toEqual(['FORBIDDEN', 'OK']);
  });

  test('a mutation naming a grid that is not in the region tree is refused, asked of the workforce subgraph', async () => {
    const raise =
      'mutation($grid: ID!) { raiseVolunteerNeed(input: { gridCode: $grid, content: "代购药品", category: "代购代办", raisedOn: "2025-12-01" }) { code } }';
    const missing = await stack.query(raise, { grid: '41010600100199' }, volunteerDept);
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/no such grid/);
    const real = await stack.query(raise, { grid: '41010600100101' }, volunteerDept);
    expect(real.errors).toBeUndefined();
  });

  test("a department reads other departments' figures", async () => {
    const res = await stack.query('{ region(code: "410106") { gigCare { issuesReported(year: 2025) { value } } } }', {}, volunteerDept);
    expect(res.data?.region.gigCare.issuesReported.value).toBeGreaterThan(0);
  });
});

describe('limits against abusive queries', () => {
  test('more than 20 aliases is refused with HTTP 400', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: region(code: "410106") { code }`).join(' ');
    const res = await stack.query(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/aliases exceed the limit of 20/);
  });

  test('too deep a query is refused', async () => {
    const deep =
      '{ region(code: "410106") { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } } }';
    const res = await stack.query(deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/depth/);
  });

  test('a query whose page sizes multiply past the cost limit is refused', async () => {
    const res = await stack.query('{ regions(first: 200) { nodes { grids(first: 200) { nodes { compounds { code name } } } } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/cost/);
  });

  test('batched requests are refused; field suggestions are hidden', async () => {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(ADMIN)}` },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    const typo = await stack.query('{ regin(code: "410106") { code } }');
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
  });

  test('introspection is for analysts in development, not for street offices', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await stack.query(q, {}, analyst)).data?.__schema.queryType.name).toBe('Query');
    expect((await stack.query(q, {}, streetOffice)).status).toBe(403);
  });

  test('an oversized request body is refused', async () => {
    const res = await stack.query(`{ region(code: "410106") { code } } # ${'x'.repeat(200_000)}`);
    expect(res.status).toBe(413);
  });
});

describe('personal data and writes', () => {
  const VOLUNTEERS = '{ volunteers(first: 3) { nodes { id number name idNumber phone } } }';
  type Volunteers = { volunteers: { nodes: { id: string; number: string; name: string; idNumber: string; phone: string | null }[] } };

  test('an analyst sees volunteers masked; the department sees them whole and the read is recorded', async () => {
    const masked = await stack.query<Volunteers>(VOLUNTEERS, {}, analyst);
    for (const v of masked.data!.volunteers.nodes) {
      expect(v.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (v.phone) expect(v.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(v.name).toMatch(/^.\*+$/);
    }
    const whole = await stack.query<Volunteers>(VOLUNTEERS, {}, volunteerDept);
    expect(whole.data!.volunteers.nodes.map((v) => v.number)).toEqual(masked.data!.volunteers.nodes.map((v) => v.number));
    for (const v of whole.data!.volunteers.nodes) expect(v.idNumber).toMatch(/^\d{17}[\dX]$/);
    const trail = await stack.query<{ volunteerStationsAuditTrail: { subject: string; kind: string; target: string }[] }>(
      '{ volunteerStationsAuditTrail(first: 50) { subject kind target } }',
      {},
      ADMIN,
    );
    const reads = trail.data!.volunteerStationsAuditTrail.filter((e) => e.kind === 'PERSONAL_READ' && e.subject === volunteerDept.subject);
    expect(reads.map((e) => e.target)).toEqual(expect.arrayContaining(whole.data!.volunteers.nodes.map((v) => `Volunteer:${v.id}`)));
  });

  test("an analyst cannot write; a department cannot write another department's data", async () => {
    const release = 'mutation($id: ID!) { releaseCommunityWorker(id: $id, leftOn: "2025-12-01") { id } }';
    const worker = await stack.query<{ communityWorkers: { nodes: { id: string }[] } }>('{ communityWorkers(first: 1) { nodes { id } } }');
    const id = worker.data!.communityWorkers.nodes[0].id;
    for (const caller of [analyst, volunteerDept]) {
      const res = await stack.query(release, { id }, caller);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('the audit trail is for administrators only', async () => {
    const asAdmin = await stack.query('{ workforceAuditTrail(first: 5) { operation outcome } }', {}, ADMIN);
    expect(asAdmin.errors).toBeUndefined();
    const asAnalyst = await stack.query('{ workforceAuditTrail(first: 5) { operation } }', {}, analyst);
    expect(asAnalyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('errors reach clients without internal URLs or stack traces', async () => {
    const res = await stack.query('{ region(code: "not-a-code") { code structure(year: 2025) { grids { value } } } }', {}, volunteerDept);
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|stacktrace|at .*\.js:\d+/);
  });
});
