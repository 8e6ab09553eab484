import {
  and,
  byKey,
  eq,
  historyField,
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
} from '@district/subgraph-kit';
import type { MicroProjectFilter, MicroProjectSupervisionFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { MicroProject, MicroProjectSupervision } from './micro-project.entity';
import { MICRO_RECORD, SUPERVISION_RECORD } from './micro-projects.mutations';
import {
  microCompleted,
  microFunding,
  microHouseholds,
  microQuantity,
  microStarted,
  microSupervised,
  microSupervisions,
} from './micro-projects.figures';

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

const SUPERVISIONS: ListSpec<MicroProjectSupervision> = {
  entity: MicroProjectSupervision,
  table: 'micro_project_supervision',
  place: 'community_code',
  sortColumns: { ID: 't.number', SUPERVISED_ON: 't.supervised_on' },
  defaultOrder: 't.id',
};

async function supervisionList(ctx: RequestContext, prefix: string, args: ListArgs<MicroProjectSupervisionFilter>) {
  const f = args.filter ?? {};
  const project = f.projectId ? await recordId(ctx, f.projectId, 'projectId') : null;
  return listUnder(
    ctx,
    SUPERVISIONS,
    prefix,
    and(
      eq('t.project_id', project),
      f.supervisorKinds?.length ? inList('t.supervisor_kind', f.supervisorKinds) : undefined,
      between('t.supervised_on', f.supervisedFrom, f.supervisedTo),
      f.open === true ? raw('t.findings IS NOT NULL AND t.resolved_on IS NULL') : undefined,
      f.open === false ? raw('(t.findings IS NULL OR t.resolved_on IS NOT NULL)') : undefined,
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
    microProjectSupervision: async (_, { id }, ctx) =>
      visible(
        ctx,
        await byKey<MicroProjectSupervision>(ctx, MicroProjectSupervision, 'id').load(await recordId(ctx, id)),
        (v) => v.communityCode,
      ),
    microProjectSupervisions: (_, args, ctx) => supervisionList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    microProjects: (r, args, ctx) => projectList(ctx, listPrefix(ctx, r.code), args),
    microProjectSupervisions: (r, args, ctx) => supervisionList(ctx, listPrefix(ctx, r.code), args),
  },
  MicroProject: {
    community: async (p, _, ctx) => (await regionByCode(ctx, p.communityCode))!,
    compound: (p, _, ctx) => (p.compoundId ? byKey<Compound>(ctx, Compound, 'id').load(p.compoundId) : null),
    quantity: (p) => num(p.quantity),
    funding: (p) => num(p.funding),
    history: historyField(MICRO_RECORD),
    supervisions: (p, _, ctx) =>
      ctx.em.find(MicroProjectSupervision, { projectId: p.id }, { orderBy: { supervisedOn: 'asc', number: 'asc' } }),
  },
  MicroProjectSupervision: {
    project: (v, _, ctx) => byKey<MicroProject>(ctx, MicroProject, 'id').load(v.projectId),
    community: async (v, _, ctx) => (await regionByCode(ctx, v.communityCode))!,
    history: historyField(SUPERVISION_RECORD),
  },
  GovernanceFigures: {
    microProjectsStarted: (n, a, ctx) => yearOnYear(ctx, microStarted, a, n.code),
    microProjectsCompleted: (n, a, ctx) => yearOnYear(ctx, microCompleted, a, n.code),
    microProjectHouseholds: (n, a, ctx) => yearOnYear(ctx, microHouseholds, a, n.code),
    microProjectQuantity: (n, a, ctx) => yearOnYear(ctx, microQuantity, a, n.code),
    microProjectFunding: (n, a, ctx) => yearOnYear(ctx, microFunding, a, n.code),
    microProjectSupervisions: (n, a, ctx) => yearOnYear(ctx, microSupervisions, a, n.code),
    microProjectsSupervised: (n, a, ctx) => yearOnYear(ctx, microSupervised, a, n.code),
  },
};
