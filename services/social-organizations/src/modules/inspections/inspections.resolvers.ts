import { paginate, regionPrefix, type PageArgs, type RequestContext } from '@district/common';
import type { InspectionResult } from '../../vocabulary';
import { loadOrganization } from '../organizations/organization.loaders';
import { EVERYWHERE } from '../organizations/organization.query';
import { listNode } from '../organizations/organizations.resolvers';
import { AnnualInspection } from './inspection.entity';

export interface InspectionFilter {
  regionCode?: string | null;
  year?: number | null;
  result?: InspectionResult | null;
}

export const inspectionResolvers = {
  Query: {
    annualInspections: (_: unknown, { filter, ...page }: PageArgs & { filter?: InspectionFilter | null }, ctx: RequestContext) => {
      const node = listNode(ctx, filter?.regionCode);
      const where: Record<string, unknown> = {};
      if (node !== EVERYWHERE) where.organization = { regionCode: { $like: `${regionPrefix(node)}%` } };
      if (filter?.year) where.year = filter.year;
      if (filter?.result) where.result = filter.result;
      return paginate(ctx.em, AnnualInspection, where, [{ year: 'desc' }, { organization: { code: 'asc' } }], page);
    },
  },
  AnnualInspection: {
    organization: (i: AnnualInspection, _: unknown, ctx: RequestContext) => loadOrganization(ctx, i.organization.code),
  },
};
