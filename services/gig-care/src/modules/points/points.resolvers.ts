import { chinaTime, parseGlobalId } from '@district/common';
import { and, eq, listPrefix, listUnder, recordId, type ListSpec } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { visibleStation } from '../stations/stations.resolvers';
import { visibleWorker } from '../workers/workers.resolvers';
import { GigPointsEntry } from './points.entity';

const ENTRIES: ListSpec<GigPointsEntry> = {
  entity: GigPointsEntry,
  table: 'gig_points_entry',
  place: 'community_code',
  sortColumns: { AT: 't.at', POINTS: 't.points' },
  defaultOrder: 't.id',
};

export const pointsResolvers: Resolvers = {
  Query: {
    gigPointsEntries: async (_, args, ctx) => {
      const f = args.filter ?? {};
      const worker = f.workerCode ? await recordId(ctx, f.workerCode, 'workerCode') : null;
      return listUnder(ctx, ENTRIES, listPrefix(ctx, f.regionCode), and(eq('t.worker_id', worker), eq('t.kind', f.kind)), args);
    },
  },
  GigPointsEntry: {
    worker: (e, _, ctx) => visibleWorker(ctx, e.workerId),
    workerCode: (e) => parseGlobalId(e.workerId).local,
    merchant: (e, _, ctx) => (e.merchantId ? visibleStation(ctx, e.merchantId) : null),
    issueCode: (e) => (e.issueId ? parseGlobalId(e.issueId).local : null),
    at: (e) => chinaTime(e.at),
  },
};
