import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf } from '@district/common';
import {
  audited,
  calendarDay,
  correction,
  defineRecord,
  eventDay,
  NOTE_MAX,
  optionalText,
  recordId,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectDocumentInput, CorrectDocumentItemInput, MutationResolvers } from '../../generated/graphql';
import { Grid, Region } from '../regions/region.entity';
import { Worker } from '../workers/worker.entity';
import { optionalDay, sameDistrict } from '../shared/governance';
import { Document, DocumentItem } from './document.entity';

const DEPARTMENT = 'workforce';
/** a report's narrative runs to pages; other text fields keep the kit's limits */
const SUMMARY_MAX = 20_000;

export const DOCUMENT_RECORD = defineRecord<Document>({
  type: 'Document',
  entity: Document,
  label: ['文件', 'document'],
  owner: DEPARTMENT,
  placeOf: (d) => d.regionCode,
  idOf: (d) => d.id,
  referencedBy: [{ table: 'document_item', column: 'document_id', label: ['清单事项', 'items'] }],
});

export const ITEM_RECORD = defineRecord<DocumentItem>({
  type: 'DocumentItem',
  entity: DocumentItem,
  label: ['清单事项', 'document item'],
  owner: DEPARTMENT,
  placeOf: (i) => i.regionCode,
  idOf: (i) => i.id,
});

/** A live node of the tree a document can sit at or be about: the district, a street, a community or a grid. */
async function placeOf(em: EntityManager, raw: string, field: string): Promise<string> {
  const code = regionCodeOf(raw, field, ['DISTRICT', 'STREET', 'COMMUNITY', 'GRID']);
  const found = code.length === 14 ? await em.findOne(Grid, { code }) : await em.findOne(Region, { code });
  if (!found) throw badInput(`区划或网格不存在：${code} / no such region or grid`, field);
  return code;
}

async function assigneeOf(ctx: RequestContext, em: EntityManager, given: string | null | undefined, district: string) {
  if (!given) return null;
  const w = await em.findOne(Worker, { id: await recordId(ctx, given, 'assigneeId') });
  if (!w || w.districtCode !== district) throw badInput(`社区工作者不存在：${given} / no such worker`, 'assigneeId');
  return w.id;
}

/** A deadline may lie ahead; only its form is checked. */
const dueDay = (value: string | null | undefined) => (value ? calendarDay(value, 'dueOn') : null);

/** Done on a day: not before the list was issued, not in the future. */
const doneDay = (value: string | null | undefined, doc: Document) =>
  value ? eventDay(value, 'doneOn', '完成日期', { day: doc.issuedOn, after: '印发日期' }) : null;

const documentOf = (ctx: RequestContext, em: EntityManager, given: string) => recordToChange(ctx, em, DOCUMENT_RECORD, given, 'documentId');

