import {
  countFigure,
  periodOf,
  previousPeriod,
  rateFigure,
  regionFigure,
  regionNode,
  type Period,
  type RegionNode,
  type RequestContext,
} from '@district/common';
import { CATEGORY_SQL, coverageSql, organisationalSql, unbuiltSql, type CoverageKind } from '../organizations/coverage';

type Condition = [string, unknown[]];

/**
 * One figure under many region nodes in one statement (see regionFigure): rows of `table`, aliased
 * `o`, whose region code lies under the node and that meet `condition`. `name` must say everything
 * the condition depends on, since all Regions of a response share the loader of that name.
 */
function under(ctx: RequestContext, name: string, code: string, table: string, [condition, params]: Condition, value = 'count(o.*)') {
  return regionFigure(ctx, name, code, (regions) => ({
    text: `SELECT r.code, ${value} AS value FROM ${regions}
           LEFT JOIN ${table} o ON o.region_code LIKE r.prefix || '%' AND ${condition}
           GROUP BY r.code`,
    params,
  }));
}

const inYear = (column: string, p: Period): Condition => [`o.${column} BETWEEN ?::date AND ?::date`, [p.from, p.to]];

/** A count figure for this period and the one a year before. */
async function yearOnYear(args: { year: number; asOf?: string | null }, figure: (p: Period) => Promise<number>) {
  const now = periodOf(args.year, args.asOf);
  const [value, before] = await Promise.all([figure(now), figure(previousPeriod(now))]);
  return countFigure(value, before);
}

type FigureArgs = { year: number; asOf?: string | null };

function coverage(ctx: RequestContext, code: string, args: FigureArgs & { kind?: CoverageKind | null }) {
  const kind = args.kind ?? 'ANY';
  const now = periodOf(args.year, args.asOf);
  const before = previousPeriod(now);
  const rate = (category: keyof typeof CATEGORY_SQL) => async () => {
    const covered = (p: Period) => {
      const [sql, params] = coverageSql(kind, p.asOf);
      return under(ctx, `coverage:${category}:${kind}:${p.asOf}`, code, 'two_new_org', [`${CATEGORY_SQL[category]} AND ${sql}`, params]);
    };
    const total = under(ctx, `coverage:${category}:all`, code, 'two_new_org', [CATEGORY_SQL[category], []]);
    const [n, d, pn] = await Promise.all([covered(now), total, covered(before)]);
    return rateFigure([n, d], [pn, d]);
  };
  // functions, so a query asking for one category runs only that category's statements
  return {
    park: rate('park'),
    keyEnterprise: rate('keyEnterprise'),
    socialOrganization: rate('socialOrganization'),
    association: rate('association'),
    overall: rate('overall'),
  };
}

export const figureResolvers = {
  Region: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    partyBuilding: (r: RegionNode, _: unknown, ctx: RequestContext) => regionNode(ctx, r.code),
  },
  PartyBuildingFigures: {
    coverage: (r: RegionNode, args: FigureArgs & { kind?: CoverageKind }, ctx: RequestContext) => coverage(ctx, r.code, args),
    organisationallyCovered: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => under(ctx, `orgCovered:${p.asOf}`, r.code, 'two_new_org', organisationalSql(p.asOf))),
    unbuiltOrganizations: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => under(ctx, `unbuilt:${p.asOf}`, r.code, 'two_new_org', unbuiltSql(p.asOf))),
    instructors: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => under(ctx, `instructors:${p.asOf}`, r.code, 'party_instructor', ['o.dispatched_on <= ?::date', [p.asOf]])),
    instructorContacts: (r: RegionNode, args: FigureArgs & { kind?: string | null }, ctx: RequestContext) =>
      yearOnYear(args, (p) => {
        const [sql, params] = inYear('contacted_on', p);
        const condition: Condition = args.kind ? [`${sql} AND o.kind = ?`, [...params, args.kind]] : [sql, params];
        return under(ctx, `contacts:${args.kind ?? 'ALL'}:${p.year}`, r.code, 'instructor_contact', condition);
      }),
    instructorProblemsFound: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => {
        const [sql, params] = inYear('contacted_on', p);
        return under(ctx, `problemsFound:${p.year}`, r.code, 'instructor_contact', [`o.problem IS NOT NULL AND ${sql}`, params]);
      }),
    instructorProblemsSolved: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => {
        const [sql, params] = inYear('solved_on', p);
        return under(ctx, `problemsSolved:${p.year}`, r.code, 'instructor_contact', [`o.solved AND ${sql}`, params]);
      }),
    trainings: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => under(ctx, `trainings:${p.year}`, r.code, 'party_training', inYear('held_on', p))),
    trainingPersonTimes: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) =>
        under(ctx, `trainingPersonTimes:${p.year}`, r.code, 'party_training', inYear('held_on', p), 'coalesce(sum(o.person_times), 0)'),
      ),
    workingCommitteeMembers: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) =>
        under(ctx, `committeeMembers:${p.asOf}`, r.code, 'committee_member_unit', [
          'o.joined_on <= ?::date AND (o.left_on IS NULL OR o.left_on > ?::date)',
          [p.asOf, p.asOf],
        ]),
      ),
    industryCommittees: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) =>
        under(ctx, `industryCommittees:${p.asOf}`, r.code, 'industry_committee', ['o.founded_on <= ?::date', [p.asOf]]),
      ),
    industryCommitteesNew: (r: RegionNode, args: FigureArgs, ctx: RequestContext) =>
      yearOnYear(args, (p) => under(ctx, `industryCommitteesNew:${p.year}`, r.code, 'industry_committee', inYear('founded_on', p))),
  },
};
