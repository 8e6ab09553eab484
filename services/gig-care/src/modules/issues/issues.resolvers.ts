import { chinaTime, parseGlobalId } from '@district/common';
import {
  and,
  byKey,
  chinaDay,
  eq,
  inList,
  listPrefix,
  listUnder,
  raw,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
  type Sql,
} from '@district/subgraph-kit';
import type { GigIssueFilter, Resolvers } from '../../generated/graphql';
import { visibleWorker } from '../workers/workers.resolvers';
import { GigIssue } from './issue.entity';
import { issuesOverdue, issuesReported, issuesResolved } from './issues.figures';
import { deadlineOf, isOverdue, RESOLVE_WITHIN_HOURS } from './issue-loop';

const ISSUES: ListSpec<GigIssue> = {
  entity: GigIssue,
  table: 'gig_issue',
  place: 'community_code',
  sortColumns: { CODE: 't.number', REPORTED_AT: 't.reported_at', STATUS: 't.status' },
  defaultOrder: 't.id',
};

/** Open and past the deadline now; "now" is the database's, so every parent of a response shares one statement. */
const LATE = raw(`t.status IN ('REPORTED', 'DISPATCHED') AND t.reported_at < now() - interval '${RESOLVE_WITHIN_HOURS} hours'`);

async function issueFilter(ctx: RequestContext, f: GigIssueFilter | null | undefined): Promise<Sql> {
  return and(
    eq('t.status', f?.status),
    inList('t.status', f?.statusIn),
    f?.reporterCode ? sql`t.reporter_id = ${await recordId(ctx, f.reporterCode, 'reporterCode')}` : undefined,
    eq('t.category', f?.category?.trim() || null),
    f?.reportedFrom ? sql`${raw(chinaDay('t.reported_at'))} >= ${f.reportedFrom}::date` : undefined,
    f?.reportedTo ? sql`${raw(chinaDay('t.reported_at'))} <= ${f.reportedTo}::date` : undefined,
    f?.overdue === true && LATE,
    f?.overdue === false && sql`NOT (${LATE})`,
  );
}

/** Issues under a node (already checked against the caller's scope), filtered. */
const issueList = async (ctx: RequestContext, prefix: string, args: ListArgs<GigIssueFilter>) =>
  listUnder(ctx, ISSUES, prefix, await issueFilter(ctx, args.filter), args);

/** An issue by global id, batched per request; null when outside the caller's region. */
export async function visibleIssue(ctx: RequestContext, id: string): Promise<GigIssue | null> {
  return visible(ctx, await byKey<GigIssue>(ctx, GigIssue, 'id').load(id), (i) => i.communityCode);
}

export const issueResolvers: Resolvers = {
  Query: {
    gigIssue: async (_, { code }, ctx) => visibleIssue(ctx, await recordId(ctx, code, 'code')),
    gigIssues: (_, args, ctx) => issueList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    // the node itself replaces the filter's regionCode
    gigIssues: (r, args, ctx) => issueList(ctx, listPrefix(ctx, r.code), args),
  },
  GigIssue: {
    __resolveReference: (ref, ctx) => visibleIssue(ctx, ref.id),
    code: (i) => i.number,
    reporter: (i, _, ctx) => visibleWorker(ctx, i.reporterId),
    reporterCode: (i) => parseGlobalId(i.reporterId).local,
    grid: (i) => ({ code: i.gridCode }),
    community: (i) => ({ code: i.communityCode }),
    reportedAt: (i) => chinaTime(i.reportedAt),
    dispatchedAt: (i) => chinaTime(i.dispatchedAt),
    resolvedAt: (i) => chinaTime(i.resolvedAt),
    fedBackAt: (i) => chinaTime(i.fedBackAt),
    deadline: (i) => chinaTime(deadlineOf(i.reportedAt)),
    overdue: (i) => isOverdue(i),
  },
  GigCareFigures: {
    issuesReported: (n, a, ctx) => yearOnYear(ctx, issuesReported, a, n.code),
    issuesResolved: (n, a, ctx) => yearOnYear(ctx, issuesResolved, a, n.code),
    issuesOverdue: (n, a, ctx) => yearOnYear(ctx, issuesOverdue, a, n.code),
  },
};
