import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, chinaTime, communityOf, districtOf, globalId, inScope, notFound } from '@district/common';
import {
  assertInRegionTree,
  assertStep,
  audited,
  correction,
  defineRecord,
  withdrawal,
  momentOf,
  nextNumber,
  optionalText,
  NOTE_MAX,
  recordId,
  regionCodeOf,
  requiredText,
  type RequestContext,
} from '@district/subgraph-kit';
import type {
  CorrectGigIssueInput,
  MutationDispatchIssueArgs,
  MutationFeedbackIssueArgs,
  MutationResolveIssueArgs,
  MutationResolvers,
} from '../../generated/graphql';
import { GigMobileGridMembership, GigWorker } from '../workers/worker.entity';
import { GigIssue, type IssueStatus } from './issue.entity';
import { ISSUE_LOOP } from './issue-loop';

/** An issue, where it was reported; a withdrawn reporter's issues are withdrawn first. */
export const ISSUE_RECORD = defineRecord<GigIssue>({
  type: 'GigIssue',
  entity: GigIssue,
  label: ['上报的问题', 'issue'],
  owner: 'gig-care',
  placeOf: (i) => i.communityCode,
  idOf: (i) => i.id,
  referencedBy: [{ table: 'gig_points_entry', column: 'issue_id', label: ['积分流水', 'points entries'] }],
});

