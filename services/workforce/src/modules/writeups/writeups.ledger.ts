import { globalId, normaliseRegionCode } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
} from '@district/ledger';

export const WRITEUP_KINDS = vocabulary({
  社会工作案例: 'SOCIAL_WORK_CASE',
  治理课题: 'GOVERNANCE_TOPIC',
  经验材料: 'EXPERIENCE',
} as const);
const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const columns = {
  number: { header: '编号', type: 'code', required: true, pattern: NUMBER },
  region: { header: '所属区划代码', type: 'code', required: true, pattern: /^\d{6}(\d{6})?$/ },
  kind: { header: '类型', type: 'enum', required: true, values: WRITEUP_KINDS.labels },
  title: { header: '题目', type: 'text', required: true },
  author: { header: '执笔工号', type: 'code', pattern: NUMBER },
  completedOn: { header: '完成日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** workforce/writeups.csv: social-work cases, governance research topics and experience write-ups. */
export const writeupsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/writeups.csv', columns, key: ['number'] },
  place: { column: 'region', code: (v) => normaliseRegionCode(str(v.region)) },
  async check(batch, ctx) {
    const code = (v: unknown) => normaliseRegionCode(str(v as string));
    const regions = await existingIn(
      ctx.db,
      'region',
      'code',
      batch.map((r) => code(r.value.region)),
      'withdrawn_on IS NULL',
    );
    const authors = await existingIn(
      ctx.db,
      'worker',
      'id',
      batch.filter((r) => r.value.author).map((r) => globalId(ctx.district, str(r.value.author))),
      'withdrawn_on IS NULL',
    );
    return [
      ...outsideDistrict(batch, ctx, (r) => code(r.value.region), columns.region.header),
      ...batch
        .filter((r) => !regions.has(code(r.value.region)))
        .map((r) => referenceDefect(ctx.file, r.row, columns.region.header, `区划不存在：${str(r.value.region)} / no such region`)),
      ...batch
        .filter((r) => r.value.author && !authors.has(globalId(ctx.district, str(r.value.author))))
        .map((r) => referenceDefect(ctx.file, r.row, columns.author.header, `社区工作者不存在：${str(r.value.author)} / no such worker`)),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'writeup', key: ['id'], region: 'region_code', columns: ['region_code', 'kind', 'title', 'author_id', 'completed_on'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          region_code: normaliseRegionCode(str(value.region)),
          kind: WRITEUP_KINDS.of(value.kind),
          title: str(value.title),
          author_id: value.author ? globalId(ctx.district, str(value.author)) : null,
          completed_on: str(value.completedOn),
        },
      })),
      { keyLabel: (v) => `编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
