import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  rateYearOnYear,
  raw,
  recordId,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { DocumentFilter, DocumentItemFilter, Resolvers } from '../../generated/graphql';
import { gridByCode, regionByCode } from '../regions/regions.resolvers';
import { workerById } from '../workers/workers.resolvers';
import { Document, DocumentItem } from './document.entity';
import { DOCUMENT_RECORD, ITEM_RECORD } from './documents.mutations';
import {
  documentIssuers,
  documentItems,
  documentItemsDone,
  documentItemsDue,
  documentItemsDueDoneOnTime,
  documentItemsOverdue,
  documentsIssued,
  documentSubjects,
  issuedAt,
} from './documents.figures';

const DOCUMENTS: ListSpec<Document> = {
  entity: Document,
  table: 'document',
  place: 'region_code',
  sortColumns: { ID: 't.number', ISSUED_ON: 't.issued_on' },
  defaultOrder: 't.id',
};

const ITEMS: ListSpec<DocumentItem> = {
  entity: DocumentItem,
  table: 'document_item',
  place: 'region_code',
  sortColumns: { ID: 't.number', DUE_ON: 't.due_on', DONE_ON: 't.done_on' },
  defaultOrder: 't.id',
};

/** A window on a date column; either end may be open. */
const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);

function documentList(ctx: RequestContext, prefix: string, args: ListArgs<DocumentFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    DOCUMENTS,
    prefix,
    and(
      eq('t.kind', f.kind),
      eq('t.line', f.line),
      issuedAt('t.region_code', f.issuedBy),
      eq('t.subject_code', f.subjectCode),
      between('t.issued_on', f.issuedFrom, f.issuedTo),
    ),
    args,
  );
}

/** Items under a node; `overdueOn` lists what `documentItemsOverdue(asOf)` counts on that day. */
function itemList(ctx: RequestContext, prefix: string, args: ListArgs<DocumentItemFilter>) {
  const f = args.filter ?? {};
  const ofDocument =
    f.kind || f.line
      ? sql`t.document_id IN (SELECT id FROM document WHERE withdrawn_on IS NULL AND ${and(eq('kind', f.kind), eq('line', f.line))})`
      : undefined;
  return listUnder(
    ctx,
    ITEMS,
    prefix,
    and(
      ofDocument,
      issuedAt('t.region_code', f.issuedBy),
      eq('t.document_id', f.documentId),
      eq('t.kind', f.itemKind),
      f.overdueOn ? sql`t.due_on < ${f.overdueOn}::date AND (t.done_on IS NULL OR t.done_on > ${f.overdueOn}::date)` : undefined,
      between('t.due_on', f.dueFrom, f.dueTo),
      between('t.done_on', f.doneFrom, f.doneTo),
    ),
    args,
  );
}

const documentById = (ctx: RequestContext, id: string) => byKey<Document>(ctx, Document, 'id').load(id);
const isGrid = (code: string | null | undefined) => code?.length === 14;

export const documentResolvers: Resolvers = {
  Query: {
    document: async (_, { id }, ctx) => visible(ctx, await documentById(ctx, await recordId(ctx, id)), (d) => d.regionCode),
    documents: (_, args, ctx) => documentList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    documentItems: (_, args, ctx) => itemList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    documents: (r, args, ctx) => documentList(ctx, listPrefix(ctx, r.code), args),
    documentItems: (r, args, ctx) => itemList(ctx, listPrefix(ctx, r.code), args),
  },
  Document: {
    region: async (d, _, ctx) => (isGrid(d.regionCode) ? null : ((await regionByCode(ctx, d.regionCode)) ?? null)),
    grid: async (d, _, ctx) => (isGrid(d.regionCode) ? ((await gridByCode(ctx, d.regionCode)) ?? null) : null),
    subject: async (d, _, ctx) => (d.subjectCode && !isGrid(d.subjectCode) ? ((await regionByCode(ctx, d.subjectCode)) ?? null) : null),
    subjectGrid: async (d, _, ctx) => (isGrid(d.subjectCode) ? ((await gridByCode(ctx, d.subjectCode!)) ?? null) : null),
    items: (d, _, ctx) => rowsBy<DocumentItem>(ctx, DocumentItem, 'documentId', { orderBy: { number: 'asc' } }).load(d.id),
    history: historyField(DOCUMENT_RECORD),
  },
  DocumentItem: {
    document: async (i, _, ctx) => (await documentById(ctx, i.documentId))!,
    assignee: (i, _, ctx) => (i.assigneeId ? workerById(ctx, i.assigneeId) : null),
    history: historyField(ITEM_RECORD),
  },
  GovernanceFigures: {
    documentsIssued: (n, a, ctx) => yearOnYear(ctx, documentsIssued, a, n.code),
    documentIssuers: (n, a, ctx) => yearOnYear(ctx, documentIssuers, a, n.code),
    documentSubjects: (n, a, ctx) => yearOnYear(ctx, documentSubjects, a, n.code),
    documentItems: (n, a, ctx) => yearOnYear(ctx, documentItems, a, n.code),
    documentItemsDone: (n, a, ctx) => yearOnYear(ctx, documentItemsDone, a, n.code),
    documentItemsOverdue: (n, a, ctx) => yearOnYear(ctx, documentItemsOverdue, a, n.code),
    documentItemsDue: (n, a, ctx) => yearOnYear(ctx, documentItemsDue, a, n.code),
    documentItemCompletionRate: (n, a, ctx) => rateYearOnYear(ctx, documentItemsDueDoneOnTime, documentItemsDue, a, n.code),
  },
};
