import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';

/**
 * Community elections of the three committees (社区"三委"换届, seeds/000 二.一) feeding the workers'
 * posts, and secretary rotation (书记轮岗, seeds/002): from the generated Shangjie ledgers, figures at
 * district, street and community against counts from the fixture rows, the seeds' sentences from one
 * query each, who held a post on a day (list and figure agreeing), and daily work.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/elections.csv', 'workforce/election_results.csv']));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  communitiesElected(year: 2025) { value previousYear }
  electionsHeld(year: 2025) { value }
  secretaries: membersElected(year: 2025, committee: PARTY, post: SECRETARY) { value }
  members: membersElected(year: 2025) { value }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const elections = fx.rows['workforce/elections.csv'].filter((e) => cs.has(String(e.community)));
  const completedIn = (y: string) => new Set(elections.filter((e) => String(e.completedOn ?? '').startsWith(y)).map((e) => e.number));
  const done2025 = completedIn('2025');
  const results = fx.rows['workforce/election_results.csv'].filter((r) => done2025.has(r.election));
  return {
    communitiesElected: { value: done2025.size, previousYear: completedIn('2024').size },
    electionsHeld: { value: elections.filter((e) => String(e.heldOn).startsWith('2025')).length },
    secretaries: { value: results.filter((r) => r.committee === '党组织委员会' && r.post === '书记').length },
    members: { value: results.length },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106004000', fx.communities[0].code, fx.communities[8].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: “8个社区“三委”换届选举工作平稳有序完成” (seeds/000)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { name
      governance { communitiesElected(year: 2025) { value } }
      communityElections(filter: { completed: false }) { nodes { community { name } heldOn } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const pending = r.communityElections.nodes.map((n: { community: { name: string } }) => n.community.name).join('、');
  expect(`${r.name}${r.governance.communitiesElected.value}个社区“三委”换届选举工作平稳有序完成，${pending}换届进行中`).toBe(
    `济源路街道8个社区“三委”换届选举工作平稳有序完成，${fx.communities[8].name}换届进行中`,
  );
});

test('a completed election feeds the posts: the community worker elected to the residents’ committee is a 两委委员 from that day', async () => {
  const election = fx.rows['workforce/elections.csv'][0];
  const elected = fx.rows['workforce/election_results.csv'].filter(
    (r) => r.election === election.number && r.post === '委员' && r.committee === '居民委员会',
  );
  const newcomer = elected.at(-1)!.worker;
  const res = await sg.query(`query($id: ID!) { communityWorker(id: $id) { role posts { role fromOn toOn } } }`, {
    id: `410106:${newcomer}`,
  });
  expect(res.errors).toBeUndefined();
  const posts = res.data!.communityWorker.posts;
  expect(posts.at(-1)).toEqual({ role: 'COMMITTEE_MEMBER', fromOn: election.completedOn, toOn: null });
  expect(posts.at(-2)).toMatchObject({ role: 'COMMUNITY_WORKER', toOn: election.completedOn });
  expect(res.data!.communityWorker.role).toBe('COMMITTEE_MEMBER');
});

describe('secretary rotation (书记轮岗, seeds/002)', () => {
  test('two secretaries swap communities; one query says so; who held the post on a day agrees with the head count', async () => {
    const [a, b] = ['410106002001', '410106002002'];
    const secretaryOf = async (code: string, day: string) => {
      const res = await sg.query(
        `query($c: ID!, $d: Date!, $y: Int!) { region(code: $c) {
          communityWorkers(filter: { role: PARTY_SECRETARY, activeOn: $d }) { nodes { id } }
          workforce { workers(year: $y, asOf: $d, role: PARTY_SECRETARY) { value } } } }`,
        { c: code, d: day, y: Number(day.slice(0, 4)) },
        analyst,
      );
      expect(res.errors).toBeUndefined();
      const ids = res.data!.region.communityWorkers.nodes.map((n: { id: string }) => n.id);
      expect(ids.length).toBe(res.data!.region.workforce.workers.value);
      return ids;
    };
    const [sa] = await secretaryOf(a, '2025-08-01');
    const [sb] = await secretaryOf(b, '2025-08-01');
    expect(sa && sb).toBeTruthy();
    for (const [id, to] of [
      [sa, b],
      [sb, a],
    ]) {
      const moved = await sg.query(
        `mutation($id: ID!, $to: ID!) { moveCommunityWorker(input: { id: $id, on: "2025-08-15", communityCode: $to, role: PARTY_SECRETARY }) { id } }`,
        { id, to },
        testCallers.department('workforce'),
      );
      expect(moved.errors).toBeUndefined();
    }
    expect(await secretaryOf(a, '2025-08-14')).toEqual([sa]);
    expect(await secretaryOf(a, '2025-08-15')).toEqual([sb]);
    expect(await secretaryOf(b, '2025-12-31')).toEqual([sa]);

    const res = await sg.query(
      `query { region(code: "410106002000") { workforce { postRotations(year: 2025, role: PARTY_SECRETARY) { value previousYear } } } }`,
      {},
      analyst,
    );
    const n = res.data!.region.workforce.postRotations.value;
    expect(`社区党组织书记岗位交流：${n}位书记跨社区轮岗`).toBe('社区党组织书记岗位交流：2位书记跨社区轮岗');
    const one = await sg.query(
      `query($c: ID!) { region(code: $c) { workforce { postRotations(year: 2025) { value } } } }`,
      { c: a },
      analyst,
    );
    expect(one.data!.region.workforce.postRotations.value).toBe(1);
  });
});

describe('daily work', () => {
  const community = '410106005003';
  const office = testCallers.community(community);

  test('an election held, results recorded, completed on its day: the posts follow; errors name their field', async () => {
    const worker = (
      await sg.sql<{ id: string }>(
        `SELECT w.id FROM worker w WHERE w.community_code = ? AND w.role = 'COMMUNITY_WORKER' AND w.left_on IS NULL ORDER BY w.id LIMIT 1`,
        [community],
      )
    )[0].id;
    const held = await sg.query(
      `mutation($c: ID!) { holdCommunityElection(input: { communityCode: $c, term: "第十三届", heldOn: "2026-04-01", partySeats: 5, residentsSeats: 7, supervisorySeats: 3 }) { id number completedOn } }`,
      { c: community },
      office,
    );
    expect(held.errors).toBeUndefined();
    const id = held.data!.holdCommunityElection.id;
    expect(held.data!.holdCommunityElection.number).toMatch(/^HJ2026\d{4}$/);

    const wrongPost = await sg.query(
      `mutation($e: ID!, $w: ID!) { recordElectionResult(input: { electionId: $e, committee: PARTY, post: DIRECTOR, workerId: $w }) { id } }`,
      { e: id, w: worker },
      office,
    );
    expect(errorOf(wrongPost)).toEqual({ code: 'BAD_USER_INPUT', field: 'post' });
    const recorded = await sg.query(
      `mutation($e: ID!, $w: ID!) { recordElectionResult(input: { electionId: $e, committee: RESIDENTS, post: DIRECTOR, workerId: $w }) { id worker { role } } }`,
      { e: id, w: worker },
      office,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordElectionResult.worker.role).toBe('COMMUNITY_WORKER'); // not yet in office

    const early = await sg.query(
      `mutation($id: ID!) { completeCommunityElection(id: $id, completedOn: "2026-03-01") { id } }`,
      { id },
      office,
    );
    expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'completedOn' });
    const done = await sg.query(
      `mutation($id: ID!) { completeCommunityElection(id: $id, completedOn: "2026-04-06") { completedOn results { post worker { role posts { role fromOn } } } } }`,
      { id },
      office,
    );
    expect(done.errors).toBeUndefined();
    const w = done.data!.completeCommunityElection.results[0].worker;
    expect(w.role).toBe('COMMITTEE_DIRECTOR');
    expect(w.posts.at(-1)).toEqual({ role: 'COMMITTEE_DIRECTOR', fromOn: '2026-04-06' });
    expect(errorOf(await sg.query(`mutation($id: ID!) { completeCommunityElection(id: $id) { id } }`, { id }, office)).code).toBe(
      'CONFLICT',
    );

    const figure = await sg.query(
      `query($c: ID!) { region(code: $c) { governance { communitiesElected(year: 2026) { value } membersElected(year: 2026, committee: RESIDENTS) { value } } } }`,
      { c: community },
      analyst,
    );
    expect(figure.data!.region.governance).toEqual({ communitiesElected: { value: 1 }, membersElected: { value: 1 } });
    expect(
      errorOf(await sg.query(`mutation($id: ID!) { withdrawCommunityElection(id: $id, reason: "录入错误") { id } }`, { id }, office)).code,
    ).toBe('CONFLICT');
    expect(
      errorOf(
        await sg.query(
          `mutation($c: ID!) { holdCommunityElection(input: { communityCode: $c, heldOn: "2026-04-01" }) { id } }`,
          { c: community },
          testCallers.community('410106001001'),
        ),
      ).code,
    ).toBe('FORBIDDEN');
  });

  test('a correction of the completion day or a withdrawn result takes back the post it gave, and reopens the one before', async () => {
    const [worker] = await sg.sql<{ id: string; role: string }>(
      `SELECT w.id, w.role FROM worker w WHERE w.community_code = ? AND w.role = 'COMMUNITY_WORKER' AND w.left_on IS NULL ORDER BY w.id DESC LIMIT 1`,
      [community],
    );
    const postsOf = async () =>
      (
        await sg.query(
          `query($w: ID!) { communityWorker(id: $w) { role posts { role fromOn toOn } } }`,
          { w: worker.id },
          testCallers.admin,
        )
      ).data!.communityWorker;
    const before = await postsOf();
    const held = await sg.query(
      `mutation($c: ID!) { holdCommunityElection(input: { communityCode: $c, heldOn: "2026-05-01" }) { id } }`,
      { c: community },
      office,
    );
    const id = held.data!.holdCommunityElection.id;
    const result = await sg.query(
      `mutation($e: ID!, $w: ID!) { recordElectionResult(input: { electionId: $e, committee: PARTY, post: SECRETARY, workerId: $w }) { id } }`,
      { e: id, w: worker.id },
      office,
    );
    expect(result.errors).toBeUndefined();
    await sg.query(`mutation($id: ID!) { completeCommunityElection(id: $id, completedOn: "2026-05-06") { id } }`, { id }, office);
    expect((await postsOf()).posts.slice(-2)).toEqual([
      { ...before.posts.at(-1), toOn: '2026-05-06' },
      { role: 'PARTY_SECRETARY', fromOn: '2026-05-06', toOn: null },
    ]);

    // the day was typed wrong: the post begins on the corrected day, with no post left from the wrong one
    const corrected = await sg.query(
      `mutation($id: ID!) { correctCommunityElection(id: $id, input: { completedOn: "2026-05-08" }, reason: "日期录入错误") { completedOn } }`,
      { id },
      office,
    );
    expect(corrected.errors).toBeUndefined();
    const after = await postsOf();
    expect(after.posts).toEqual([
      ...before.posts.slice(0, -1),
      { ...before.posts.at(-1), toOn: '2026-05-08' },
      { role: 'PARTY_SECRETARY', fromOn: '2026-05-08', toOn: null },
    ]);
    expect(after.role).toBe('PARTY_SECRETARY');

    // the result was entered for the wrong person: they are back in their post as before
    const withdrawn = await sg.query(
      `mutation($r: ID!) { withdrawElectionResult(id: $r, reason: "当选人录入错误") { id } }`,
      { r: result.data!.recordElectionResult.id },
      office,
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(await postsOf()).toEqual(before);
    const [row] = await sg.sql<{ n: string }>(`SELECT count(*) AS n FROM worker_post WHERE worker_id = ? AND elected_by IS NOT NULL`, [
      worker.id,
    ]);
    expect(Number(row.n)).toBe(0);
  });
});
