import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { trainingsLedger } from '../src/modules/trainings/trainings.ledger';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';
import { importFile } from './kit';

/**
 * Trainings for property service staff (安置小区物业服务培训; seeds/001 §(五)三): they are not
 * workers, so a session organised for them carries its headcount (参训人次). Figures at district,
 * street and community against the fixture rows; the workers' person-times are not touched; the
 * report's sentence from one query; daily work.
 */
const FILE = 'workforce/trainings.csv';
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([FILE]));
});

afterAll(() => sg?.close());

/** The community a fixture session's organiser names (“<community>居委会”). */
const organiserCommunity = (fx: GovernanceFixtures, r: FixtureRow) => fx.communities.find((c) => `${c.name}居委会` === r.organiser)!.code;

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows[FILE].filter((r) => cs.has(organiserCommunity(fx, r)));
  const y = (r: FixtureRow, year: string) => String(r.startOn).startsWith(year);
  const sum = (year: string) => rows.filter((r) => y(r, year)).reduce((s, r) => s + Number(r.participants), 0);
  return {
    sessions: { value: rows.filter((r) => y(r, '2025')).length, previousYear: rows.filter((r) => y(r, '2024')).length },
    participants: { value: sum('2025'), previousYear: sum('2024') },
    workerPersonTimes: { value: 0 },
  };
}

test('sessions for property staff and their person-times at the district, a street and a community agree with the rows', async () => {
  const other = fx.communities.find((c) => c.street !== fx.street && fx.rows[FILE].some((r) => r.organiser === `${c.name}居委会`))!;
  for (const code of ['410106000000', fx.street, other.street, other.code]) {
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { workforce {
        sessions: trainingsOrganised(year: 2025, audience: PROPERTY_STAFF) { value previousYear }
        participants: trainingOrganisedParticipants(year: 2025, audience: PROPERTY_STAFF) { value previousYear }
        workerPersonTimes: trainingOrganisedPersonTimes(year: 2025, audience: PROPERTY_STAFF) { value } } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.workforce).toEqual(expected(code));
  }
});

test('a seed sentence from one query: “开展安置小区物业服务培训5次 … 近300人次” (seeds/001 §(五)三)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { workforce {
      sessions: trainingsOrganised(year: 2025, audience: PROPERTY_STAFF) { value }
      participants: trainingOrganisedParticipants(year: 2025, audience: PROPERTY_STAFF) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.region.workforce;
  expect(`开展安置小区物业服务培训${g.sessions.value}次，提供近${Math.ceil(g.participants.value / 100) * 100}人次的业务培训`).toBe(
    '开展安置小区物业服务培训5次，提供近300人次的业务培训',
  );
});

test('daily work: a session for property staff with its headcount; a headcount for workers is refused', async () => {
  const community = fx.communities.find((c) => c.street === fx.street)!;
  const office = testCallers.community(community.code);
  const schedule = (id: string, audience: string, organiserCode = community.code) =>
    sg.query(
      `mutation($o: ID!) { scheduleWorkforceTraining(input: { id: "${id}", name: "物业秩序维护培训", type: SYSTEM_TRAINING, startOn: "2026-04-01", organiserCode: $o, audience: ${audience}, participants: 45 }) { id participants audience } }`,
      { o: organiserCode },
      office,
    );
  const made = await schedule('WYPX2026001', 'PROPERTY_STAFF');
  expect(made.errors).toBeUndefined();
  expect(made.data!.scheduleWorkforceTraining).toMatchObject({ participants: 45, audience: 'PROPERTY_STAFF' });
  expect(errorOf(await schedule('WYPX2026002', 'ALL_WORKERS'))).toEqual({ code: 'BAD_USER_INPUT', field: 'participants' });
  const elsewhere = fx.communities.find((c) => c.street !== fx.street)!;
  expect(errorOf(await schedule('WYPX2026003', 'PROPERTY_STAFF', elsewhere.code)).code).toBe('FORBIDDEN');
  const id = made.data!.scheduleWorkforceTraining.id;
  const fixed = await sg.query(
    `mutation($id: ID!) { correctWorkforceTraining(id: $id, input: { participants: 48 }, reason: "补签") { participants } }`,
    { id },
    office,
  );
  expect(fixed.data!.correctWorkforceTraining.participants).toBe(48);
  const toWorkers = await sg.query(
    `mutation($id: ID!) { correctWorkforceTraining(id: $id, input: { audience: GRID_WORKERS }) { id } }`,
    { id },
    office,
  );
  expect(errorOf(toWorkers)).toEqual({ code: 'BAD_USER_INPUT', field: 'participants' });
  const fig = await sg.query(
    `query($c: ID!) { region(code: $c) { workforce { trainingOrganisedParticipants(year: 2026, audience: PROPERTY_STAFF) { value } } } }`,
    { c: community.code },
    analyst,
  );
  expect(fig.data!.region.workforce.trainingOrganisedParticipants.value).toBe(48);
});

test('the ledger refuses a headcount on a session for workers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainings-'));
  const row = { ...fx.rows[FILE][0], number: 'WYPX-BAD', audience: '网格员' };
  const refused = await importFile(sg, trainingsLedger, writeLedgerFile(dir, trainingsLedger, [row])).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(LedgerImportError);
  expect((refused as LedgerImportError).defects).toEqual([expect.objectContaining({ row: 1, column: '参训人次' })]);
});
