import { countFigure, periodOf, previousPeriod, rateFigure, regionNode, type Period, type RequestContext } from '@district/common';
import { RESOLVE_WITHIN_HOURS } from '../issues/issue-loop';
import { datedIn, figure, momentIn, when, type FigureQuery } from './figures';

/** Parent of GigCareFigures: the node (scoped) and, from the gateway, the workforce subgraph's compound count. */
export interface GigCareNode {
  code: string;
  compoundCount?: number | null;
}

type PeriodArgs = { year: number; asOf?: string | null };
type Build = (p: Period) => FigureQuery;

/** A count with the same count a year earlier. */
async function count(ctx: RequestContext, node: GigCareNode, args: PeriodArgs, build: Build) {
  const now = periodOf(args.year, args.asOf);
  const [value, before] = await Promise.all([figure(ctx, node.code, build(now)), figure(ctx, node.code, build(previousPeriod(now)))]);
  return countFigure(value, before);
}

const JOB = 't.job_type = ?';

const workers =
  (a: { jobType?: string; mobileGridMember?: boolean; partyMember?: boolean }): Build =>
  (p) => ({
    name: 'workers',
    table: 'gig_worker',
    place: 't.community_code',
    conditions: [
      ['t.registered_on <= ?', p.asOf],
      ...when(a.jobType, JOB),
      ...when(a.mobileGridMember, 't.mobile_grid_member = ?'),
      ...when(a.partyMember, 't.party_member = ?'),
    ],
  });

const riderCode: Build = (p) => ({
  name: 'rider-code',
  table: 'gig_rider_code_compound',
  place: 't.community_code',
  conditions: [['t.opened_on <= ?', p.asOf]],
});

const careEvents =
  (kind: string | undefined, aggregate?: string): Build =>
  (p) => ({
    name: `care-events:${aggregate ?? 'count'}`,
    table: 'gig_care_event',
    place: 'NULL::text',
    aggregate,
    conditions: [...datedIn('t.held_on', p), ...when(kind, 't.kind = ?')],
  });

/** End of the asOf day in China: the moment a stock of open issues is taken. */
const END_OF_DAY = `((CAST(? AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export const figureResolvers = {
  Region: {
    // the gateway sends compoundCount along (@requires); keep it for the coverage denominator
    __resolveReference: (ref: GigCareNode) => ({ code: ref.code, compoundCount: ref.compoundCount }),
    gigCare: (r: GigCareNode, _: unknown, ctx: RequestContext): GigCareNode => ({
      ...regionNode(ctx, r.code),
      compoundCount: r.compoundCount,
    }),
  },
  GigCareFigures: {
    gigWorkers: (
      n: GigCareNode,
      a: PeriodArgs & { jobType?: string; mobileGridMember?: boolean; partyMember?: boolean },
      ctx: RequestContext,
    ) => count(ctx, n, a, workers(a)),
    stations: (n: GigCareNode, a: PeriodArgs & { kind?: string }, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'stations',
        table: 'gig_station',
        place: 't.community_code',
        conditions: [['(t.built_on IS NULL OR t.built_on <= ?)', p.asOf], ...when(a.kind, 't.kind = ?')],
      })),
    stationsBuilt: (n: GigCareNode, a: PeriodArgs & { kind?: string }, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'stations-built',
        table: 'gig_station',
        place: 't.community_code',
        conditions: [...datedIn('t.built_on', p), ...when(a.kind, 't.kind = ?')],
      })),
    riderCodeCompounds: (n: GigCareNode, a: PeriodArgs, ctx: RequestContext) => count(ctx, n, a, riderCode),
    riderCodeCoverage: async (n: GigCareNode, a: PeriodArgs, ctx: RequestContext) => {
      const now = periodOf(a.year, a.asOf);
      const [opened, before] = await Promise.all([
        figure(ctx, n.code, riderCode(now)),
        figure(ctx, n.code, riderCode(previousPeriod(now))),
      ]);
      // the workforce subgraph gives today's count only; it is last year's denominator too
      const compounds = n.compoundCount ?? 0;
      return rateFigure([opened, compounds], [before, compounds]);
    },
    issuesReported: (n: GigCareNode, a: PeriodArgs & { category?: string }, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'issues-reported',
        table: 'gig_issue',
        place: 't.community_code',
        conditions: [...momentIn('t.reported_at', p), ...when(a.category, 't.category = ?')],
      })),
    issuesResolved: (n: GigCareNode, a: PeriodArgs, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'issues-resolved',
        table: 'gig_issue',
        place: 't.community_code',
        conditions: momentIn('t.resolved_at', p),
      })),
    issuesOverdue: (n: GigCareNode, a: PeriodArgs, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'issues-overdue',
        table: 'gig_issue',
        place: 't.community_code',
        conditions: [
          [`t.reported_at < ${END_OF_DAY} - interval '${RESOLVE_WITHIN_HOURS} hours'`, p.asOf],
          [`(t.resolved_at IS NULL OR t.resolved_at >= ${END_OF_DAY})`, p.asOf],
        ],
      })),
    careEvents: (n: GigCareNode, a: PeriodArgs & { kind?: string }, ctx: RequestContext) => count(ctx, n, a, careEvents(a.kind)),
    careEventServed: (n: GigCareNode, a: PeriodArgs & { kind?: string }, ctx: RequestContext) =>
      count(ctx, n, a, careEvents(a.kind, 'coalesce(sum(t.served), 0)')),
    carePartners: (n: GigCareNode, a: PeriodArgs & { type?: string }, ctx: RequestContext) =>
      count(ctx, n, a, (p) => ({
        name: 'care-partners',
        table: 'gig_care_partner',
        place: 'NULL::text',
        conditions: [['t.year = ?', p.year], ...when(a.type, 't.type = ?')],
      })),
  },
};
