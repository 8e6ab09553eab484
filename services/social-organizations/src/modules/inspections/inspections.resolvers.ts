import { and, eq, listPrefix, listWhere, rateYearOnYear, yearOnYear } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { organizationUnder, referencedOrganization } from '../organizations/organizations.resolvers';
import { AnnualInspection } from './inspection.entity';
import { inspections, inspectionsPassed } from './inspections.figures';

const INSPECTIONS = {
  entity: AnnualInspection,
  table: 'annual_inspection',
  sortColumns: {},
  defaultOrder: 't.year DESC, t.organization_code',
};

export const inspectionResolvers: Resolvers = {
  Query: {
    annualInspections: (_, { filter, ...args }, ctx) =>
      listWhere(
        ctx,
        INSPECTIONS,
        and(organizationUnder(listPrefix(ctx, filter?.regionCode)), eq('t.year', filter?.year), eq('t.result', filter?.result)),
        args,
      ),
  },
  AnnualInspection: {
    id: (i) => `${i.organizationCode}:${i.year}`,
    // an inspection sits where its organisation does: a visible inspection's organisation is visible too
    organization: async (i, _, ctx) => (await referencedOrganization(ctx, i.organizationCode))!,
  },
  SocialOrganizationFigures: {
    inspections: (n, a, ctx) => yearOnYear(ctx, inspections, a, n.code),
    inspectionPassRate: (n, a, ctx) => rateYearOnYear(ctx, inspectionsPassed, inspections, a, n.code),
  },
};
