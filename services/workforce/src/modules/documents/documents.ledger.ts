import { globalId, normaliseRegionCode } from '@district/common';
import {
  existingIn,
  outsideDistrict,
  referenceDefect,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type Defect,
  type ImportContext,
  type LedgerImporter,
  type ValidRow,
} from '@district/ledger';

export const DOCUMENT_KINDS = vocabulary({
  指南: 'GUIDE',
  明白卡: 'CARD',
  通知: 'NOTICE',
  制度: 'RULES',
  方案: 'PLAN',
  任务清单: 'TASK_LIST',
  职责清单: 'DUTY_LIST',
  事项清单: 'MATTER_LIST',
  负面清单: 'NEGATIVE_LIST',
  证明事项清单: 'CERTIFICATE_LIST',
  报告: 'REPORT',
  其他: 'OTHER',
} as const);
export const WORK_LINES = vocabulary({
  党建: 'PARTY_BUILDING',
  基层治理: 'WORKFORCE',
  社会组织: 'SOCIAL_ORGANIZATIONS',
  志愿服务: 'VOLUNTEER',
  新就业群体: 'GIG_CARE',
} as const);
export const ITEM_KINDS = vocabulary({
  事项: 'MATTER',
  职责: 'DUTY',
  负面事项: 'NEGATIVE',
  任务: 'TASK',
  证明事项: 'CERTIFICATE',
  分工: 'DIVISION',
  其他: 'OTHER',
} as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;
/** a district (6 or 12 digits), street or community code, or a 14-digit grid code */
const PLACE = /^\d{6}(\d{6}(\d{2})?)?$/;
const code = (v: unknown) => normaliseRegionCode(str(v as string));

/** The codes of `values` that name a live region or grid of the tree. */
async function knownPlaces(ctx: ImportContext, values: string[]): Promise<Set<string>> {
  const regions = await existingIn(
    ctx.db,
    'region',
    'code',
    values.filter((c) => c.length === 12),
    'withdrawn_on IS NULL',
  );
  const grids = await existingIn(
    ctx.db,
    'grid',
    'code',
    values.filter((c) => c.length === 14),
    'withdrawn_on IS NULL',
  );
  return new Set([...regions, ...grids]);
}

function unknown<K extends string>(ctx: ImportContext, batch: ValidRow<K>[], key: K, header: string, known: Set<string>): Defect[] {
  return batch
    .filter((r) => r.value[key] && !known.has(code(r.value[key])))
    .map((r) => referenceDefect(ctx.file, r.row, header, `区划或网格不存在：${str(r.value[key])} / no such region or grid`));
}

const documentColumns = {
  number: { header: '登记编号', type: 'code', required: true, pattern: NUMBER },
  region: { header: '发文单位区划代码', type: 'code', required: true, pattern: PLACE },
  kind: { header: '文件类型', type: 'enum', required: true, values: DOCUMENT_KINDS.labels },
  line: { header: '工作条线', type: 'enum', required: true, values: WORK_LINES.labels },
  title: { header: '标题', type: 'text', required: true },
  issuedOn: { header: '印发日期', type: 'date', required: true },
  subject: { header: '涉及区划代码', type: 'code', pattern: PLACE },
  documentNumber: { header: '文号', type: 'text' },
  summary: { header: '摘要', type: 'text' },
} satisfies Record<string, ColumnSpec>;
type DocumentKey = keyof typeof documentColumns;

/** workforce/documents.csv: guides, cards, notices, lists and reports issued by the district, streets, communities and grids. */
export const documentsLedger: LedgerImporter<DocumentKey> = {
  spec: { file: 'workforce/documents.csv', columns: documentColumns, key: ['number'] },
  place: { column: 'region', code: (v) => code(v.region) },
  async check(batch, ctx) {
    const known = await knownPlaces(ctx, [
      ...batch.map((r) => code(r.value.region)),
      ...batch.filter((r) => r.value.subject).map((r) => code(r.value.subject)),
    ]);
    const outside = [
      ...outsideDistrict(batch, ctx, (r) => code(r.value.region), documentColumns.region.header),
      ...outsideDistrict(
        batch.filter((r) => r.value.subject),
        ctx,
        (r) => code(r.value.subject),
        documentColumns.subject.header,
      ),
    ];
    const refused = new Set(outside.map((d) => d.row));
    const inside = batch.filter((r) => !refused.has(r.row));
    return [
      ...outside,
      ...unknown(ctx, inside, 'region', documentColumns.region.header, known),
      ...unknown(ctx, inside, 'subject', documentColumns.subject.header, known),
    ];
  },
  async write(batch, ctx) {
    const stored = await storeRows(
      ctx,
      {
        table: 'document',
        key: ['id'],
        region: 'region_code',
        columns: ['region_code', 'kind', 'line', 'title', 'issued_on', 'subject_code', 'document_number', 'summary'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          region_code: code(value.region),
          kind: DOCUMENT_KINDS.of(value.kind),
          line: WORK_LINES.of(value.line),
          title: str(value.title),
          issued_on: str(value.issuedOn),
          subject_code: value.subject ? code(value.subject) : null,
          document_number: strOrNull(value.documentNumber),
          summary: strOrNull(value.summary),
        },
      })),
      { keyLabel: (v) => `登记编号 ${v.number}`, keyColumn: documentColumns.number.header },
    );
    // a document the ledger moves to another issuer takes its items with it
    await ctx.db.query(
      `UPDATE document_item i SET region_code = d.region_code FROM document d
       WHERE i.document_id = d.id AND d.id = ANY($1) AND i.region_code <> d.region_code`,
      [batch.map((r) => globalId(ctx.district, str(r.value.number)))],
    );
    return stored;
  },
};

