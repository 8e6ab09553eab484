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

export const MODES = vocabulary({
  信托制: 'TRUST',
  物业服务企业: 'ENTERPRISE',
  业主自管: 'SELF_MANAGED',
  社区托管: 'COMMUNITY_HOSTED',
  无物业: 'NONE',
} as const);
export const YES_NO = vocabulary({ 是: 'YES', 否: 'NO' } as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

/** The community of each compound the batch names (live), by global id. */
export async function compoundPlaces<K extends string>(ctx: ImportContext, batch: ValidRow<K>[], key: K): Promise<Map<string, string>> {
  const ids = [...new Set(batch.map((r) => globalId(ctx.district, str(r.value[key]))))];
  const res = await ctx.db.query(`SELECT id, community_code FROM compound WHERE id = ANY($1) AND withdrawn_on IS NULL`, [ids]);
  return new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
}

export async function compoundDefects<K extends string>(
  ctx: ImportContext,
  batch: ValidRow<K>[],
  key: K,
  header: string,
): Promise<Defect[]> {
  const known = await compoundPlaces(ctx, batch, key);
  return batch
    .filter((r) => !known.has(globalId(ctx.district, str(r.value[key]))))
    .map((r) => referenceDefect(ctx.file, r.row, header, `小区不存在：${str(r.value[key])} / no such compound`));
}

const serviceColumns = {
  number: { header: '记录编号', type: 'code', required: true, pattern: NUMBER },
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  mode: { header: '物业管理模式', type: 'enum', required: true, values: MODES.labels },
  provider: { header: '物业服务企业', type: 'text' },
  redProperty: { header: '红色物业', type: 'enum', values: YES_NO.labels },
  fromOn: { header: '起始日期', type: 'date', required: true },
  toOn: { header: '结束日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type ServiceKey = keyof typeof serviceColumns;

/** workforce/property_services.csv: each compound's property management, period by period. */
export const propertyServicesLedger: LedgerImporter<ServiceKey> = {
  spec: {
    file: 'workforce/property_services.csv',
    columns: serviceColumns,
    key: ['number'],
    check: (v): RowProblem<ServiceKey>[] =>
      v.toOn && String(v.toOn) <= String(v.fromOn)
        ? [{ column: 'toOn', kind: 'date', reason: '结束日期须晚于起始日期 / ends after it begins' }]
        : [],
  },
  place: { column: 'compound', lookup: placeThrough('compound', 'compound') },
  check: (batch, ctx) => compoundDefects(ctx, batch, 'compound', serviceColumns.compound.header),
  async write(batch, ctx) {
    const places = await compoundPlaces(ctx, batch, 'compound');
    return storeRows(
      ctx,
      {
        table: 'property_service',
        region: 'community_code',
        key: ['id'],
        columns: ['compound_id', 'community_code', 'mode', 'provider', 'red_property', 'from_on', 'to_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          compound_id: globalId(ctx.district, str(value.compound)),
          community_code: places.get(globalId(ctx.district, str(value.compound))),
          mode: MODES.of(value.mode),
          provider: strOrNull(value.provider),
          red_property: YES_NO.orNull(value.redProperty) === 'YES',
          from_on: str(value.fromOn),
          to_on: strOrNull(value.toOn),
        },
      })),
      { keyLabel: (v) => `记录编号 ${v.number}`, keyColumn: serviceColumns.number.header },
    );
  },
};

const committeeColumns = {
  number: { header: '业委会编号', type: 'code', required: true, pattern: NUMBER },
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  termFrom: { header: '本届任期起', type: 'date', required: true },
  termTo: { header: '本届任期止', type: 'date', required: true, allowFuture: true },
  members: { header: '委员人数', type: 'int', min: 0, max: 50 },
  partyMembers: { header: '党员委员人数', type: 'int', min: 0, max: 50 },
  red: { header: '红色业委会', type: 'enum', values: YES_NO.labels },
} satisfies Record<string, ColumnSpec>;
type CommitteeKey = keyof typeof committeeColumns;

function committeeRules(v: Record<CommitteeKey, unknown>): RowProblem<CommitteeKey>[] {
  const p: RowProblem<CommitteeKey>[] = [];
  if (String(v.termTo) < String(v.termFrom))
    p.push({ column: 'termTo', kind: 'date', reason: '任期止早于任期起 / the term ends before it begins' });
  if (Number(v.partyMembers ?? 0) > Number(v.members ?? 0))
    p.push({ column: 'partyMembers', kind: 'range', reason: '党员委员多于委员 / more Party members than members' });
  return p;
}

/** workforce/owners_committees.csv: owners' committees and their terms. */
export const ownersCommitteesLedger: LedgerImporter<CommitteeKey> = {
  spec: { file: 'workforce/owners_committees.csv', columns: committeeColumns, key: ['number'], check: committeeRules },
  place: { column: 'compound', lookup: placeThrough('compound', 'compound') },
  check: (batch, ctx) => compoundDefects(ctx, batch, 'compound', committeeColumns.compound.header),
  async write(batch, ctx) {
    const places = await compoundPlaces(ctx, batch, 'compound');
    return storeRows(
      ctx,
      {
        table: 'owners_committee',
        region: 'community_code',
        key: ['id'],
        columns: ['compound_id', 'community_code', 'term_from', 'term_to', 'members', 'party_members', 'red'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          compound_id: globalId(ctx.district, str(value.compound)),
          community_code: places.get(globalId(ctx.district, str(value.compound))),
          term_from: str(value.termFrom),
          term_to: str(value.termTo),
          members: value.members ?? 0,
          party_members: value.partyMembers ?? 0,
          red: YES_NO.orNull(value.red) === 'YES',
        },
      })),
      { keyLabel: (v) => `业委会编号 ${v.number}`, keyColumn: committeeColumns.number.header },
    );
  },
};

