import { regionNode } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';

/**
 * Regions and grids are the workforce subgraph's: here they are only the nodes this subgraph's lists
 * and figures hang from. Each list and figure checks the node against the caller's scope.
 */
export const regionResolvers: Resolvers = {
  Region: {
    __resolveReference: (ref) => ({ code: ref.code }),
    volunteer: (r, _, ctx) => regionNode(ctx, r.code),
  },
  Grid: {
    __resolveReference: (ref) => ({ code: ref.code }),
  },
};
