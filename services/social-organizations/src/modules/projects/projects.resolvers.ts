import { normaliseCreditCode } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  type ListSpec,
  listUnder,
  recordId,
  type RequestContext,
  sql,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { referencedOrganization } from '../organizations/organizations.resolvers';
import { ServiceProject } from './service-project.entity';
import { serviceProjectCommunities, serviceProjectFunding, serviceProjects, serviceProjectsApplied } from './projects.figures';
import { PROJECT_RECORD } from './projects.mutations';

const PROJECTS: ListSpec<ServiceProject> = {
  entity: ServiceProject,
  table: 'service_project',
  place: 'community_code',
  sortColumns: { CODE: 't.number', APPROVED_ON: 't.approved_on', FUNDING: 't.funding' },
  defaultOrder: 't.id',
};

export const projectById = (ctx: RequestContext, id: string) => byKey<ServiceProject>(ctx, ServiceProject, 'id').load(id);

export const projectResolvers: Resolvers = {
  Query: {
    socialServiceProject: async (_, { code }, ctx) =>
      visible(ctx, await projectById(ctx, await recordId(ctx, code, 'code')), (p) => p.communityCode),
    socialServiceProjects: (_, args, ctx) => {
      const f = args.filter ?? {};
      const where = and(
        eq('t.organization_code', f.organizationCode ? normaliseCreditCode(f.organizationCode) : null),
        eq('t.mode', f.mode),
        eq('t.category_kind', f.categoryKind),
        eq('t.funding_source', f.fundingSource),
        eq('t.status', f.status),
        !!f.approvedFrom && sql`t.approved_on >= ${f.approvedFrom}::date`,
        !!f.approvedTo && sql`t.approved_on <= ${f.approvedTo}::date`,
      );
      return listUnder(ctx, PROJECTS, listPrefix(ctx, f.regionCode), where, args);
    },
  },
  SocialServiceProject: {
    code: (p) => p.number,
    /** the organisation may be registered in another street than the project's community: refused there, not hidden */
    organization: (p, _, ctx) => referencedOrganization(ctx, p.organizationCode),
    community: (p) => ({ code: p.communityCode }),
    history: historyField(PROJECT_RECORD),
    funding: (p) => Number(p.funding),
  },
  SocialOrganizationFigures: {
    serviceProjects: (n, a, ctx) => yearOnYear(ctx, serviceProjects, a, n.code),
    serviceProjectCommunities: (n, a, ctx) => yearOnYear(ctx, serviceProjectCommunities, a, n.code),
    serviceProjectFunding: (n, a, ctx) => yearOnYear(ctx, serviceProjectFunding, a, n.code),
    serviceProjectsApplied: (n, a, ctx) => yearOnYear(ctx, serviceProjectsApplied, a, n.code),
  },
};
