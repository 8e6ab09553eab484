import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertCanWrite,
  audited,
  badInput,
  communityOf,
  inScope,
  isRegionCode,
  notFound,
  orderFrom,
  paginate,
  regionLevel,
  regionList,
  type PageArgs,
  type RequestContext,
  type SqlCondition,
  assertInRegionTree,
} from '@district/common';
import { optionalText, pastMoment, requiredText } from '../../lib/input';
import { nextCode } from '../../lib/next-code';
import { listPrefix } from '@district/common';
import { underPrefix } from '../../lib/place';
import { chinaDay, chinaTime } from '../../lib/time';
import { GigWorker } from '../workers/gig-worker.entity';
import { loadWorker } from '../workers/worker-loader';
import { GigIssue, type IssueStatus } from './gig-issue.entity';
import { assertStep, deadlineOf, isOverdue, OPEN_STATUSES, overdueCutoff, RESOLVE_WITHIN_HOURS } from './issue-loop';

export interface IssueFilter {
  regionCode?: string | null;
  status?: IssueStatus | null;
  overdue?: boolean | null;
  reporterCode?: string | null;
  category?: string | null;
  reportedFrom?: string | null;
  reportedTo?: string | null;
}

/** China calendar day → the first moment of it (reportedTo is inclusive, so it becomes < next day). */
const dayStart = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);

function issueWhere(ctx: RequestContext, f: IssueFilter | null | undefined) {
  const where: Record<string, unknown> = underPrefix(listPrefix(ctx, f?.regionCode));
  if (f?.status) where.status = f.status;
  if (f?.reporterCode) where.reporterCode = f.reporterCode;
  if (f?.category) where.category = f.category.trim();
  const reported: Record<string, Date> = {};
  if (f?.reportedFrom) reported.$gte = dayStart(f.reportedFrom);
  if (f?.reportedTo) reported.$lt = dayStart(f.reportedTo, 1);
  if (f?.overdue === true) {
    const cutoff = overdueCutoff();
    where.status = { $in: OPEN_STATUSES.filter((s) => !f.status || s === f.status) };
    if (!reported.$lt || reported.$lt > cutoff) reported.$lt = cutoff;
  }
  if (Object.keys(reported).length) where.reportedAt = reported;
  if (f?.overdue === false) where.$or = [{ status: { $nin: OPEN_STATUSES } }, { reportedAt: { $gte: overdueCutoff() } }];
  return where;
}

/** The filter as SQL for the per-Region lists; "now" is the database's, so the SQL (and loader) is stable. */
function issueSql(f: IssueFilter | null | undefined): SqlCondition {
  const parts: [string, unknown?][] = [];
  if (f?.status) parts.push(['t.status = ?', f.status]);
  if (f?.reporterCode) parts.push(['t.reporter_code = ?', f.reporterCode]);
  if (f?.category) parts.push(['t.category = ?', f.category.trim()]);
  if (f?.reportedFrom) parts.push([`${chinaDay('t.reported_at')} >= ?`, f.reportedFrom]);
  if (f?.reportedTo) parts.push([`${chinaDay('t.reported_at')} <= ?`, f.reportedTo]);
  const late = `t.status IN ('REPORTED', 'DISPATCHED') AND t.reported_at < now() - interval '${RESOLVE_WITHIN_HOURS} hours'`;
  if (f?.overdue === true) parts.push([late]);
  if (f?.overdue === false) parts.push([`NOT (${late})`]);
  return { sql: ['TRUE', ...parts.map(([s]) => s)].join(' AND '), params: parts.filter((p) => p.length > 1).map(([, p]) => p) };
}

const SORT = { CODE: 'code', REPORTED_AT: 'reportedAt', STATUS: 'status' };

export interface ReportInput {
  reporterCode: string;
  gridCode: string;
  category: string;
  description?: string | null;
  reportedAt?: string | null;
}

function gridCode(value: string): string {
  const code = value.trim();
  if (!/^\d{14}$/.test(code) || !isRegionCode(code) || regionLevel(communityOf(code)) !== 'COMMUNITY') {
    throw badInput('网格编码应为14位（社区代码+2位）/ gridCode must be 14 digits: a community code and 2 digits', 'gridCode');
  }
  return code;
}

