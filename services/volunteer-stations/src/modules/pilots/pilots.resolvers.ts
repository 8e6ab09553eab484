import { and, eq, listPrefix, listUnder, yearOnYear, type ListSpec } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { Pilot } from './pilot.entity';
import { pilotsDesignated } from './pilots.figures';

const PILOTS: ListSpec<Pilot> = {
  entity: Pilot,
  table: 'pilot',
  place: 'community_code',
  sortColumns: { COMMUNITY: 't.community_code', DESIGNATED_ON: 't.designated_on' },
  defaultOrder: 't.community_code',
};

export const pilotResolvers: Resolvers = {
  Query: {
    volunteerPilots: (_, args, ctx) =>
      listUnder(ctx, PILOTS, listPrefix(ctx, args.filter?.regionCode), and(eq('t.level', args.filter?.level)), args),
  },
  VolunteerPilot: {
    id: (p) => p.communityCode,
    community: (p) => ({ code: p.communityCode }),
  },
  VolunteerFigures: {
    pilots: (n, a, ctx) => yearOnYear(ctx, pilotsDesignated, a, n.code),
  },
};
