import { normaliseRegionCode } from '@district/common';
import { regionNode } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';

/**
 * The Region entity (owned by the workforce subgraph) as this subgraph extends it. Its figures are
 * asked at a node the caller may look at: outside or above the caller's scope the field is null with
 * a FORBIDDEN error, and the rest of the response stands.
 */
export const regionResolvers: Resolvers = {
  Region: {
    __resolveReference: (ref) => ({ code: normaliseRegionCode(ref.code) }),
    partyBuilding: (r, _, ctx) => regionNode(ctx, r.code),
  },
};
