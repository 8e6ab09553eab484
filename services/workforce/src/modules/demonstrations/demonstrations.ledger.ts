import { globalId } from '@district/common';
import {
  existingIn,
  placesDefects,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { LEVELS } from '../recognitions/recognitions.ledger';
import type { ApplicationStage } from './demonstration-application.entity';

export const DEMONSTRATION_KINDS = vocabulary({ 示范点位: 'DEMONSTRATION_SITE', 示范创建: 'DEMONSTRATION_SITE', 试点: 'PILOT' } as const);
const RESULTS = vocabulary({ 命名: 'GRANTED', 通过: 'GRANTED', 未通过: 'REJECTED' } as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;
const columns = {
  number: { header: '申报编号', type: 'code', required: true, pattern: NUMBER },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  compound: { header: '小区编号', type: 'code', pattern: NUMBER },
  kind: { header: '类型', type: 'enum', required: true, values: DEMONSTRATION_KINDS.labels },
  level: { header: '级别', type: 'enum', required: true, values: LEVELS.labels },
  title: { header: '申报名称', type: 'text', required: true },
  appliedOn: { header: '申报日期', type: 'date', required: true },
  preInspectedOn: { header: '预检日期', type: 'date' },
  peerReviewedOn: { header: '互评日期', type: 'date' },
  result: { header: '结果', type: 'enum', values: RESULTS.labels },
  decidedOn: { header: '结果日期', type: 'date' },
  recognition: { header: '荣誉登记编号', type: 'code', pattern: NUMBER },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** The stage a row's days and result say it reached. */
export function stageOf(v: Record<Key, unknown>): ApplicationStage {
  return RESULTS.orNull(v.result) ?? (v.peerReviewedOn ? 'PEER_REVIEWED' : v.preInspectedOn ? 'PRE_INSPECTED' : 'APPLIED');
}

/** The steps follow one another: each day not before the one before; a peer review needs a pre-inspection; a result needs its day. */
function steps(v: Record<Key, unknown>): RowProblem<Key>[] {
  const problems: RowProblem<Key>[] = [];
  if (v.peerReviewedOn && !v.preInspectedOn)
    problems.push({
      column: 'preInspectedOn',
      kind: 'required',
      reason: '已互评的申报须填预检日期 / a peer-reviewed application needs its pre-inspection day',
    });
  if (!!v.result !== !!v.decidedOn)
    problems.push({ column: 'decidedOn', kind: 'required', reason: '结果与结果日期须同时填写 / a result and its day go together' });
  if (v.recognition && RESULTS.orNull(v.result) !== 'GRANTED')
    problems.push({
      column: 'recognition',
      kind: 'format',
      reason: '仅已命名的申报关联荣誉 / only a granted application names its recognition',
    });
  let before: string | null = null;
  for (const key of ['appliedOn', 'preInspectedOn', 'peerReviewedOn', 'decidedOn'] as const) {
    const day = v[key] ? String(v[key]) : null;
    if (!day) continue;
    if (before && day < before) problems.push({ column: key, kind: 'format', reason: '日期早于上一步 / before the step before' });
    before = day;
  }
  return problems;
}

/** workforce/demonstration_applications.csv: “双示范” applications and their steps. */
export const demonstrationApplicationsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/demonstration_applications.csv', columns, key: ['number'], check: steps },
  place: { column: 'community' },
  async check(batch, ctx) {
    const defects = await placesDefects(demonstrationApplicationsLedger.spec, batch, ctx, [['community', 'community']]);
    const refused = new Set(defects.map((d) => d.row));
    const named = batch.filter((r) => !refused.has(r.row) && r.value.compound);
    // a compound must be one of the row's community
    const compounds = named.length
      ? await ctx.db.query(`SELECT id, community_code FROM compound WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
          named.map((r) => globalId(ctx.district, str(r.value.compound))),
        ])
      : { rows: [] };
    const communityOf = new Map(compounds.rows.map((c: { id: string; community_code: string }) => [c.id, c.community_code]));
    const recognitions = await existingIn(
      ctx.db,
      'recognition',
      'id',
      batch.filter((r) => r.value.recognition).map((r) => globalId(ctx.district, str(r.value.recognition))),
      'withdrawn_on IS NULL',
    );
    return [
      ...defects,
      ...named
        .filter((r) => communityOf.get(globalId(ctx.district, str(r.value.compound))) !== str(r.value.community))
        .map((r) =>
          referenceDefect(
            ctx.file,
            r.row,
            columns.compound.header,
            `该社区无此小区：${str(r.value.compound)} / no such compound in the community`,
          ),
        ),
      ...batch
        .filter((r) => !refused.has(r.row) && r.value.recognition && !recognitions.has(globalId(ctx.district, str(r.value.recognition))))
        .map((r) =>
          referenceDefect(ctx.file, r.row, columns.recognition.header, `荣誉记录不存在：${str(r.value.recognition)} / no such recognition`),
        ),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'demonstration_application',
        key: ['id'],
        region: 'community_code',
        columns: [
          'community_code',
          'compound_id',
          'kind',
          'level',
          'title',
          'stage',
          'applied_on',
          'pre_inspected_on',
          'peer_reviewed_on',
          'decided_on',
          'recognition_id',
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
          kind: DEMONSTRATION_KINDS.of(value.kind),
          level: LEVELS.of(value.level),
          title: str(value.title),
          stage: stageOf(value),
          applied_on: str(value.appliedOn),
          pre_inspected_on: strOrNull(value.preInspectedOn),
          peer_reviewed_on: strOrNull(value.peerReviewedOn),
          decided_on: strOrNull(value.decidedOn),
          recognition_id: value.recognition ? globalId(ctx.district, str(value.recognition)) : null,
        },
      })),
      { keyLabel: (v) => `申报编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
