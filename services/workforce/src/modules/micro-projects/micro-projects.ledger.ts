import { globalId } from '@district/common';
import {
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { communityDefects, FUNDING_SOURCES } from '../shared/governance';

export const MICRO_CATEGORIES = vocabulary({
  安全隐患整治: 'SAFETY',
  绿化补植: 'GREENING',
  停车设施: 'PARKING',
  道路修缮: 'ROAD',
  充电设施: 'CHARGING',
  公共空间: 'PUBLIC_SPACE',
  环境卫生: 'SANITATION',
  便民设施: 'CONVENIENCE',
  其他: 'OTHER',
} as const);
const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const columns = {
  number: { header: '项目编号', type: 'code', required: true, pattern: NUMBER },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  compound: { header: '小区编号', type: 'code', pattern: NUMBER },
  name: { header: '项目名称', type: 'text', required: true },
  category: { header: '项目类别', type: 'enum', required: true, values: MICRO_CATEGORIES.labels },
  content: { header: '建设内容', type: 'text' },
  quantity: { header: '工程量', type: 'decimal', min: 0, digits: [12, 2] },
  unit: { header: '单位', type: 'text', pattern: /^.{1,10}$/ },
  households: { header: '惠及户数', type: 'int', min: 0, max: 1_000_000 },
  funding: { header: '资金(元)', type: 'decimal', min: 0, digits: [14, 2] },
  fundingSource: { header: '资金来源', type: 'enum', values: FUNDING_SOURCES.labels },
  startedOn: { header: '启动日期', type: 'date', required: true },
  completedOn: { header: '完成日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

function rules(v: Record<Key, unknown>): RowProblem<Key>[] {
  const p: RowProblem<Key>[] = [];
  if (v.completedOn && String(v.completedOn) < String(v.startedOn))
    p.push({ column: 'completedOn', kind: 'date', reason: '完成日期早于启动日期 / completed before it started' });
  if (v.quantity !== null && v.quantity !== undefined && !v.unit)
    p.push({ column: 'unit', kind: 'required', reason: '有工程量须填单位 / a quantity needs its unit' });
  if (v.funding && !v.fundingSource)
    p.push({ column: 'fundingSource', kind: 'required', reason: '有资金须填资金来源 / funding needs its source' });
  return p;
}

/** workforce/micro_projects.csv: micro livelihood works, what they did and for how many households. */
export const microProjectsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/micro_projects.csv', columns, key: ['number'], check: rules },
  place: { column: 'community' },
  async check(batch, ctx) {
    const defects = await communityDefects(batch, ctx, 'community', columns.community.header);
    const named = batch.filter((r) => r.value.compound);
    const res = await ctx.db.query(`SELECT id, community_code FROM compound WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
      named.map((r) => globalId(ctx.district, str(r.value.compound))),
    ]);
    const places = new Map(res.rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]));
    for (const r of named)
      if (places.get(globalId(ctx.district, str(r.value.compound))) !== str(r.value.community))
        defects.push(
          referenceDefect(
            ctx.file,
            r.row,
            columns.compound.header,
            `小区不在该社区：${str(r.value.compound)} / the compound is not in the community`,
          ),
        );
    return defects;
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'micro_project',
        region: 'community_code',
        key: ['id'],
        columns: [
          'community_code',
          'compound_id',
          'name',
          'category',
          'content',
          'quantity',
          'unit',
          'households',
          'funding',
          'funding_source',
          'started_on',
          'completed_on',
          'status',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          compound_id: value.compound ? globalId(ctx.district, str(value.compound)) : null,
          name: str(value.name),
          category: MICRO_CATEGORIES.of(value.category),
          content: strOrNull(value.content),
          quantity: value.quantity,
          unit: strOrNull(value.unit),
          households: value.households ?? 0,
          funding: value.funding,
          funding_source: FUNDING_SOURCES.orNull(value.fundingSource),
          started_on: str(value.startedOn),
          completed_on: strOrNull(value.completedOn),
          status: value.completedOn ? 'COMPLETED' : 'STARTED',
        },
      })),
      { keyLabel: (v) => `项目编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
