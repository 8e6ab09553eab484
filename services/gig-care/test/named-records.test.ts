import type { Caller } from '@district/common';
import { testCallers, type GraphQLResult } from '@district/testkit';
import { startGig, type GigGraph } from './kit';

/**
 * A mutation that names a second record (a reporter, a worker) names only one its caller may see: a
 * street's report does not name another street's worker, and the refusal reads exactly as for a
 * worker that does not exist (no flag of the other worker is looked at first).
 */
let g: GigGraph;
beforeAll(async () => {
  g = await startGig({ shangjie: true });
});
afterAll(() => g?.close());

const STREET = testCallers.street('410106001000');
const run = (query: string, variables: Record<string, unknown>, caller: Caller) =>
  g.sg.query(query, variables, caller) as Promise<GraphQLResult<Record<string, any>>>;
const errorOf = (res: GraphQLResult) => {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field, message: e?.message.replace(/XJY\d+/g, '…') };
};
const REPORT = `mutation($r: ID!) { reportGigIssue(input: { reporterCode: $r, gridCode: "41010600100101", category: "井盖缺失" }) { id } }`;

test("a street cannot report an issue in another street's worker's name, and is answered as for a missing worker", async () => {
  // XJY00188 is a mobile grid member of street 410106002000
  const [{ n: before }] = await g.sg.sql<{ n: string }>('SELECT count(*) AS n FROM gig_issue');
  const other = await run(REPORT, { r: 'XJY00188' }, STREET);
  const missing = await run(REPORT, { r: 'XJY99999' }, STREET);
  expect(errorOf(other)).toEqual({ code: 'BAD_USER_INPUT', field: 'reporterCode', message: errorOf(missing).message });
  const [{ n: after }] = await g.sg.sql<{ n: string }>('SELECT count(*) AS n FROM gig_issue');
  expect(after).toBe(before);
});

test("whether another street's worker is a mobile grid member is not told", async () => {
  const [{ code }] = await g.sg.sql<{ code: string }>(
    `SELECT number AS code FROM gig_worker WHERE community_code LIKE '410106002%' AND NOT mobile_grid_member AND withdrawn_on IS NULL ORDER BY number LIMIT 1`,
  );
  const res = await run(REPORT, { r: code }, STREET);
  expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
  expect(res.errors![0].message).not.toContain('流动网格员');
});
