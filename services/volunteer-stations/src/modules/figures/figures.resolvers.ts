import {
  countFigure,
  periodOf,
  previousPeriod,
  rateFigure,
  regionBreakdown,
  regionFigure,
  regionList,
  regionNode,
  type PageArgs,
  type Period,
  type RegionNode,
  type RequestContext,
} from '@district/common';
import { listPrefix } from '@district/common';
import { NEED_STAGES, type NeedStatus } from '../needs/need.entity';
import { Station } from '../stations/station.entity';

type Sql = (regions: string) => { text: string; params: unknown[] };
type Args = { year: number; asOf?: string | null };

/**
 * Flow figures count records dated from Jan 1 to the period's stock date, so a figure asked as of
 * 30 June is the year to date and its previous year is the same span a year earlier.
 */
const flowEnd = (p: Period) => (p.asOf < p.to ? p.asOf : p.to);

/** `agg` over the rows of `from` joined under each node, as one statement for every node of the response. */
function perNode(agg: string, from: string, on: string, params: unknown[]): Sql {
  return (regions) => ({
    text: `SELECT r.code, ${agg} AS value FROM ${regions} LEFT JOIN ${from} ON ${on} GROUP BY r.code`,
    params,
  });
}

/** One figure at one node for a period: the SQL depends on the period; `name` must name every other argument. */
function value(ctx: RequestContext, node: RegionNode, name: string, p: Period, sql: (p: Period) => Sql): Promise<number> {
  return regionFigure(ctx, `volunteer:${name}:${p.from}:${p.asOf}`, node.code, sql(p));
}

async function count(ctx: RequestContext, node: RegionNode, args: Args, name: string, sql: (p: Period) => Sql) {
  const now = periodOf(args.year, args.asOf);
  const [a, b] = await Promise.all([value(ctx, node, name, now, sql), value(ctx, node, name, previousPeriod(now), sql)]);
  return countFigure(a, b);
}

async function rate(ctx: RequestContext, node: RegionNode, args: Args, name: string, num: (p: Period) => Sql, den: (p: Period) => Sql) {
  const now = periodOf(args.year, args.asOf);
  const before = previousPeriod(now);
  const [n1, d1, n0, d0] = await Promise.all([
    value(ctx, node, `${name}:num`, now, num),
    value(ctx, node, `${name}:den`, now, den),
    value(ctx, node, `${name}:num`, before, num),
    value(ctx, node, `${name}:den`, before, den),
  ]);
  return rateFigure([n1, d1], [n0, d0]);
}

const under = (alias: string, column = 'community_code') => `${alias}.${column} LIKE r.prefix || '%'`;

const builtBy = (p: Period) => perNode('count(s.code)', 'station s', `${under('s')} AND (s.built_on IS NULL OR s.built_on <= ?)`, [p.asOf]);
const standardBy = (p: Period) =>
  perNode(
    'count(s.code)',
    'station s',
    `${under('s')} AND (s.built_on IS NULL OR s.built_on <= ?) AND (s.standardized_on IS NULL OR s.standardized_on <= ?)
   AND s.has_site AND s.has_sign AND s.has_team AND s.has_rules AND s.has_projects AND s.has_ledger`,
    [p.asOf, p.asOf],
  );

/** Activities held in the period, optionally narrowed by an extra condition on `a`. */
const activitiesIn =
  (agg: string, extra = '', extraParams: unknown[] = []) =>
  (p: Period) =>
    perNode(agg, 'activity a', `${under('a')} AND a.held_on BETWEEN ? AND ? ${extra}`, [p.from, flowEnd(p), ...extraParams]);

const hoursIn = (agg: string) => (p: Period) =>
  perNode(agg, '(activity a JOIN service_record sr ON sr.activity_code = a.code)', `${under('a')} AND a.held_on BETWEEN ? AND ?`, [
    p.from,
    flowEnd(p),
  ]);

/** The date column at which a need reaches each stage of the loop (none for RAISED). */
const STAGE_DATE: Record<NeedStatus, string | null> = { RAISED: null, CLAIMED: 'claimed_on', SERVED: 'served_on', CLOSED: 'closed_on' };

/**
 * Needs raised in the period that had reached `stage` by its end. Needs the ledger brought in at a
 * later stage carry no stage date; their status alone says they got there.
 */
function needsIn(agg: string, category?: string | null, stage?: NeedStatus | null) {
  return (p: Period) => {
    const conditions = [`${under('n', 'grid_code')} AND n.raised_on BETWEEN ? AND ?`];
    const params: unknown[] = [p.from, flowEnd(p)];
    if (category) {
      conditions.push('n.category = ?');
      params.push(category);
    }
    if (stage && stage !== 'RAISED') {
      const reached = NEED_STAGES.slice(NEED_STAGES.indexOf(stage));
      const date = STAGE_DATE[stage];
      conditions.push(`n.status IN (${reached.map(() => '?').join(', ')}) AND (n.${date} IS NULL OR n.${date} <= ?)`);
      params.push(...reached, flowEnd(p));
    }
    return perNode(agg, 'need n', conditions.join(' AND '), params);
  };
}