/** The issue, locked for this transaction so two steps of one loop cannot interleave. */
async function lockedIssue(ctx: RequestContext, em: EntityManager, code: string): Promise<GigIssue> {
  const issue = await em.findOne(GigIssue, { code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!issue || !inScope(ctx.caller, issue.communityCode)) throw notFound(`没有编号为${code}的问题 / no issue ${code}`);
  assertCanWrite(ctx.caller, 'gig-care', issue.communityCode);
  return issue;
}

/** One step of the loop: lock, check the order of steps, stamp the time. */
function step(name: string, next: IssueStatus, apply: (issue: GigIssue, args: Record<string, unknown>) => void) {
  return (_: unknown, args: { code: string } & Record<string, unknown>, ctx: RequestContext) =>
    audited(
      ctx,
      name,
      args,
      async (em) => {
        const issue = await lockedIssue(ctx, em, args.code);
        assertStep(issue.status, next, issue.code);
        issue.status = next;
        apply(issue, args);
        await em.flush();
        return issue;
      },
      (i) => `GigIssue:${i.code}`,
    );
}

const at = (d: Date | null | undefined) => chinaTime(d);

export const issueResolvers = {
  Query: {
    gigIssue: async (_: unknown, { code }: { code: string }, ctx: RequestContext) => {
      const issue = await ctx.em.findOne(GigIssue, { code });
      return issue && inScope(ctx.caller, issue.communityCode) ? issue : null;
    },
    gigIssues: (
      _: unknown,
      a: PageArgs & { filter?: IssueFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => paginate(ctx.em, GigIssue, issueWhere(ctx, a.filter), orderFrom(a.sort, SORT, [{ code: 'asc' }]), a),
  },
  Mutation: {
    reportIssue: (_: unknown, { input }: { input: ReportInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'reportIssue',
        input,
        async (em) => {
          const grid = gridCode(input.gridCode);
          await assertInRegionTree(ctx, 'grids', grid, 'gridCode');
          const category = requiredText(input.category, 'category', '问题类别', 50);
          const description = optionalText(input.description, 'description', '问题描述', 1000);
          const reportedAt = pastMoment(input.reportedAt, 'reportedAt');
          assertCanWrite(ctx.caller, 'gig-care', communityOf(grid));
          const reporter = await em.findOne(GigWorker, { code: input.reporterCode });
          if (!reporter) throw badInput(`没有编号为${input.reporterCode}的人员 / no gig worker ${input.reporterCode}`, 'reporterCode');
          if (!reporter.mobileGridMember) throw badInput('上报人不是流动网格员 / the reporter is not a mobile grid member', 'reporterCode');
          const year = chinaTime(reportedAt).slice(0, 4);
          const issue = em.create(GigIssue, {
            code: await nextCode(em, 'gig_issue', 'code', `SB${year}`, 4),
            reporterCode: reporter.code,
            gridCode: grid,
            communityCode: communityOf(grid),
            category,
            description,
            status: 'REPORTED',
            reportedAt,
          });
          await em.flush();
          return issue;
        },
        (i) => `GigIssue:${i.code}`,
      ),
    dispatchIssue: step('dispatchIssue', 'DISPATCHED', (issue, a) => {
      issue.assignee = requiredText(a.assignee as string, 'assignee', '承办单位', 100);
      issue.dispatchedAt = new Date();
    }),
    resolveIssue: step('resolveIssue', 'RESOLVED', (issue, a) => {
      issue.resolution = requiredText(a.resolution as string, 'resolution', '办理结果', 1000);
      issue.resolvedAt = new Date();
    }),
    feedbackIssue: step('feedbackIssue', 'FED_BACK', (issue, a) => {
      issue.feedback = requiredText(a.feedback as string, 'feedback', '反馈内容', 1000);
      issue.satisfied = Boolean(a.satisfied);
      issue.fedBackAt = new Date();
    }),
  },
  Region: {
    gigIssues: (r: { code: string }, a: PageArgs & { filter?: IssueFilter }, ctx: RequestContext) =>
      regionList(
        ctx,
        { entity: GigIssue, table: 'gig_issue', column: 'community_code', where: issueSql(a.filter), order: 't.code' },
        listPrefix(ctx, r.code),
        a,
      ),
  },
  GigIssue: {
    __resolveReference: async (ref: { code: string }, ctx: RequestContext) => {
      const loader = ctx.loaders.get<string, GigIssue | null>('gig-issue', async (codes) => {
        const rows = await ctx.em.find(GigIssue, { code: { $in: [...codes] } });
        return codes.map((c) => rows.find((i) => i.code === c) ?? null);
      });
      const issue = await loader.load(ref.code);
      return issue && inScope(ctx.caller, issue.communityCode) ? issue : null;
    },
    reporter: (i: GigIssue, _: unknown, ctx: RequestContext) => loadWorker(ctx, i.reporterCode),
    grid: (i: GigIssue) => ({ code: i.gridCode }),
    community: (i: GigIssue) => ({ code: i.communityCode }),
    reportedAt: (i: GigIssue) => at(i.reportedAt),
    dispatchedAt: (i: GigIssue) => at(i.dispatchedAt),
    resolvedAt: (i: GigIssue) => at(i.resolvedAt),
    fedBackAt: (i: GigIssue) => at(i.fedBackAt),
    deadline: (i: GigIssue) => at(deadlineOf(i.reportedAt)),
    overdue: (i: GigIssue) => isOverdue(i),
  },
};
