import { inScope, orderFrom, paginate, regionPrefix, type PageArgs, type RequestContext } from '@district/common';
import type { DisputeType, MediationResult } from '../../vocabulary';
import { loadOrganization } from '../organizations/organization.loaders';
import { EVERYWHERE } from '../organizations/organization.query';
import { listNode } from '../organizations/organizations.resolvers';
import { MediationCase } from './mediation-case.entity';

export interface CaseFilter {
  regionCode?: string | null;
  organizationCode?: string | null;
  disputeType?: DisputeType | null;
  result?: MediationResult | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
  closedFrom?: string | null;
  closedTo?: string | null;
}

const SORT_FIELDS = { CASE_NUMBER: 'caseNumber', RECEIVED_ON: 'receivedOn', CLOSED_ON: 'closedOn' };

const range = (from?: string | null, to?: string | null) =>
  from || to ? { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } : undefined;

function caseWhere(ctx: RequestContext, f: CaseFilter): Record<string, unknown> {
  const node = listNode(ctx, f.regionCode);
  const organization: Record<string, unknown> = {};
  if (node !== EVERYWHERE) organization.regionCode = { $like: `${regionPrefix(node)}%` };
  if (f.organizationCode) organization.code = f.organizationCode.trim().toUpperCase();
  const where: Record<string, unknown> = Object.keys(organization).length ? { organization } : {};
  if (f.disputeType) where.disputeType = f.disputeType;
  if (f.result) where.result = f.result;
  const received = range(f.receivedFrom, f.receivedTo);
  if (received) where.receivedOn = received;
  const closed = range(f.closedFrom, f.closedTo);
  if (closed) where.closedOn = closed;
  return where;
}

export const mediationResolvers = {
  Query: {
    mediationCase: async (_: unknown, { caseNumber }: { caseNumber: string }, ctx: RequestContext) => {
      const found = await ctx.em.findOne(MediationCase, { caseNumber: caseNumber.trim() }, { populate: ['organization'] });
      return found && inScope(ctx.caller, found.organization.regionCode) ? found : null;
    },
    mediationCases: (
      _: unknown,
      args: PageArgs & { filter?: CaseFilter | null; sort?: { field: string; direction?: 'ASC' | 'DESC' | null } | null },
      ctx: RequestContext,
    ) =>
      paginate(ctx.em, MediationCase, caseWhere(ctx, args.filter ?? {}), orderFrom(args.sort, SORT_FIELDS, [{ caseNumber: 'asc' }]), args),
  },
  MediationCase: {
    organization: (c: MediationCase, _: unknown, ctx: RequestContext) => loadOrganization(ctx, c.organization.code),
    regionCode: async (c: MediationCase, _: unknown, ctx: RequestContext) => (await loadOrganization(ctx, c.organization.code))?.regionCode,
  },
};