async function breakdown(ctx: RequestContext, node: RegionNode, args: Args & { by: 'CATEGORY' | 'TARGET_GROUP' }) {
  const column = args.by === 'CATEGORY' ? 'category' : 'target_group';
  const now = periodOf(args.year, args.asOf);
  const before = previousPeriod(now);
  const load = (p: Period) =>
    regionBreakdown(ctx, `activities:${column}:${p.from}:${p.asOf}`, node.code, (regions) => ({
      text: `SELECT r.code, a.${column} AS key, count(*) AS value FROM ${regions}
           JOIN activity a ON ${under('a')} AND a.held_on BETWEEN ? AND ? GROUP BY r.code, a.${column}`,
      params: [p.from, flowEnd(p)],
    }));
  const [current, previous] = await Promise.all([load(now), load(before)]);
  const keys = [...new Set([...current.keys(), ...previous.keys()])].sort();
  return keys.map((key) => ({ key, activities: countFigure(current.get(key) ?? 0, previous.get(key) ?? 0) }));
}

type F = RegionNode;
type Ctx = RequestContext;

export const figureResolvers = {
  Region: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    volunteer: (r: { code: string }, _: unknown, ctx: Ctx) => regionNode(ctx, r.code),
    volunteerStations: (r: { code: string }, args: PageArgs, ctx: Ctx) =>
      regionList(ctx, { entity: Station, table: 'station', column: 'community_code', order: 't.code' }, listPrefix(ctx, r.code), args),
  },
  VolunteerFigures: {
    stations: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'stations', builtBy),
    standardizedStations: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'standardized', standardBy),
    standardizationRate: (n: F, a: Args, ctx: Ctx) => rate(ctx, n, a, 'standardization', standardBy, builtBy),
    pilots: (n: F, a: Args & { level?: string | null }, ctx: Ctx) =>
      count(ctx, n, a, `pilots:${a.level ?? ''}`, (p) =>
        perNode(
          'count(pl.community_code)',
          'pilot pl',
          `${under('pl')} AND pl.designated_on <= ? ${a.level ? 'AND pl.level = ?' : ''}`,
          a.level ? [p.asOf, a.level] : [p.asOf],
        ),
      ),
    registeredVolunteers: (n: F, a: Args, ctx: Ctx) =>
      count(ctx, n, a, 'registered', (p) => perNode('count(v.code)', 'volunteer v', `${under('v')} AND v.registered_on <= ?`, [p.asOf])),
    activeVolunteers: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'active', hoursIn('count(DISTINCT sr.volunteer_code)')),
    serviceHours: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'hours', hoursIn('coalesce(sum(sr.hours), 0)')),
    activities: (n: F, a: Args & { category?: string | null; targetGroup?: string | null }, ctx: Ctx) => {
      const extra = [a.category ? 'AND a.category = ?' : '', a.targetGroup ? 'AND a.target_group = ?' : ''].join(' ');
      const params = [a.category, a.targetGroup].filter(Boolean);
      return count(ctx, n, a, `activities:${a.category ?? ''}:${a.targetGroup ?? ''}`, activitiesIn('count(a.code)', extra, params));
    },
    activityBreakdown: (n: F, a: Args & { by: 'CATEGORY' | 'TARGET_GROUP' }, ctx: Ctx) => breakdown(ctx, n, a),
    servicePersonTimes: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'personTimes', activitiesIn('coalesce(sum(a.person_times), 0)')),
    needs: (n: F, a: Args & { category?: string | null; stage?: NeedStatus | null }, ctx: Ctx) =>
      count(ctx, n, a, `needs:${a.category ?? ''}:${a.stage ?? ''}`, needsIn('count(n.code)', a.category, a.stage)),
    needsGrids: (n: F, a: Args, ctx: Ctx) => count(ctx, n, a, 'needsGrids', needsIn('count(DISTINCT n.grid_code)')),
    needClosureRate: (n: F, a: Args, ctx: Ctx) =>
      rate(ctx, n, a, 'closure', needsIn('count(n.code)', null, 'CLOSED'), needsIn('count(n.code)')),
    resources: (n: F, a: Args & { category?: string | null }, ctx: Ctx) =>
      count(ctx, n, a, `resources:${a.category ?? ''}`, (p) =>
        perNode(
          'count(res.code)',
          'resource res',
          `${under('res', 'grid_code')} AND res.registered_on BETWEEN ? AND ? ${a.category ? 'AND res.category = ?' : ''}`,
          a.category ? [p.from, flowEnd(p), a.category] : [p.from, flowEnd(p)],
        ),
      ),
  },
};
