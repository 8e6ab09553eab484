import {
  and,
  byKey,
  eq,
  historyField,
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
} from '@district/subgraph-kit';
import type { MicroProjectFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { MicroProject } from './micro-project.entity';
import { MICRO_RECORD } from './micro-projects.mutations';
import { microCompleted, microFunding, microHouseholds, microQuantity, microStarted } from './micro-projects.figures';

const PROJECTS: ListSpec<MicroProject> = {
  entity: MicroProject,
  table: 'micro_project',
  place: 'community_code',
  sortColumns: { ID: 't.number', STARTED_ON: 't.started_on', COMPLETED_ON: 't.completed_on', HOUSEHOLDS: 't.households' },
  defaultOrder: 't.id',
};

const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);

function projectList(ctx: RequestContext, prefix: string, args: ListArgs<MicroProjectFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    PROJECTS,
    prefix,
    and(
      eq('t.category', f.category),
      eq('t.status', f.status),
      between('t.completed_on', f.completedFrom, f.completedTo),
      between('t.started_on', f.startedFrom, f.startedTo),
    ),
    args,
  );
}

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

export const microProjectResolvers: Resolvers = {
  Query: {
    microProject: async (_, { id }, ctx) =>
      visible(ctx, await byKey<MicroProject>(ctx, MicroProject, 'id').load(await recordId(ctx, id)), (p) => p.communityCode),
    microProjects: (_, args, ctx) => projectList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    microProjects: (r, args, ctx) => projectList(ctx, listPrefix(ctx, r.code), args),
  },
  MicroProject: {
    community: async (p, _, ctx) => (await regionByCode(ctx, p.communityCode))!,
    compound: (p, _, ctx) => (p.compoundId ? byKey<Compound>(ctx, Compound, 'id').load(p.compoundId) : null),
    quantity: (p) => num(p.quantity),
    funding: (p) => num(p.funding),
    history: historyField(MICRO_RECORD),
  },
  GovernanceFigures: {
    microProjectsStarted: (n, a, ctx) => yearOnYear(ctx, microStarted, a, n.code),
    microProjectsCompleted: (n, a, ctx) => yearOnYear(ctx, microCompleted, a, n.code),
    microProjectHouseholds: (n, a, ctx) => yearOnYear(ctx, microHouseholds, a, n.code),
    microProjectQuantity: (n, a, ctx) => yearOnYear(ctx, microQuantity, a, n.code),
    microProjectFunding: (n, a, ctx) => yearOnYear(ctx, microFunding, a, n.code),
  },
};
