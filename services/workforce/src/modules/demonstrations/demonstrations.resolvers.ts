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
import type { DemonstrationApplicationFilter, Resolvers } from '../../generated/graphql';
import { Recognition } from '../recognitions/recognition.entity';
import { Compound } from '../regions/region.entity';
import { regionByCode } from '../regions/regions.resolvers';
import { DemonstrationApplication } from './demonstration-application.entity';
import { applicationsReaching } from './demonstrations.figures';
import { APPLICATION_RECORD } from './demonstrations.mutations';

const APPLICATIONS: ListSpec<DemonstrationApplication> = {
  entity: DemonstrationApplication,
  table: 'demonstration_application',
  place: 'community_code',
  sortColumns: {
    ID: 't.number',
    APPLIED_ON: 't.applied_on',
    LEVEL: `array_position(ARRAY['STREET','DISTRICT','CITY','PROVINCIAL','NATIONAL'], t.level)`,
  },
  defaultOrder: 't.id',
};

/** The day column of each stage: `reachedFrom/To` keep the applications that took that step in the window, as the figure counts. */
const STAGE_DAY = {
  APPLIED: 't.applied_on',
  PRE_INSPECTED: 't.pre_inspected_on',
  PEER_REVIEWED: 't.peer_reviewed_on',
  GRANTED: 't.decided_on',
  REJECTED: 't.decided_on',
} as const;

function applicationList(ctx: RequestContext, prefix: string, args: ListArgs<DemonstrationApplicationFilter>) {
  const f = args.filter ?? {};
  const reached = f.reached ?? 'APPLIED';
  const dayOf = raw(STAGE_DAY[reached]);
  return listUnder(
    ctx,
    APPLICATIONS,
    prefix,
    and(
      eq('t.stage', f.stage),
      eq('t.kind', f.kind),
      eq('t.level', f.level),
      f.reached === 'GRANTED' || f.reached === 'REJECTED' ? eq('t.stage', f.reached) : undefined,
      f.reached ? sql`${dayOf} IS NOT NULL` : undefined,
      f.reachedFrom ? sql`${dayOf} >= ${f.reachedFrom}::date` : undefined,
      f.reachedTo ? sql`${dayOf} <= ${f.reachedTo}::date` : undefined,
    ),
    args,
  );
}

export const demonstrationResolvers: Resolvers = {
  Query: {
    demonstrationApplication: async (_, { id }, ctx) =>
      visible(
        ctx,
        await byKey<DemonstrationApplication>(ctx, DemonstrationApplication, 'id').load(await recordId(ctx, id)),
        (a) => a.communityCode,
      ),
    demonstrationApplications: (_, args, ctx) => applicationList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    demonstrationApplications: (r, args, ctx) => applicationList(ctx, listPrefix(ctx, r.code), args),
  },
  DemonstrationApplication: {
    community: async (a, _, ctx) => (await regionByCode(ctx, a.communityCode))!,
    compound: async (a, _, ctx) => (a.compoundId ? byKey<Compound>(ctx, Compound, 'id').load(a.compoundId) : null),
    recognition: async (a, _, ctx) =>
      a.recognitionId ? visible(ctx, await byKey<Recognition>(ctx, Recognition, 'id').load(a.recognitionId), (r) => r.regionCode) : null,
    history: historyField(APPLICATION_RECORD),
  },
  GovernanceFigures: {
    demonstrationApplications: (n, a, ctx) => yearOnYear(ctx, applicationsReaching[a.stage ?? 'APPLIED'], a, n.code),
    demonstrationApplicationsPreInspected: (n, a, ctx) => yearOnYear(ctx, applicationsReaching.PRE_INSPECTED, a, n.code),
    demonstrationApplicationsGranted: (n, a, ctx) => yearOnYear(ctx, applicationsReaching.GRANTED, a, n.code),
  },
};
