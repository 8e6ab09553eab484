import { globalId } from '@district/common';
import {
  placeThrough,
  existingIn,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { communityDefects, FUNDING_SOURCES, roomsOf } from '../shared/governance';

export const FACILITY_KINDS = vocabulary({
  党群服务中心: 'PARTY_MASS_SERVICE_CENTER',
  社区服务综合体: 'SERVICE_COMPLEX',
  居民会客厅: 'RESIDENTS_LOUNGE',
  社区用房: 'COMMUNITY_PREMISES',
} as const);

export const WORK_KINDS = vocabulary({
  新建: 'NEW_BUILD',
  升级改造: 'UPGRADE',
  功能完善: 'IMPROVEMENT',
  设计定稿: 'DESIGN',
  交接: 'HANDOVER',
} as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const facilityColumns = {
  number: { header: '设施编号', type: 'code', required: true, pattern: NUMBER },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  name: { header: '设施名称', type: 'text', required: true },
  kind: { header: '设施类型', type: 'enum', required: true, values: FACILITY_KINDS.labels },
  starLevel: { header: '星级', type: 'int', min: 1, max: 5 },
  starRatedOn: { header: '星级评定日期', type: 'date' },
  area: { header: '建筑面积(平方米)', type: 'decimal', min: 0, max: 1_000_000 },
  rooms: { header: '功能室', type: 'text' },
  openedOn: { header: '投用日期', type: 'date' },
  closedOn: { header: '停用日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type FacilityKey = keyof typeof facilityColumns;

function facilityRules(v: Record<FacilityKey, unknown>): RowProblem<FacilityKey>[] {
  const problems: RowProblem<FacilityKey>[] = [];
  if (v.starLevel !== null && v.starLevel !== undefined && !v.starRatedOn)
    problems.push({ column: 'starRatedOn', kind: 'required', reason: '有星级须填评定日期 / a star level needs its rating day' });
  if (v.closedOn && v.openedOn && String(v.closedOn) <= String(v.openedOn))
    problems.push({ column: 'closedOn', kind: 'date', reason: '停用日期须晚于投用日期 / closed after it opened' });
  return problems;
}

/** workforce/facilities.csv: a community's service facilities, their star level, area and rooms. */
export const facilitiesLedger: LedgerImporter<FacilityKey> = {
  spec: { file: 'workforce/facilities.csv', columns: facilityColumns, key: ['number'], check: facilityRules },
  place: { column: 'community' },
  check: (batch, ctx) => communityDefects(batch, ctx, 'community', facilityColumns.community.header),
  async write(batch, ctx) {
    const stored = await storeRows(
      ctx,
      {
        table: 'facility',
        region: 'community_code',
        key: ['id'],
        columns: ['community_code', 'name', 'kind', 'star_level', 'star_rated_on', 'area', 'rooms', 'opened_on', 'closed_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          name: str(value.name),
          kind: FACILITY_KINDS.of(value.kind),
          star_level: value.starLevel,
          star_rated_on: strOrNull(value.starRatedOn),
          area: value.area,
          rooms: roomsOf(strOrNull(value.rooms)),
          opened_on: strOrNull(value.openedOn),
          closed_on: strOrNull(value.closedOn),
        },
      })),
      { keyLabel: (v) => `设施编号 ${v.number}`, keyColumn: facilityColumns.number.header },
    );
    // a facility the ledger moves to another community takes its works with it
    await ctx.db.query(
      `UPDATE facility_work w SET community_code = f.community_code FROM facility f
       WHERE w.facility_id = f.id AND f.id = ANY($1) AND w.community_code <> f.community_code`,
      [batch.map((r) => globalId(ctx.district, str(r.value.number)))],
    );
    return stored;
  },
};

const workColumns = {
  number: { header: '项目编号', type: 'code', required: true, pattern: NUMBER },
  facility: { header: '设施编号', type: 'code', required: true, pattern: NUMBER },
  kind: { header: '项目类型', type: 'enum', required: true, values: WORK_KINDS.labels },
  content: { header: '建设内容', type: 'text', required: true },
  rooms: { header: '新增或优化功能室', type: 'text' },
  startedOn: { header: '启动日期', type: 'date', required: true },
  completedOn: { header: '完成日期', type: 'date' },
  acceptedOn: { header: '验收日期', type: 'date' },
  funding: { header: '资金(元)', type: 'decimal', min: 0, digits: [14, 2] },
  fundingSource: { header: '资金来源', type: 'enum', values: FUNDING_SOURCES.labels },
} satisfies Record<string, ColumnSpec>;
type WorkKey = keyof typeof workColumns;

/** Completed on or after the start, accepted only once completed and not before; money says where it came from. */
function workRules(v: Record<WorkKey, unknown>): RowProblem<WorkKey>[] {
  const problems: RowProblem<WorkKey>[] = [];
  if (v.completedOn && String(v.completedOn) < String(v.startedOn))
    problems.push({ column: 'completedOn', kind: 'date', reason: '完成日期早于启动日期 / completed before it started' });
  if (v.acceptedOn && !v.completedOn)
    problems.push({
      column: 'completedOn',
      kind: 'required',
      reason: '已验收的项目须填完成日期 / an accepted work needs its completion day',
    });
  if (v.acceptedOn && v.completedOn && String(v.acceptedOn) < String(v.completedOn))
    problems.push({ column: 'acceptedOn', kind: 'date', reason: '验收日期早于完成日期 / accepted before it was completed' });
  if (v.funding && !v.fundingSource)
    problems.push({ column: 'fundingSource', kind: 'required', reason: '有资金须填资金来源 / funding needs its source' });
  return problems;
}

/** workforce/facility_works.csv: new builds, upgrades, handovers of facilities, with their days and funding. */
export const facilityWorksLedger: LedgerImporter<WorkKey> = {
  spec: { file: 'workforce/facility_works.csv', columns: workColumns, key: ['number'], check: workRules },
  place: { column: 'facility', lookup: placeThrough('facility', 'facility') },
  async check(batch, ctx) {
    const known = await existingIn(
      ctx.db,
      'facility',
      'id',
      batch.map((r) => globalId(ctx.district, str(r.value.facility))),
      'withdrawn_on IS NULL',
    );
    return batch
      .filter((r) => !known.has(globalId(ctx.district, str(r.value.facility))))
      .map((r) => referenceDefect(ctx.file, r.row, workColumns.facility.header, `设施不存在：${str(r.value.facility)} / no such facility`));
  },
  async write(batch, ctx) {
    const res = await ctx.db.query(`SELECT id, community_code FROM facility WHERE id = ANY($1)`, [
      batch.map((r) => globalId(ctx.district, str(r.value.facility))),
    ]);
    const communityOf = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
    return storeRows(
      ctx,
      {
        table: 'facility_work',
        region: 'community_code',
        key: ['id'],
        columns: [
          'facility_id',
          'community_code',
          'kind',
          'content',
          'rooms',
          'started_on',
          'completed_on',
          'accepted_on',
          'status',
          'funding',
          'funding_source',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          facility_id: globalId(ctx.district, str(value.facility)),
          community_code: communityOf.get(globalId(ctx.district, str(value.facility))),
          kind: WORK_KINDS.of(value.kind),
          content: str(value.content),
          rooms: roomsOf(strOrNull(value.rooms)),
          started_on: str(value.startedOn),
          completed_on: strOrNull(value.completedOn),
          accepted_on: strOrNull(value.acceptedOn),
          status: value.acceptedOn ? 'ACCEPTED' : value.completedOn ? 'COMPLETED' : 'STARTED',
          funding: value.funding,
          funding_source: FUNDING_SOURCES.orNull(value.fundingSource),
        },
      })),
      { keyLabel: (v) => `项目编号 ${v.number}`, keyColumn: workColumns.number.header },
    );
  },
};