export const documentMutations: MutationResolvers = {
  recordDocument: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordDocument',
      input,
      async (em) => {
        const regionCode = await placeOf(em, input.regionCode, 'regionCode');
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        const district = districtOf(regionCode);
        const subjectCode = input.subjectCode
          ? sameDistrict(await placeOf(em, input.subjectCode, 'subjectCode'), district, 'subjectCode')
          : null;
        const issuedOn = eventDay(input.issuedOn, 'issuedOn', '印发日期');
        const { id, number } = await newRecordKey(em, Document, {
          given: input.id,
          label: '登记编号',
          table: 'document',
          district,
          prefix: `WJ${issuedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Document, {
          id,
          districtCode: district,
          number,
          regionCode,
          kind: input.kind,
          line: input.line,
          title: requiredText(input.title, 'title', '标题', 200),
          issuedOn,
          subjectCode,
          documentNumber: optionalText(input.documentNumber, 'documentNumber', '文号', 60),
          summary: optionalText(input.summary, 'summary', '摘要', SUMMARY_MAX),
        });
      },
      (d) => `Document:${d.id}`,
    ),
  correctDocument: correction<Document, CorrectDocumentInput>(DOCUMENT_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.regionCode) {
      const code = sameDistrict(await placeOf(em, input.regionCode, 'regionCode'), row.districtCode, 'regionCode');
      assertCanWrite(ctx.caller, DEPARTMENT, code);
      change.set(row, 'regionCode', code);
      // the items follow their document
      for (const item of await em.find(DocumentItem, { documentId: row.id })) item.regionCode = code;
    }
    if (input.subjectCode !== undefined)
      change.set(
        row,
        'subjectCode',
        input.subjectCode ? sameDistrict(await placeOf(em, input.subjectCode, 'subjectCode'), row.districtCode, 'subjectCode') : null,
      );
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.line) change.set(row, 'line', input.line);
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '标题', 200));
    if (input.issuedOn) change.set(row, 'issuedOn', optionalDay(input.issuedOn, 'issuedOn', '印发日期')!);
    if (input.documentNumber !== undefined)
      change.set(row, 'documentNumber', optionalText(input.documentNumber, 'documentNumber', '文号', 60));
    if (input.summary !== undefined) change.set(row, 'summary', optionalText(input.summary, 'summary', '摘要', SUMMARY_MAX));
  }),
  withdrawDocument: withdrawal(DOCUMENT_RECORD),

  addDocumentItem: (_, { input }, ctx) =>
    audited(
      ctx,
      'addDocumentItem',
      input,
      async (em) => {
        const doc = await documentOf(ctx, em, input.documentId);
        const district = doc.districtCode;
        const { id, number } = await newRecordKey(em, DocumentItem, {
          given: input.id,
          label: '事项编号',
          table: 'document_item',
          district,
          prefix: `SX${doc.issuedOn.slice(0, 4)}`,
          width: 6,
        });
        return em.create(DocumentItem, {
          id,
          districtCode: district,
          number,
          documentId: doc.id,
          regionCode: doc.regionCode,
          kind: input.kind ?? null,
          title: requiredText(input.title, 'title', '事项内容', NOTE_MAX),
          post: optionalText(input.post, 'post', '岗位', 60),
          assigneeId: await assigneeOf(ctx, em, input.assigneeId, district),
          dueOn: dueDay(input.dueOn),
          doneOn: doneDay(input.doneOn, doc),
        });
      },
      (i) => `DocumentItem:${i.id}`,
    ),
  completeDocumentItem: (_, args, ctx) =>
    audited(
      ctx,
      'completeDocumentItem',
      args,
      async (em) => {
        const item = await recordToChange(ctx, em, ITEM_RECORD, args.id);
        if (item.doneOn) throw conflict(`该事项已于${item.doneOn}完成 / already done on ${item.doneOn}`, 'id');
        const doc = await em.findOneOrFail(Document, { id: item.documentId });
        item.doneOn = eventDay(args.doneOn, 'doneOn', '完成日期', { day: doc.issuedOn, after: '印发日期' });
        return item;
      },
      (i) => `DocumentItem:${i.id}`,
    ),
  correctDocumentItem: correction<DocumentItem, CorrectDocumentItemInput>(ITEM_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.kind !== undefined) change.set(row, 'kind', input.kind ?? null);
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '事项内容', NOTE_MAX));
    if (input.post !== undefined) change.set(row, 'post', optionalText(input.post, 'post', '岗位', 60));
    if (input.assigneeId !== undefined) change.set(row, 'assigneeId', await assigneeOf(ctx, em, input.assigneeId, row.districtCode));
    if (input.dueOn !== undefined) change.set(row, 'dueOn', dueDay(input.dueOn));
    if (input.doneOn !== undefined) {
      const doc = await em.findOneOrFail(Document, { id: row.documentId });
      change.set(row, 'doneOn', doneDay(input.doneOn, doc));
    }
  }),
  withdrawDocumentItem: withdrawal(ITEM_RECORD),
};