const itemColumns = {
  number: { header: '事项编号', type: 'code', required: true, pattern: NUMBER },
  document: { header: '文件登记编号', type: 'code', required: true, pattern: NUMBER },
  region: { header: '发文单位区划代码', type: 'code', required: true, pattern: PLACE },
  kind: { header: '事项类型', type: 'enum', values: ITEM_KINDS.labels },
  title: { header: '事项内容', type: 'text', required: true },
  post: { header: '岗位', type: 'text' },
  assignee: { header: '责任人工号', type: 'code', pattern: NUMBER },
  dueOn: { header: '完成时限', type: 'date' },
  doneOn: { header: '完成日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type ItemKey = keyof typeof itemColumns;

/**
 * workforce/document_items.csv: the items of lists, each naming its document by register number.
 * The issuer's code is repeated on each row so a street or community office can upload its own
 * items confined to its region; it must be the document's.
 */
export const documentItemsLedger: LedgerImporter<ItemKey> = {
  spec: { file: 'workforce/document_items.csv', columns: itemColumns, key: ['number'] },
  place: { column: 'region', code: (v) => code(v.region) },
  async check(batch, ctx) {
    const res = await ctx.db.query(`SELECT id, region_code FROM document WHERE id = ANY($1) AND withdrawn_on IS NULL`, [
      [...new Set(batch.map((r) => globalId(ctx.district, str(r.value.document))))],
    ]);
    const docs = new Map(res.rows.map((d: { id: string; region_code: string }) => [d.id, d]));
    const workers = await existingIn(
      ctx.db,
      'worker',
      'id',
      batch.filter((r) => r.value.assignee).map((r) => globalId(ctx.district, str(r.value.assignee))),
      'withdrawn_on IS NULL',
    );
    return batch.flatMap((r) => {
      const doc = docs.get(globalId(ctx.district, str(r.value.document)));
      if (!doc)
        return [referenceDefect(ctx.file, r.row, itemColumns.document.header, `文件不存在：${str(r.value.document)} / no such document`)];
      if (doc.region_code !== code(r.value.region))
        return [
          referenceDefect(
            ctx.file,
            r.row,
            itemColumns.region.header,
            `与文件的发文单位不符（${doc.region_code}）/ not the issuer of the document (${doc.region_code})`,
          ),
        ];
      if (r.value.assignee && !workers.has(globalId(ctx.district, str(r.value.assignee))))
        return [
          referenceDefect(ctx.file, r.row, itemColumns.assignee.header, `社区工作者不存在：${str(r.value.assignee)} / no such worker`),
        ];
      return [];
    });
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'document_item',
        key: ['id'],
        region: 'region_code',
        columns: ['document_id', 'region_code', 'kind', 'title', 'post', 'assignee_id', 'due_on', 'done_on'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          document_id: globalId(ctx.district, str(value.document)),
          region_code: code(value.region),
          kind: ITEM_KINDS.orNull(value.kind),
          title: str(value.title),
          post: strOrNull(value.post),
          assignee_id: value.assignee ? globalId(ctx.district, str(value.assignee)) : null,
          due_on: strOrNull(value.dueOn),
          done_on: strOrNull(value.doneOn),
        },
      })),
      { keyLabel: (v) => `事项编号 ${v.number}`, keyColumn: itemColumns.number.header },
    ),
};
