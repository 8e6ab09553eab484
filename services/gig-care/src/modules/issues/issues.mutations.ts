import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, chinaTime, communityOf, districtOf, globalId, inScope, notFound } from '@district/common';
import {
  assertInRegionTree,
  assertStep,
  audited,
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
  MutationDispatchIssueArgs,
  MutationFeedbackIssueArgs,
  MutationResolveIssueArgs,
  MutationResolvers,
} from '../../generated/graphql';
import { GigWorker } from '../workers/worker.entity';
import { GigIssue, type IssueStatus } from './issue.entity';
import { ISSUE_LOOP } from './issue-loop';

/** The issue, locked for this transaction so two steps of one loop cannot interleave. */
async function lockedIssue(ctx: RequestContext, em: EntityManager, given: string): Promise<GigIssue> {
  const issue = await em.findOne(GigIssue, { id: await recordId(ctx, given, 'code') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!issue || !inScope(ctx.caller, issue.communityCode)) throw notFound(`问题不存在：${given} / no such issue`, 'code');
  assertCanWrite(ctx.caller, 'gig-care', issue.communityCode);
  return issue;
}

/** One step of the loop: lock, check the order of steps (CONFLICT when out of order), stamp the time. */
function step<A extends { code: string }>(name: string, next: IssueStatus, apply: (issue: GigIssue, args: A) => void) {
  return (ctx: RequestContext, args: A) =>
    audited(
      ctx,
      name,
      args,
      async (em) => {
        const issue = await lockedIssue(ctx, em, args.code);
        assertStep(ISSUE_LOOP, issue.status, next);
        apply(issue, args);
        issue.status = next;
        return issue;
      },
      (i) => `GigIssue:${i.id}`,
    );
}

const dispatch = step<MutationDispatchIssueArgs>('dispatchIssue', 'DISPATCHED', (issue, a) => {
  issue.assignee = requiredText(a.assignee, 'assignee', '承办单位', 100);
  issue.dispatchedAt = new Date();
});
const resolve = step<MutationResolveIssueArgs>('resolveIssue', 'RESOLVED', (issue, a) => {
  issue.resolution = requiredText(a.resolution, 'resolution', '办理结果', NOTE_MAX);
  issue.resolvedAt = new Date();
});
const feedBack = step<MutationFeedbackIssueArgs>('feedbackIssue', 'FED_BACK', (issue, a) => {
  issue.feedback = requiredText(a.feedback, 'feedback', '反馈内容', NOTE_MAX);
  issue.satisfied = a.satisfied;
  issue.fedBackAt = new Date();
});

export const issueMutations: MutationResolvers = {
  reportIssue: (_, { input }, ctx) =>
    audited(
      ctx,
      'reportIssue',
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
        // a reporter of another district is no reporter here: the grid's district numbers the issue and names the reporter
        if (!reporter || reporter.districtCode !== district) {
          throw badInput(`人员不存在：${input.reporterCode} / no such gig worker in the grid's district`, 'reporterCode');
        }
        if (!reporter.mobileGridMember) throw badInput('上报人不是流动网格员 / the reporter is not a mobile grid member', 'reporterCode');
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
  dispatchIssue: (_, args, ctx) => dispatch(ctx, args),
  resolveIssue: (_, args, ctx) => resolve(ctx, args),
  feedbackIssue: (_, args, ctx) => feedBack(ctx, args),
};
