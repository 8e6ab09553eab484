import { globalId } from '@district/common';
import {
  numOrNull,
  placeDefects,
  referenceDefect,
  storeRows,
  str,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type LedgerSpec,
  type LedgerValue,
  type RowProblem,
  type ValidRow,
} from '@district/ledger';
import { LEDGER_NUMBER, stationCommunities } from '../stations/stations.ledger';

const COMMUNITY = /^\d{12}$/;

/**
 * The station a row names must be a live station of the import's district standing in the
 * community the row gives (the community is the row's place, so a street office's import can be
 * checked row by row before any station is looked up).
 */
async function stationDefects<K extends string>(spec: LedgerSpec<K>, batch: ValidRow<K>[], ctx: ImportContext): Promise<Defect[]> {
  const header = (k: string) => (spec.columns as Record<string, ColumnSpec>)[k].header;
  const cell = (r: ValidRow<K>, k: string) => str((r.value as Record<string, LedgerValue>)[k]);
  const ids = batch.map((r) => globalId(ctx.district, cell(r, 'station')));
  const res = await ctx.db.query(`SELECT id, community_code FROM station WHERE id = ANY($1) AND withdrawn_on IS NULL`, [[...new Set(ids)]]);
  const at = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
  return batch.flatMap((r, i) => {
    const community = at.get(ids[i]);
    if (!community) return [referenceDefect(ctx.file, r.row, header('station'), `站点不存在：${cell(r, 'station')} / no such station`)];
    if (community !== cell(r, 'community'))
      return [
        referenceDefect(
          ctx.file,
          r.row,
          header('community'),
          `站点 ${cell(r, 'station')} 位于 ${community}，不是 ${cell(r, 'community')} / the station stands in ${community}`,
        ),
      ];
    return [];
  });
}

