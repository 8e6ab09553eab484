import { globalId } from '@district/common';
import {
  placeThrough,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type RowProblem,
  type ValidRow,
} from '@district/ledger';
import { FUNDING_SOURCES } from '../shared/governance';

export const PURPOSES = vocabulary({ 建设: 'CONSTRUCTION', 运营: 'OPERATION' } as const);
export const ACTIVITY_KINDS = vocabulary({
  说事议事: 'DELIBERATION',
  文体活动: 'CULTURAL',
  公益服务: 'PUBLIC_WELFARE',
  其他: 'OTHER',
} as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

/** The community of each named row of `table` (live), by global id. */
async function placesOf(ctx: ImportContext, table: 'compound' | 'autonomy_station', ids: string[]): Promise<Map<string, string>> {
  const res = await ctx.db.query(`SELECT id, community_code FROM ${table} WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
    [...new Set(ids)],
  ]);
  return new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
}

function missing<K extends string>(
  ctx: ImportContext,
  batch: ValidRow<K>[],
  key: K,
  header: string,
  known: Map<string, string>,
  what: string,
): Defect[] {
  return batch
    .filter((r) => !known.has(globalId(ctx.district, str(r.value[key]))))
    .map((r) =>
      referenceDefect(ctx.file, r.row, header, `${what}不存在：${str(r.value[key])} / no such ${what === '小区' ? 'compound' : 'station'}`),
    );
}

const stationColumns = {
  number: { header: '自治站编号', type: 'code', required: true, pattern: NUMBER },
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  name: { header: '自治站名称', type: 'text', required: true },
  startedOn: { header: '建设启动日期', type: 'date' },
  openedOn: { header: '投用日期', type: 'date' },
  acceptedOn: { header: '验收日期', type: 'date' },
  closedOn: { header: '停用日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type StationKey = keyof typeof stationColumns;

function stationRules(v: Record<StationKey, unknown>): RowProblem<StationKey>[] {
  const p: RowProblem<StationKey>[] = [];
  if (v.startedOn && v.openedOn && String(v.openedOn) < String(v.startedOn))
    p.push({ column: 'openedOn', kind: 'date', reason: '投用日期早于建设启动日期 / opened before building started' });
  if (v.acceptedOn && v.startedOn && String(v.acceptedOn) < String(v.startedOn))
    p.push({ column: 'acceptedOn', kind: 'date', reason: '验收日期早于建设启动日期 / accepted before building started' });
  if (v.closedOn && (!v.openedOn || String(v.closedOn) <= String(v.openedOn)))
    p.push({ column: 'closedOn', kind: 'date', reason: '停用日期须晚于投用日期 / closed after it opened' });
  return p;
}

/** workforce/autonomy_stations.csv: the compounds' residents' autonomy stations and their days. */
export const autonomyStationsLedger: LedgerImporter<StationKey> = {
  spec: { file: 'workforce/autonomy_stations.csv', columns: stationColumns, key: ['number'], check: stationRules },
  place: { column: 'compound', lookup: placeThrough('compound', 'compound') },
  async check(batch, ctx) {
    const known = await placesOf(
      ctx,
      'compound',
      batch.map((r) => globalId(ctx.district, str(r.value.compound))),
    );
    return missing(ctx, batch, 'compound', stationColumns.compound.header, known, '小区');
  },
  async write(batch, ctx) {
    const compounds = await placesOf(
      ctx,
      'compound',
      batch.map((r) => globalId(ctx.district, str(r.value.compound))),
    );
    const stored = await storeRows(
      ctx,
      {
        table: 'autonomy_station',
        region: 'community_code',
        key: ['id'],
        columns: ['compound_id', 'community_code', 'name', 'started_on', 'opened_on', 'accepted_on', 'closed_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          compound_id: globalId(ctx.district, str(value.compound)),
          community_code: compounds.get(globalId(ctx.district, str(value.compound))),
          name: str(value.name),
          started_on: strOrNull(value.startedOn),
          opened_on: strOrNull(value.openedOn),
          accepted_on: strOrNull(value.acceptedOn),
          closed_on: strOrNull(value.closedOn),
        },
      })),
      { keyLabel: (v) => `自治站编号 ${v.number}`, keyColumn: stationColumns.number.header },
    );
    // a station the ledger moves to another compound takes its subsidies and activities with it
    for (const table of ['autonomy_subsidy', 'autonomy_activity'])
      await ctx.db.query(
        `UPDATE ${table} x SET community_code = s.community_code FROM autonomy_station s
         WHERE x.station_id = s.id AND s.id = ANY($1) AND x.community_code <> s.community_code`,
        [batch.map((r) => globalId(ctx.district, str(r.value.number)))],
      );
    return stored;
  },
};

const subsidyColumns = {
  number: { header: '补助编号', type: 'code', required: true, pattern: NUMBER },
  station: { header: '自治站编号', type: 'code', required: true, pattern: NUMBER },
  source: { header: '资金来源', type: 'enum', required: true, values: FUNDING_SOURCES.labels },
  purpose: { header: '补助用途', type: 'enum', required: true, values: PURPOSES.labels },
  amount: { header: '金额(元)', type: 'decimal', required: true, min: 0, digits: [14, 2] },
  grantedOn: { header: '拨付日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type SubsidyKey = keyof typeof subsidyColumns;

/** workforce/autonomy_subsidies.csv: money granted to stations, by source and purpose. */
export const autonomySubsidiesLedger: LedgerImporter<SubsidyKey> = {
  spec: { file: 'workforce/autonomy_subsidies.csv', columns: subsidyColumns, key: ['number'] },
  place: { column: 'station', lookup: placeThrough('autonomy_station', 'station') },
  async check(batch, ctx) {
    const known = await placesOf(
      ctx,
      'autonomy_station',
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    );
    return missing(ctx, batch, 'station', subsidyColumns.station.header, known, '自治站');
  },
  async write(batch, ctx) {
    const stations = await placesOf(
      ctx,
      'autonomy_station',
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    );
    return storeRows(
      ctx,
      {
        table: 'autonomy_subsidy',
        key: ['id'],
        region: 'community_code',
        columns: ['station_id', 'community_code', 'source', 'purpose', 'amount', 'granted_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          station_id: globalId(ctx.district, str(value.station)),
          community_code: stations.get(globalId(ctx.district, str(value.station))),
          source: FUNDING_SOURCES.of(value.source),
          purpose: PURPOSES.of(value.purpose),
          amount: value.amount,
          granted_on: str(value.grantedOn),
        },
      })),
      { keyLabel: (v) => `补助编号 ${v.number}`, keyColumn: subsidyColumns.number.header },
    );
  },
};

const activityColumns = {
  number: { header: '活动编号', type: 'code', required: true, pattern: NUMBER },
  station: { header: '自治站编号', type: 'code', required: true, pattern: NUMBER },
  kind: { header: '活动类型', type: 'enum', required: true, values: ACTIVITY_KINDS.labels },
  title: { header: '活动名称', type: 'text', required: true },
  heldOn: { header: '开展日期', type: 'date', required: true },
  participants: { header: '参与人次', type: 'int', min: 0, max: 100_000 },
  needsCollected: { header: '收集需求(条)', type: 'int', min: 0, max: 10_000 },
  issuesResolved: { header: '解决问题(件)', type: 'int', min: 0, max: 10_000 },
} satisfies Record<string, ColumnSpec>;
type ActivityKey = keyof typeof activityColumns;

/** workforce/autonomy_activities.csv: deliberation meetings and activities held at stations. */
export const autonomyActivitiesLedger: LedgerImporter<ActivityKey> = {
  spec: { file: 'workforce/autonomy_activities.csv', columns: activityColumns, key: ['number'] },
  place: { column: 'station', lookup: placeThrough('autonomy_station', 'station') },
  async check(batch, ctx) {
    const known = await placesOf(
      ctx,
      'autonomy_station',
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    );
    return missing(ctx, batch, 'station', activityColumns.station.header, known, '自治站');
  },
  async write(batch, ctx) {
    const stations = await placesOf(
      ctx,
      'autonomy_station',
      batch.map((r) => globalId(ctx.district, str(r.value.station))),
    );
    return storeRows(
      ctx,
      {
        table: 'autonomy_activity',
        region: 'community_code',
        key: ['id'],
        columns: ['station_id', 'community_code', 'kind', 'title', 'held_on', 'participants', 'needs_collected', 'issues_resolved'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          station_id: globalId(ctx.district, str(value.station)),
          community_code: stations.get(globalId(ctx.district, str(value.station))),
          kind: ACTIVITY_KINDS.of(value.kind),
          title: str(value.title),
          held_on: str(value.heldOn),
          participants: value.participants ?? 0,
          needs_collected: value.needsCollected ?? 0,
          issues_resolved: value.issuesResolved ?? 0,
        },
      })),
      { keyLabel: (v) => `活动编号 ${v.number}`, keyColumn: activityColumns.number.header },
    );
  },
};
