import { inScope, orderFrom, paginate, regionPrefix, type PageArgs, type RequestContext } from '@district/common';
import type { ProjectMode, ProjectStatus } from '../../vocabulary';
import { loadOrganization } from '../organizations/organization.loaders';
import { EVERYWHERE } from '../organizations/organization.query';
import { listNode } from '../organizations/organizations.resolvers';
import { ServiceProject } from './service-project.entity';

export interface ProjectFilter {
  regionCode?: string | null;
  organizationCode?: string | null;
  mode?: ProjectMode | null;
  status?: ProjectStatus | null;
  approvedFrom?: string | null;
  approvedTo?: string | null;
}

const SORT_FIELDS = { CODE: 'code', APPROVED_ON: 'approvedOn', FUNDING: 'funding' };

function projectWhere(ctx: RequestContext, f: ProjectFilter): Record<string, unknown> {
  const node = listNode(ctx, f.regionCode);
  const where: Record<string, unknown> = {};
  if (node !== EVERYWHERE) where.communityCode = { $like: `${regionPrefix(node)}%` };
  if (f.organizationCode) where.organization = f.organizationCode.trim().toUpperCase();
  if (f.mode) where.mode = f.mode;
  if (f.status) where.status = f.status;
  if (f.approvedFrom || f.approvedTo) {
    where.approvedOn = { ...(f.approvedFrom ? { $gte: f.approvedFrom } : {}), ...(f.approvedTo ? { $lte: f.approvedTo } : {}) };
  }
  return where;
}

export const projectResolvers = {
  Query: {
    socialServiceProject: async (_: unknown, { code }: { code: string }, ctx: RequestContext) => {
      const found = await ctx.em.findOne(ServiceProject, { code: code.trim() });
      return found && inScope(ctx.caller, found.communityCode) ? found : null;
    },
    socialServiceProjects: (
      _: unknown,
      args: PageArgs & { filter?: ProjectFilter | null; sort?: { field: string; direction?: 'ASC' | 'DESC' | null } | null },
      ctx: RequestContext,
    ) => paginate(ctx.em, ServiceProject, projectWhere(ctx, args.filter ?? {}), orderFrom(args.sort, SORT_FIELDS, [{ code: 'asc' }]), args),
  },
  SocialServiceProject: {
    organization: (p: ServiceProject, _: unknown, ctx: RequestContext) => loadOrganization(ctx, p.organization.code),
    community: (p: ServiceProject) => ({ code: p.communityCode }),
    funding: (p: ServiceProject) => Number(p.funding),
  },
};