/** Records of the district named by number in an optional column, that must exist (live) in `table`. */
async function optionalReferenceDefects<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  ctx: ImportContext,
  key: K,
  table: string,
  what: [string, string],
): Promise<Defect[]> {
  const named = batch.filter((r) => typeof r.value[key] === 'string' && r.value[key] !== '');
  if (!named.length) return [];
  const res = await ctx.db.query(`SELECT id FROM ${table} WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
    named.map((r) => globalId(ctx.district, str(r.value[key]))),
  ]);
  const known = new Set(res.rows.map((r: { id: string }) => r.id));
  return named
    .filter((r) => !known.has(globalId(ctx.district, str(r.value[key]))))
    .map((r) => referenceDefect(ctx.file, r.row, spec.columns[key].header, `${what[0]}不存在：${str(r.value[key])} / no such ${what[1]}`));
}

/** Rows with one defect at most: the first check that finds something wrong with a row wins. */
async function firstDefects<K extends string>(
  batch: ValidRow<K>[],
  checks: ((rows: ValidRow<K>[]) => Promise<Defect[]>)[],
): Promise<Defect[]> {
  const out: Defect[] = [];
  let rows = batch;
  for (const check of checks) {
    const found = await check(rows);
    out.push(...found);
    const bad = new Set(found.map((d) => d.row));
    rows = rows.filter((r) => !bad.has(r.row));
  }
  return out;
}

const recruitmentColumns = {
  number: { header: '招募编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  station: { header: '站点编号', type: 'code', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: COMMUNITY },
  project: { header: '项目编号', type: 'code' },
  activity: { header: '活动编号', type: 'code' },
  title: { header: '招募主题', type: 'text', required: true },
  publishedOn: { header: '发布日期', type: 'date', required: true },
  places: { header: '招募人数', type: 'int', required: true, min: 1 },
  signedUp: { header: '报名人数', type: 'int', min: 0 },
  accepted: { header: '录用人数', type: 'int', min: 0 },
} satisfies Record<string, ColumnSpec>;
type RecruitmentKey = keyof typeof recruitmentColumns;

/** Volunteers taken on are among those who signed up. */
function acceptedOfSignedUp(v: Record<RecruitmentKey, unknown>): RowProblem<RecruitmentKey>[] {
  return typeof v.accepted === 'number' && typeof v.signedUp === 'number' && v.accepted > v.signedUp
    ? [
        {
          column: 'accepted',
          kind: 'range',
          reason: `录用人数不能多于报名人数 / more taken on (${v.accepted}) than signed up (${v.signedUp})`,
        },
      ]
    : [];
}

/**
 * volunteer/recruitments.csv: calls for volunteers by the district's stations (named by their
 * numbers there, standing in the community given), optionally for a project or an activity.
 */
export const recruitmentsLedger: LedgerImporter<RecruitmentKey> = {
  spec: { file: 'volunteer/recruitments.csv', columns: recruitmentColumns, key: ['number'], check: acceptedOfSignedUp },
  place: { column: 'community' },
  check: (batch, ctx) =>
    firstDefects(batch, [
      (rows) => placeDefects(recruitmentsLedger.spec, rows, ctx, 'community', 'community'),
      (rows) => stationDefects(recruitmentsLedger.spec, rows, ctx),
      (rows) => optionalReferenceDefects(recruitmentsLedger.spec, rows, ctx, 'project', 'volunteer_project', ['项目', 'project']),
      (rows) => optionalReferenceDefects(recruitmentsLedger.spec, rows, ctx, 'activity', 'activity', ['活动', 'activity']),
    ]),
  async write(batch, ctx) {
    const stationIds = batch.map((r) => globalId(ctx.district, str(r.value.station)));
    const communities = await stationCommunities(ctx.db, stationIds);
    const ref = (v: unknown) => (typeof v === 'string' && v !== '' ? globalId(ctx.district, v) : null);
    return storeRows(
      ctx,
      {
        table: 'volunteer_recruitment',
        key: ['id'],
        region: 'community_code',
        columns: ['station_id', 'community_code', 'project_id', 'activity_id', 'title', 'published_on', 'places', 'signed_up', 'accepted'],
      },
      batch.map(({ row, value }, i) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          station_id: stationIds[i],
          community_code: communities.get(stationIds[i]),
          project_id: ref(value.project),
          activity_id: ref(value.activity),
          title: str(value.title),
          published_on: str(value.publishedOn),
          places: value.places,
          signed_up: numOrNull(value.signedUp),
          accepted: numOrNull(value.accepted),
        },
      })),
      { keyLabel: (v) => `招募编号 ${v.number}`, keyColumn: recruitmentColumns.number.header },
    );
  },
};

const trainingColumns = {
  number: { header: '培训编号', type: 'code', required: true, pattern: LEDGER_NUMBER },
  station: { header: '站点编号', type: 'code', required: true },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: COMMUNITY },
  heldOn: { header: '培训日期', type: 'date', required: true },
  topic: { header: '培训主题', type: 'text', required: true },
  personTimes: { header: '培训人次', type: 'int', required: true, min: 0 },
} satisfies Record<string, ColumnSpec>;
type TrainingKey = keyof typeof trainingColumns;

/** volunteer/volunteer_trainings.csv: training sessions for volunteers held by the district's stations. */
export const trainingsLedger: LedgerImporter<TrainingKey> = {
  spec: { file: 'volunteer/volunteer_trainings.csv', columns: trainingColumns, key: ['number'] },
  place: { column: 'community' },
  check: (batch, ctx) =>
    firstDefects(batch, [
      (rows) => placeDefects(trainingsLedger.spec, rows, ctx, 'community', 'community'),
      (rows) => stationDefects(trainingsLedger.spec, rows, ctx),
    ]),
  async write(batch, ctx) {
    const stationIds = batch.map((r) => globalId(ctx.district, str(r.value.station)));
    const communities = await stationCommunities(ctx.db, stationIds);
    return storeRows(
      ctx,
      {
        table: 'volunteer_training',
        key: ['id'],
        region: 'community_code',
        columns: ['station_id', 'community_code', 'held_on', 'topic', 'person_times'],
      },
      batch.map(({ row, value }, i) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          station_id: stationIds[i],
          community_code: communities.get(stationIds[i]),
          held_on: str(value.heldOn),
          topic: str(value.topic),
          person_times: value.personTimes,
        },
      })),
      { keyLabel: (v) => `培训编号 ${v.number}`, keyColumn: trainingColumns.number.header },
    );
  },
};
