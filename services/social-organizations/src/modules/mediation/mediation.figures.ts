import { and, defineFigure, eq, flow, raw } from '@district/subgraph-kit';
import type { StoredDisputeType } from './mediation-case.entity';

type Args = { disputeType?: StoredDisputeType | null };

/** Cases sit where their mediation organisation is (its community, else its street). */
const CASES = {
  name: 'mediation-case',
  from: 'mediation_case c JOIN social_organization o ON o.code = c.organization_code',
  place: 'o.region_code',
};
const ofType = (a: Args) => eq('c.dispute_type', a.disputeType);

/** Disputes received (受理) in the period. */
export const disputesReceived = defineFigure<Args>({
  name: 'mediation.received',
  source: CASES,
  period: flow('c.received_on'),
  where: ofType,
});

/** Disputes resolved (化解): closed in the period with result 调解成功, whenever received. */
export const disputesResolved = defineFigure<Args>({
  name: 'mediation.resolved',
  source: CASES,
  period: flow('c.closed_on'),
  where: (a) => and(raw(`c.result = 'RESOLVED'`), ofType(a)),
});

/** Disputes closed (办结) in the period, resolved or not: the resolution rate's denominator. */
export const disputesClosed = defineFigure<Args>({
  name: 'mediation.closed',
  source: CASES,
  period: flow('c.closed_on'),
  where: (a) => and(raw(`c.result IN ('RESOLVED', 'UNRESOLVED')`), ofType(a)),
});
