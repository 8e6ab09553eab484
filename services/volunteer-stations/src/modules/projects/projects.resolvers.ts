import {
  and,
  byKey,
  defineFigure,
  eq,
  flow,
  historyField,
  listPrefix,
  listUnder,
  recordId,
  sql,
  stock,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerProjectFilter } from '../../generated/graphql';
import { stationById } from '../stations/stations.resolvers';
import { VolunteerProject, type VolunteerProjectField } from './project.entity';
import { PROJECT_RECORD } from './projects.mutations';

type Args = { field?: VolunteerProjectField | null };
const source = { name: 'volunteer-project', from: 'volunteer_project p', place: 'p.community_code' };

/** Projects running on the day: started on or before it, not yet ended. */
export const projectsRunning = defineFigure<Args>({
  name: 'projects.running',
  source,
  period: stock({ since: 'p.started_on', until: 'p.ended_on', sinceRequired: true }),
  where: (a) => eq('p.field', a.field),
});
/** Projects started in the period. */
export const projectsStarted = defineFigure<Args>({
  name: 'projects.started',
  source,
  period: flow('p.started_on'),
  where: (a) => eq('p.field', a.field),
});

const PROJECTS: ListSpec<VolunteerProject> = {
  entity: VolunteerProject,
  table: 'volunteer_project',
  place: 'community_code',
  sortColumns: { ID: 't.number', STARTED_ON: 't.started_on' },
  defaultOrder: 't.id',
};

/** Projects under a node; "running on a day" is what `projects(asOf)` counts. */
function projectList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerProjectFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    PROJECTS,
    prefix,
    and(
      eq('t.field', f.field),
      eq('t.station_id', f.stationId),
      f.runningOn ? sql`t.started_on <= ${f.runningOn}::date AND (t.ended_on IS NULL OR t.ended_on > ${f.runningOn}::date)` : undefined,
    ),
    args,
  );
}

export const projectResolvers: Resolvers = {
  Query: {
    volunteerProject: async (_, { id }, ctx) =>
      visible(ctx, await byKey<VolunteerProject>(ctx, VolunteerProject, 'id').load(await recordId(ctx, id)), (p) => p.communityCode),
    volunteerProjects: (_, args, ctx) => projectList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    volunteerProjects: (r, args, ctx) => projectList(ctx, listPrefix(ctx, r.code), args),
  },
  VolunteerProject: {
    station: async (p, _, ctx) => (await stationById(ctx, p.stationId))!,
    history: historyField(PROJECT_RECORD),
  },
  VolunteerFigures: {
    projects: (n, a, ctx) => yearOnYear(ctx, projectsRunning, a, n.code),
    projectsStarted: (n, a, ctx) => yearOnYear(ctx, projectsStarted, a, n.code),
  },
};
