import { regionNode, type RegionNode } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';

/** A Region as this subgraph sees it: the key, and the workforce subgraph's compound count when the gateway sent it (@requires). */
export interface GigRegion {
  code: string;
  compoundCount?: number | null;
}

/** Parent of GigCareFigures: the node (checked against the caller's scope) and the compound count for coverage. */
export interface GigCareNode extends RegionNode {
  compoundCount?: number | null;
}

export const regionResolvers: Resolvers = {
  Region: {
    // a count the gateway sent (null when it could not get one) is kept; none sent is left out (see riderCodeCoverage)
    __resolveReference: (ref) => ({ code: ref.code, ...('compoundCount' in ref ? { compoundCount: ref.compoundCount } : {}) }),
    gigCare: (r, _, ctx) => ({ ...regionNode(ctx, r.code), ...('compoundCount' in r ? { compoundCount: r.compoundCount } : {}) }),
  },
};