/** The issue, locked for this transaction so two steps of one loop cannot interleave. */
async function lockedIssue(ctx: RequestContext, em: EntityManager, given: string): Promise<GigIssue> {
  const issue = await em.findOne(GigIssue, { id: await recordId(ctx, given, 'code') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!issue || !inScope(ctx.caller, issue.communityCode)) throw notFound(`问题不存在：${given} / no such issue`, 'code');
  assertCanWrite(ctx.caller, 'gig-care', issue.communityCode);
  return issue;
}

/** The moment of the step before: the latest known of reported, dispatched, resolved (a ledger row may lack some). */
const lastStepAt = (issue: GigIssue): Date =>
  [issue.reportedAt, issue.dispatchedAt, issue.resolvedAt].filter((d): d is Date => !!d).reduce((a, b) => (b > a ? b : a));

/**
 * One step of the loop: lock, check the order of steps (CONFLICT when out of order), and take the
 * moment the clerk gives (default now): not in the future, not before the step it follows.
 */
function step<A extends { code: string; at?: string | null }>(
  name: string,
  next: IssueStatus,
  label: string,
  apply: (issue: GigIssue, args: A, at: Date) => void,
) {
  return (ctx: RequestContext, args: A) =>
    audited(
      ctx,
      name,
      args,
      async (em) => {
        const issue = await lockedIssue(ctx, em, args.code);
        assertStep(ISSUE_LOOP, issue.status, next);
        const at = momentOf(args.at, 'at', label, { at: lastStepAt(issue), after: '上一环节的时间' });
        apply(issue, args, at);
        issue.status = next;
        return issue;
      },
      (i) => `GigIssue:${i.id}`,
    );
}

const dispatch = step<MutationDispatchIssueArgs>('dispatchGigIssue', 'DISPATCHED', '派单时间', (issue, a, at) => {
  issue.assignee = requiredText(a.assignee, 'assignee', '承办单位', 100);
  issue.dispatchedAt = at;
});
const resolve = step<MutationResolveIssueArgs>('resolveGigIssue', 'RESOLVED', '办结时间', (issue, a, at) => {
  issue.resolution = requiredText(a.resolution, 'resolution', '办理结果', NOTE_MAX);
  issue.resolvedAt = at;
});
const feedBack = step<MutationFeedbackIssueArgs>('feedbackGigIssue', 'FED_BACK', '反馈时间', (issue, a, at) => {
  issue.feedback = requiredText(a.feedback, 'feedback', '反馈内容', NOTE_MAX);
  issue.satisfied = a.satisfied;
  issue.fedBackAt = at;
});

/** The moments of an issue follow its loop: each step after the one before, and only once the issue got there. */
function assertIssueMoments(i: GigIssue): void {
  const order: [keyof GigIssue, IssueStatus][] = [
    ['dispatchedAt', 'DISPATCHED'],
    ['resolvedAt', 'RESOLVED'],
    ['fedBackAt', 'FED_BACK'],
  ];
  let before = i.reportedAt;
  for (const [field, status] of order) {
    const at = i[field] as Date | null | undefined;
    if (!at) continue;
    if (ISSUE_LOOP.states.indexOf(i.status) < ISSUE_LOOP.states.indexOf(status))
      throw badInput(`问题尚未到该环节 / the issue has not reached ${status}`, field);
    if (at < before) throw badInput('时间早于上一环节 / before the step it follows', field);
    before = at;
  }
}

/** A reporter may report from registering on, while serving as a mobile grid member. */
async function assertReporter(em: EntityManager, reporter: GigWorker, reportedAt: Date, field: string): Promise<void> {
  const day = chinaTime(reportedAt).slice(0, 10);
  if (day < reporter.registeredOn) {
    throw badInput(`上报时间早于上报人的登记日期 ${reporter.registeredOn} / reported before the reporter registered`, field);
  }
  if (reporter.leftOn && reporter.leftOn <= day) throw badInput(`上报人已于${reporter.leftOn}离开 / the reporter had left`, field);
  const serving = await em.count(GigMobileGridMembership, {
    workerId: reporter.id,
    fromOn: { $lte: day },
    $or: [{ toOn: null }, { toOn: { $gt: day } }],
  });
  if (!serving) throw badInput(`上报人在${day}不是流动网格员 / the reporter was not a mobile grid member that day`, 'reporterCode');
}

export const issueMutations: MutationResolvers = {
  reportGigIssue: (_, { input }, ctx) =>
    audited(
      ctx,
      'reportGigIssue',
      input,
      async (em) => {
        const gridCode = regionCodeOf(input.gridCode, 'gridCode', ['GRID']);
        const communityCode = communityOf(gridCode);
        assertCanWrite(ctx.caller, 'gig-care', communityCode);
        const category = requiredText(input.category, 'category', '问题类别', 50);
        const description = optionalText(input.description, 'description', '问题描述', NOTE_MAX);
        const reportedAt = momentOf(input.reportedAt, 'reportedAt', '上报时间');
        await assertInRegionTree(ctx, 'grids', gridCode, 'gridCode');
        const district = districtOf(gridCode);
        const reporter = await em.findOne(GigWorker, { id: await recordId(ctx, input.reporterCode, 'reporterCode') });
        // a reporter of another district is no reporter here: the grid's district numbers the issue and names the reporter;
        // one outside the caller's region is answered as a missing one (before any of its flags is looked at)
        if (!reporter || reporter.districtCode !== district || !inScope(ctx.caller, reporter.communityCode)) {
          throw badInput(`人员不存在：${input.reporterCode} / no such gig worker in the grid's district`, 'reporterCode');
        }
        if (!reporter.mobileGridMember) throw badInput('上报人不是流动网格员 / the reporter is not a mobile grid member', 'reporterCode');
        await assertReporter(em, reporter, reportedAt, 'reportedAt');
        const number = await nextNumber(em, {
          table: 'gig_issue',
          column: 'number',
          district,
          prefix: `SB${chinaTime(reportedAt).slice(0, 4)}`,
          width: 4,
        });
        return em.create(GigIssue, {
          id: globalId(district, number),
          districtCode: district,
          number,
          reporterId: reporter.id,
          gridCode,
          communityCode,
          category,
          description,
          status: 'REPORTED',
          reportedAt,
        });
      },
      (i) => `GigIssue:${i.id}`,
    ),
  dispatchGigIssue: (_, args, ctx) => dispatch(ctx, args),
  resolveGigIssue: (_, args, ctx) => resolve(ctx, args),
  feedbackGigIssue: (_, args, ctx) => feedBack(ctx, args),
  correctGigIssue: correction<GigIssue, CorrectGigIssueInput, 'code'>(
    ISSUE_RECORD,
    async ({ ctx: c, em, row, change }, input) => {
      if (input.category !== undefined) change.set(row, 'category', requiredText(input.category, 'category', '问题类别', 50));
      if (input.description !== undefined)
        change.set(row, 'description', optionalText(input.description, 'description', '问题描述', NOTE_MAX));
      if (input.gridCode) {
        const gridCode = regionCodeOf(input.gridCode, 'gridCode', ['GRID']);
        if (districtOf(gridCode) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'gridCode');
        assertCanWrite(c.caller, 'gig-care', gridCode);
        await assertInRegionTree(c, 'grids', gridCode, 'gridCode');
        change.set(row, 'gridCode', gridCode);
        change.set(row, 'communityCode', communityOf(gridCode));
      }
      for (const [field, label] of [
        ['assignee', '承办单位'],
        ['resolution', '办理结果'],
        ['feedback', '反馈内容'],
      ] as const) {
        if (input[field] !== undefined) change.set(row, field, optionalText(input[field], field, label, NOTE_MAX));
      }
      if (input.satisfied !== undefined) change.set(row, 'satisfied', input.satisfied);
      for (const [field, label] of [
        ['reportedAt', '上报时间'],
        ['dispatchedAt', '派单时间'],
        ['resolvedAt', '办结时间'],
        ['fedBackAt', '反馈时间'],
      ] as const) {
        const given = input[field];
        if (given === undefined || (field === 'reportedAt' && given === null)) continue;
        const at = given === null ? null : momentOf(given, field, label);
        if ((row[field]?.getTime() ?? null) !== (at?.getTime() ?? null)) {
          change.note(field, chinaTime(row[field] ?? null), chinaTime(at));
          (row as unknown as Record<string, Date | null>)[field] = at;
        }
      }
      if (change.has('reportedAt'))
        await assertReporter(em, await em.findOneOrFail(GigWorker, { id: row.reporterId }), row.reportedAt, 'reportedAt');
      assertIssueMoments(row);
    },
    'code',
  ),
  withdrawGigIssue: withdrawal(ISSUE_RECORD, { idArg: 'code' }),
};
