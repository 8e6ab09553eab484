import { globalId } from '@district/common';
import {
  existingIn,
  referenceDefect,
  storeRows,
  str,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { communityDefects } from '../shared/governance';

export const VISIT_KINDS = vocabulary({ 跑楼: 'BUILDING_RUN', 入户走访: 'HOME_VISIT', 走访企业: 'ENTERPRISE_VISIT' } as const);
const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;
const COUNT = { type: 'int', min: 0, max: 100_000 } as const;

const columns = {
  number: { header: '走访编号', type: 'code', required: true, pattern: NUMBER },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  compound: { header: '小区编号', type: 'code', pattern: NUMBER },
  worker: { header: '带队工号', type: 'code', pattern: NUMBER },
  kind: { header: '走访类型', type: 'enum', required: true, values: VISIT_KINDS.labels },
  visitedOn: { header: '走访日期', type: 'date', required: true },
  households: { header: '覆盖户数', ...COUNT },
  enterprises: { header: '覆盖企业数', ...COUNT },
  needsFound: { header: '收集诉求(件)', ...COUNT },
  needsSolved: { header: '解决诉求(件)', ...COUNT },
  talentsFound: { header: '挖掘能人(人)', ...COUNT },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** workforce/household_visits.csv: rounds of 跑楼 and 入户走访 with what they reached and solved. */
export const householdVisitsLedger: LedgerImporter<Key> = {
  spec: {
    file: 'workforce/household_visits.csv',
    columns,
    key: ['number'],
    check: (v): RowProblem<Key>[] =>
      Number(v.needsSolved ?? 0) > Number(v.needsFound ?? 0)
        ? [{ column: 'needsSolved', kind: 'range', reason: '解决诉求多于收集诉求 / more needs solved than found' }]
        : [],
  },
  place: { column: 'community' },
  async check(batch, ctx) {
    const defects = await communityDefects(batch, ctx, 'community', columns.community.header);
    const named = batch.filter((r) => r.value.compound);
    const compounds = new Map(
      (
        await ctx.db.query(`SELECT id, community_code FROM compound WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
          named.map((r) => globalId(ctx.district, str(r.value.compound))),
        ])
      ).rows.map((r: { id: string; community_code: string }) => [r.id, r.community_code]),
    );
    const workers = await existingIn(
      ctx.db,
      'worker',
      'id',
      batch.filter((r) => r.value.worker).map((r) => globalId(ctx.district, str(r.value.worker))),
      'withdrawn_on IS NULL',
    );
    for (const r of named)
      if (compounds.get(globalId(ctx.district, str(r.value.compound))) !== str(r.value.community))
        defects.push(
          referenceDefect(
            ctx.file,
            r.row,
            columns.compound.header,
            `小区不在该社区：${str(r.value.compound)} / the compound is not in the community`,
          ),
        );
    for (const r of batch)
      if (r.value.worker && !workers.has(globalId(ctx.district, str(r.value.worker))))
        defects.push(referenceDefect(ctx.file, r.row, columns.worker.header, `社区工作者不存在：${str(r.value.worker)} / no such worker`));
    return defects;
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'household_visit',
        region: 'community_code',
        key: ['id'],
        columns: [
          'community_code',
          'compound_id',
          'worker_id',
          'kind',
          'visited_on',
          'households',
          'enterprises',
          'needs_found',
          'needs_solved',
          'talents_found',
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
          worker_id: value.worker ? globalId(ctx.district, str(value.worker)) : null,
          kind: VISIT_KINDS.of(value.kind),
          visited_on: str(value.visitedOn),
          households: value.households ?? 0,
          enterprises: value.enterprises ?? 0,
          needs_found: value.needsFound ?? 0,
          needs_solved: value.needsSolved ?? 0,
          talents_found: value.talentsFound ?? 0,
        },
      })),
      { keyLabel: (v) => `走访编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
