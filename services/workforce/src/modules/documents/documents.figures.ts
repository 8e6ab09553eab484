import { and, defineFigure, distinct, eq, flow, raw, sql, type PeriodRule } from '@district/subgraph-kit';
import type { DocumentItemKind, DocumentKind, WorkLine } from './document.entity';

export type IssuerLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';
type DocumentArgs = { kind?: DocumentKind | null; line?: WorkLine | null; issuedBy?: IssuerLevel | null };

/**
 * Rows whose issuer (a code column) is of one level: "N个社区" and "N个网格" are told apart by the
 * code's shape (a grid's 14 digits, a street's or town's trailing 000, the district's 000000).
 */
export function issuedAt(column: string, level: IssuerLevel | null | undefined) {
  if (!level) return undefined;
  const shape = {
    GRID: `length(${column}) = 14`,
    COMMUNITY: `length(${column}) = 12 AND ${column} NOT LIKE '%000'`,
    STREET: `length(${column}) = 12 AND ${column} LIKE '%000' AND ${column} NOT LIKE '%000000'`,
    DISTRICT: `length(${column}) = 12 AND ${column} LIKE '%000000'`,
  }[level];
  return raw(`(${shape})`);
}
type ItemArgs = DocumentArgs & { itemKind?: DocumentItemKind | null; onTime?: boolean | null };

const documents = { name: 'document', from: 'document d', place: 'd.region_code' };
/** an item with its document (withdrawn documents' items are skipped with them) */
const items = { name: 'document-item', from: 'document_item i JOIN document d ON d.id = i.document_id', place: 'i.region_code' };

const ofDocument = (a: DocumentArgs) => and(eq('d.kind', a.kind), eq('d.line', a.line), issuedAt('d.region_code', a.issuedBy));
const ofItem = (a: ItemArgs) => and(ofDocument(a), eq('i.kind', a.itemKind), a.onTime ? raw('i.done_on <= i.due_on') : undefined);

/** Documents issued in the period (印发、下发、发布), at their issuer and every node above. */
export const documentsIssued = defineFigure<DocumentArgs>({
  name: 'documents.issued',
  source: documents,
  period: flow('d.issued_on'),
  where: ofDocument,
});

/** Distinct issuers (communities, grids, streets) that issued such a document in the period: "N个社区明确任务清单". */
export const documentIssuers = defineFigure<DocumentArgs>({
  name: 'documents.issuers',
  source: documents,
  period: flow('d.issued_on'),
  aggregate: distinct('d.region_code'),
  where: ofDocument,
});

/** Distinct places the period's documents are about (a report's communities: "x个社区分报告"). */
export const documentSubjects = defineFigure<DocumentArgs>({
  name: 'documents.subjects',
  source: documents,
  period: flow('d.issued_on'),
  aggregate: distinct('d.subject_code'),
  where: ofDocument,
});

/** Items of the documents issued in the period. */
export const documentItems = defineFigure<ItemArgs>({ name: 'documents.items', source: items, period: flow('d.issued_on'), where: ofItem });

/** Items done in the period; onTime: done on or before their deadline. */
export const documentItemsDone = defineFigure<ItemArgs>({
  name: 'documents.itemsDone',
  source: items,
  period: flow('i.done_on'),
  where: ofItem,
});

/** Items overdue on asOf: their deadline passed before that day and they were not done by it. */
const overdueOn: PeriodRule = (p) => sql`i.due_on < ${p.asOf}::date AND (i.done_on IS NULL OR i.done_on > ${p.asOf}::date)`;
export const documentItemsOverdue = defineFigure<ItemArgs>({
  name: 'documents.itemsOverdue',
  source: items,
  period: overdueOn,
  where: ofItem,
});

/** Items falling due in the period (deadline from 1 January to asOf): the completion rate's denominator. */
export const documentItemsDue = defineFigure<ItemArgs>({
  name: 'documents.itemsDue',
  source: items,
  period: flow('i.due_on'),
  where: ofItem,
});

/** Of those, the items done by their deadline: the rate's numerator. */
export const documentItemsDueDoneOnTime = defineFigure<ItemArgs>({
  name: 'documents.itemsDueDoneOnTime',
  source: items,
  period: flow('i.due_on'),
  where: (a) => and(ofItem(a), raw('i.done_on <= i.due_on')),
});
