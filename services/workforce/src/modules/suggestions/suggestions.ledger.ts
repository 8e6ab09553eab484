import { globalId } from '@district/common';
import {
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
import { communityDefects } from '../shared/governance';

export const CATEGORIES = vocabulary({
  停车: 'PARKING',
  充电设施: 'CHARGING',
  绿化: 'GREENING',
  环境卫生: 'ENVIRONMENT',
  物业管理: 'PROPERTY',
  一老一小: 'ELDERLY_CHILD',
  安全: 'SAFETY',
  公共设施: 'FACILITIES',
  其他: 'OTHER',
} as const);
const YES_NO = vocabulary({ 是: 'YES', 否: 'NO' } as const);

const columns = {
  number: { header: '建议编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  compound: { header: '小区编号', type: 'code', pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  category: { header: '建议类别', type: 'enum', required: true, values: CATEGORIES.labels },
  content: { header: '建议内容', type: 'text', required: true },
  collectedOn: { header: '收集日期', type: 'date', required: true },
  closedOn: { header: '办结日期', type: 'date' },
  adopted: { header: '是否采纳', type: 'enum', values: YES_NO.labels },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** Closed exactly when it has a closing day, not before it was collected; adopted or not only once closed. */
function rules(v: Record<Key, unknown>): RowProblem<Key>[] {
  const p: RowProblem<Key>[] = [];
  if (v.closedOn && String(v.closedOn) < String(v.collectedOn))
    p.push({ column: 'closedOn', kind: 'date', reason: '办结日期早于收集日期 / closed before it was collected' });
  if (v.closedOn && !v.adopted)
    p.push({ column: 'adopted', kind: 'required', reason: '已办结的建议须填是否采纳 / a closed suggestion says whether it was adopted' });
  if (!v.closedOn && v.adopted)
    p.push({ column: 'adopted', kind: 'format', reason: '未办结的建议不应填是否采纳 / only a closed suggestion is adopted or not' });
  return p;
}

/** workforce/suggestions.csv: residents' suggestions collected, closed and adopted. */
export const suggestionsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/suggestions.csv', columns, key: ['number'], check: rules },
  place: { column: 'community' },
  async check(batch, ctx) {
    const defects = await communityDefects(batch, ctx, 'community', columns.community.header);
    const named = batch.filter((r) => r.value.compound);
    const compounds = await existingIn(
      ctx.db,
      'compound',
      'id',
      named.map((r) => globalId(ctx.district, str(r.value.compound))),
      'withdrawn_on IS NULL',
    );
    return [
      ...defects,
      ...named
        .filter((r) => !compounds.has(globalId(ctx.district, str(r.value.compound))))
        .map((r) => referenceDefect(ctx.file, r.row, columns.compound.header, `小区不存在：${str(r.value.compound)} / no such compound`)),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'suggestion',
        region: 'community_code',
        key: ['id'],
        columns: ['community_code', 'compound_id', 'category', 'content', 'collected_on', 'closed_on', 'status', 'adopted'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          compound_id: value.compound ? globalId(ctx.district, str(value.compound)) : null,
          category: CATEGORIES.of(value.category),
          content: str(value.content),
          collected_on: str(value.collectedOn),
          closed_on: strOrNull(value.closedOn),
          status: value.closedOn ? 'CLOSED' : 'COLLECTED',
          adopted: value.closedOn ? YES_NO.of(value.adopted) === 'YES' : null,
        },
      })),
      { keyLabel: (v) => `建议编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