const feeColumns = {
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  year: { header: '年度', type: 'int', required: true, min: 2000, max: 2100 },
  householdsDue: { header: '应缴户数', type: 'int', required: true, min: 0, max: 1_000_000 },
  householdsPaid: { header: '实缴户数', type: 'int', required: true, min: 0, max: 1_000_000 },
} satisfies Record<string, ColumnSpec>;
type FeeKey = keyof typeof feeColumns;

/** workforce/property_fees.csv: fee collection of each compound by year. */
export const propertyFeesLedger: LedgerImporter<FeeKey> = {
  spec: {
    file: 'workforce/property_fees.csv',
    columns: feeColumns,
    key: ['compound', 'year'],
    check: (v): RowProblem<FeeKey>[] =>
      Number(v.householdsPaid) > Number(v.householdsDue)
        ? [{ column: 'householdsPaid', kind: 'range', reason: '实缴户数多于应缴户数 / more households paid than owed' }]
        : [],
  },
  place: { column: 'compound', lookup: placeThrough('compound', 'compound') },
  check: (batch, ctx) => compoundDefects(ctx, batch, 'compound', feeColumns.compound.header),
  async write(batch, ctx) {
    const places = await compoundPlaces(ctx, batch, 'compound');
    return storeRows(
      ctx,
      {
        table: 'property_fee',
        key: ['id'],
        region: 'community_code',
        columns: ['compound_id', 'community_code', 'year', 'households_due', 'households_paid'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: `${globalId(ctx.district, str(value.compound))}:${Number(value.year)}`,
          district_code: ctx.district,
          compound_id: globalId(ctx.district, str(value.compound)),
          community_code: places.get(globalId(ctx.district, str(value.compound))),
          year: value.year,
          households_due: value.householdsDue,
          households_paid: value.householdsPaid,
        },
      })),
      { keyLabel: (v) => `小区 ${String(v.compound_id)} ${String(v.year)}年`, keyColumn: feeColumns.compound.header },
    );
  },
};
