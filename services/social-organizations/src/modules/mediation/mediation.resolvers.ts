import { normaliseCreditCode } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  inList,
  listPrefix,
  listWhere,
  periodOf,
  rateYearOnYear,
  raw,
  recordId,
  type RequestContext,
  sql,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { MediationTally, Resolvers } from '../../generated/graphql';
import {
  organizationByCode,
  organizationUnder,
  placeOfOrganization,
  referencedOrganization,
} from '../organizations/organizations.resolvers';
import { MediationCase, storedDisputeType } from './mediation-case.entity';
import { disputesClosed, disputesReceived, disputesResolved } from './mediation.figures';
import { CASE_RECORD } from './mediation.mutations';

const CASES = {
  entity: MediationCase,
  table: 'mediation_case',
  sortColumns: { CASE_NUMBER: 't.number', RECEIVED_ON: 't.received_on', CLOSED_ON: 't.closed_on' },
  defaultOrder: 't.id',
};

export const caseById = (ctx: RequestContext, id: string) => byKey<MediationCase>(ctx, MediationCase, 'id').load(id);

/** A case's mediation organisation: the case sits where it does, so a visible case's organisation is visible too. */
const organizationOf = async (ctx: RequestContext, c: MediationCase) => (await referencedOrganization(ctx, c.organizationCode))!;

/** An organisation's cases received and resolved in a year, for every organisation of the response in one statement. */
export function mediationTally(ctx: RequestContext, code: string, year: number): Promise<MediationTally> {
  const { from, to } = periodOf(year);
  return ctx.loaders
    .get<string, MediationTally>(`mediation:tally:${from}`, async (codes) => {
      const q = sql`SELECT organization_code AS code,
          count(*) FILTER (WHERE received_on BETWEEN ${from}::date AND ${to}::date) AS received,
          count(*) FILTER (WHERE result = 'RESOLVED' AND closed_on BETWEEN ${from}::date AND ${to}::date) AS resolved
        FROM mediation_case WHERE withdrawn_on IS NULL AND ${inList('organization_code', codes) ?? raw('FALSE')} GROUP BY organization_code`;
      const rows: { code: string; received: string; resolved: string }[] = await ctx.em.getConnection().execute(q.text, [...q.params]);
      const byCode = new Map(rows.map((r) => [r.code, { received: Number(r.received), resolved: Number(r.resolved) }]));
      return codes.map((c) => byCode.get(c) ?? { received: 0, resolved: 0 });
    })
    .load(code);
}

export const mediationResolvers: Resolvers = {
  Query: {
    mediationCase: async (_, { caseNumber }, ctx) => {
      const found = await caseById(ctx, await recordId(ctx, caseNumber, 'caseNumber'));
      return found && visible(ctx, await organizationByCode(ctx, found.organizationCode), placeOfOrganization) ? found : null;
    },
    mediationCases: (_, args, ctx) => {
      const f = args.filter ?? {};
      const where = and(
        organizationUnder(listPrefix(ctx, f.regionCode)),
        eq('t.organization_code', f.organizationCode ? normaliseCreditCode(f.organizationCode) : null),
        eq('t.dispute_type', storedDisputeType(f.disputeType)),
        eq('t.result', f.result),
        !!f.receivedFrom && sql`t.received_on >= ${f.receivedFrom}::date`,
        !!f.receivedTo && sql`t.received_on <= ${f.receivedTo}::date`,
        !!f.closedFrom && sql`t.closed_on >= ${f.closedFrom}::date`,
        !!f.closedTo && sql`t.closed_on <= ${f.closedTo}::date`,
      );
      return listWhere(ctx, CASES, where, args);
    },
  },
  MediationCase: {
    caseNumber: (c) => c.number,
    organization: (c, _, ctx) => organizationOf(ctx, c),
    regionCode: async (c, _, ctx) => (await organizationOf(ctx, c)).regionCode,
    history: historyField(CASE_RECORD),
  },
  SocialOrganizationFigures: {
    disputesReceived: (n, a, ctx) => yearOnYear(ctx, disputesReceived, { ...a, disputeType: storedDisputeType(a.disputeType) }, n.code),
    disputesResolved: (n, a, ctx) => yearOnYear(ctx, disputesResolved, { ...a, disputeType: storedDisputeType(a.disputeType) }, n.code),
    disputeResolutionRate: (n, a, ctx) =>
      rateYearOnYear(ctx, disputesResolved, disputesClosed, { ...a, disputeType: storedDisputeType(a.disputeType) }, n.code),
  },
};
