import { globalId } from '@district/common';
import {
  placesDefects,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type LedgerSpec,
  type LedgerValue,
  type RowProblem,
  type ValidRow,
} from '@district/ledger';
import { FUNDING_SOURCES } from '../shared/governance';
import { compoundPlaces, YES_NO } from '../property/property.ledger';

export const INSPECTION_KINDS = vocabulary({ 日常检查: 'ROUTINE', 随机检查: 'RANDOM', 专项检查: 'SPECIAL', 联合检查: 'JOINT' } as const);
export const FILING_KINDS = vocabulary({
  房屋租赁登记备案: 'LEASE',
  物业合同备案: 'PROPERTY_CONTRACT',
  承接查验备案: 'TAKEOVER_INSPECTION',
  设施交付备案: 'FACILITY_HANDOVER',
  其他备案: 'OTHER',
} as const);
export const SMART_KINDS = vocabulary({ 智慧小区试点: 'PILOT', 智慧服务小区: 'SMART_SERVICE' } as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;
const COMMUNITY = { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ } as const;

/**
 * The row's community exists in the district (and lies in the importing office's region, checked by
 * the runner through `place`), and the compound it names is in that community.
 */
async function compoundRowDefects<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  ctx: ImportContext,
  community: K,
  compound: K,
): Promise<Defect[]> {
  const defects = await placesDefects(spec, batch, ctx, [[community, 'community']]);
  const bad = new Set(defects.map((d) => d.row));
  const named = batch.filter((r) => !bad.has(r.row) && r.value[compound]);
  const places = await compoundPlaces(ctx, named, compound);
  for (const r of named) {
    const at = places.get(globalId(ctx.district, str(r.value[compound])));
    if (at !== str(r.value[community]))
      defects.push(
        referenceDefect(
          ctx.file,
          r.row,
          spec.columns[compound].header,
          at === undefined
            ? `小区不存在：${str(r.value[compound])} / no such compound`
            : `小区不在该社区：${str(r.value[compound])} / the compound is not in the community`,
        ),
      );
  }
  return defects;
}

const compoundId = (ctx: ImportContext, v: LedgerValue) => (v ? globalId(ctx.district, str(v)) : null);

const inspectionColumns = {
  number: { header: '检查编号', type: 'code', required: true, pattern: NUMBER },
  community: COMMUNITY,
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  inspectedOn: { header: '检查日期', type: 'date', required: true },
  kind: { header: '检查类型', type: 'enum', required: true, values: INSPECTION_KINDS.labels },
  subjects: { header: '检查内容', type: 'text' },
  inspector: { header: '检查单位', type: 'text' },
  problemsFound: { header: '发现问题数', type: 'int', min: 0, max: 10_000 },
  problemsFixed: { header: '整改问题数', type: 'int', min: 0, max: 10_000 },
  fixedOn: { header: '整改完成日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type InspectionKey = keyof typeof inspectionColumns;

function inspectionRules(v: Record<InspectionKey, unknown>): RowProblem<InspectionKey>[] {
  const [found, fixed] = [Number(v.problemsFound ?? 0), Number(v.problemsFixed ?? 0)];
  if (fixed > found) return [{ column: 'problemsFixed', kind: 'format', reason: '整改数多于发现问题数 / more fixed than found' }];
  if (fixed > 0 && !v.fixedOn)
    return [{ column: 'fixedOn', kind: 'required', reason: '有整改须填整改完成日期 / fixes need the day they were confirmed' }];
  if (v.fixedOn && fixed === 0)
    return [{ column: 'problemsFixed', kind: 'required', reason: '有整改日期须填整改问题数 / a fix day needs the problems fixed' }];
  if (v.fixedOn && String(v.fixedOn) < String(v.inspectedOn))
    return [{ column: 'fixedOn', kind: 'date', reason: '整改完成日期早于检查日期 / fixed before the inspection' }];
  return [];
}

/** workforce/compound_inspections.csv: inspections of compounds, problems found and fixed. */
export const compoundInspectionsLedger: LedgerImporter<InspectionKey> = {
  spec: { file: 'workforce/compound_inspections.csv', columns: inspectionColumns, key: ['number'], check: inspectionRules },
  place: { column: 'community' },
  check: (batch, ctx) => compoundRowDefects(compoundInspectionsLedger.spec, batch, ctx, 'community', 'compound'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'compound_inspection',
        key: ['id'],
        region: 'community_code',
        columns: [
          'compound_id',
          'community_code',
          'inspected_on',
          'kind',
          'subjects',
          'inspector',
          'problems_found',
          'problems_fixed',
          'fixed_on',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          compound_id: compoundId(ctx, value.compound),
          community_code: str(value.community),
          inspected_on: str(value.inspectedOn),
          kind: INSPECTION_KINDS.of(value.kind),
          subjects: strOrNull(value.subjects),
          inspector: strOrNull(value.inspector),
          problems_found: value.problemsFound ?? 0,
          problems_fixed: value.problemsFixed ?? 0,
          fixed_on: strOrNull(value.fixedOn),
        },
      })),
      { keyLabel: (v) => `检查编号 ${v.number}`, keyColumn: inspectionColumns.number.header },
    ),
};

const filingColumns = {
  number: { header: '备案编号', type: 'code', required: true, pattern: NUMBER },
  community: COMMUNITY,
  compound: { header: '小区编号', type: 'code', pattern: NUMBER },
  kind: { header: '备案类型', type: 'enum', required: true, values: FILING_KINDS.labels },
  filedOn: { header: '办理日期', type: 'date', required: true },
  items: { header: '件次', type: 'int', required: true, min: 1, max: 100_000 },
  subject: { header: '事项说明', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type FilingKey = keyof typeof filingColumns;

/** workforce/compound_filings.csv: filings (备案) handled, in items (件次) per row. */
export const compoundFilingsLedger: LedgerImporter<FilingKey> = {
  spec: { file: 'workforce/compound_filings.csv', columns: filingColumns, key: ['number'] },
  place: { column: 'community' },
  check: (batch, ctx) => compoundRowDefects(compoundFilingsLedger.spec, batch, ctx, 'community', 'compound'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'compound_filing',
        key: ['id'],
        region: 'community_code',
        columns: ['community_code', 'compound_id', 'kind', 'filed_on', 'items', 'subject'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          compound_id: compoundId(ctx, value.compound),
          kind: FILING_KINDS.of(value.kind),
          filed_on: str(value.filedOn),
          items: value.items,
          subject: strOrNull(value.subject),
        },
      })),
      { keyLabel: (v) => `备案编号 ${v.number}`, keyColumn: filingColumns.number.header },
    ),
};

const smartColumns = {
  number: { header: '项目编号', type: 'code', required: true, pattern: NUMBER },
  community: COMMUNITY,
  compound: { header: '小区编号', type: 'code', required: true, pattern: NUMBER },
  kind: { header: '建设类型', type: 'enum', required: true, values: SMART_KINDS.labels },
  resettlement: { header: '安置小区', type: 'enum', values: YES_NO.labels },
  equipment: { header: '建设内容', type: 'text' },
  contractor: { header: '承建单位', type: 'text' },
  funding: { header: '资金(元)', type: 'decimal', min: 0, digits: [14, 2] },
  fundingSource: { header: '资金来源', type: 'enum', values: FUNDING_SOURCES.labels },
  startedOn: { header: '选定日期', type: 'date', required: true },
  plannedOn: { header: '方案日期', type: 'date' },
  installedOn: { header: '设备安装调试日期', type: 'date' },
  completedOn: { header: '建成日期', type: 'date' },
  acceptedOn: { header: '验收日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type SmartKey = keyof typeof smartColumns;
const SMART_STEPS: SmartKey[] = ['startedOn', 'plannedOn', 'installedOn', 'completedOn', 'acceptedOn'];

function smartRules(v: Record<SmartKey, unknown>): RowProblem<SmartKey>[] {
  const p: RowProblem<SmartKey>[] = [];
  let before: SmartKey = 'startedOn';
  for (const k of SMART_STEPS.slice(1)) {
    if (!v[k]) continue;
    if (String(v[k]) < String(v[before]))
      p.push({
        column: k,
        kind: 'date',
        reason: `${smartColumns[k].header}早于${smartColumns[before].header} / a step before the one it follows`,
      });
    before = k;
  }
  if (v.acceptedOn && !v.completedOn)
    p.push({ column: 'completedOn', kind: 'required', reason: '已验收须填建成日期 / accepted needs completed' });
  if (v.funding && !v.fundingSource)
    p.push({ column: 'fundingSource', kind: 'required', reason: '有资金须填资金来源 / funding needs its source' });
  return p;
}

/** The step a ledger row has reached: its last dated step. */
const smartStatus = (v: Record<SmartKey, unknown>) =>
  v.acceptedOn ? 'ACCEPTED' : v.completedOn ? 'COMPLETED' : v.installedOn ? 'INSTALLED' : 'STARTED';

/** workforce/smart_compounds.csv: smart compound works and the days of their steps. */
export const smartCompoundsLedger: LedgerImporter<SmartKey> = {
  spec: { file: 'workforce/smart_compounds.csv', columns: smartColumns, key: ['number'], check: smartRules },
  place: { column: 'community' },
  check: (batch, ctx) => compoundRowDefects(smartCompoundsLedger.spec, batch, ctx, 'community', 'compound'),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'smart_compound',
        key: ['id'],
        region: 'community_code',
        columns: [
          'compound_id',
          'community_code',
          'kind',
          'resettlement',
          'equipment',
          'contractor',
          'funding',
          'funding_source',
          'started_on',
          'planned_on',
          'installed_on',
          'completed_on',
          'accepted_on',
          'status',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          compound_id: compoundId(ctx, value.compound),
          community_code: str(value.community),
          kind: SMART_KINDS.of(value.kind),
          resettlement: YES_NO.orNull(value.resettlement) === 'YES',
          equipment: strOrNull(value.equipment),
          contractor: strOrNull(value.contractor),
          funding: value.funding,
          funding_source: FUNDING_SOURCES.orNull(value.fundingSource),
          started_on: str(value.startedOn),
          planned_on: strOrNull(value.plannedOn),
          installed_on: strOrNull(value.installedOn),
          completed_on: strOrNull(value.completedOn),
          accepted_on: strOrNull(value.acceptedOn),
          status: smartStatus(value),
        },
      })),
      { keyLabel: (v) => `项目编号 ${v.number}`, keyColumn: smartColumns.number.header },
    ),
};
