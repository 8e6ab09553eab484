import { callerToken, SUBGRAPHS, type Caller } from '@district/common';

export const ISSUER = 'district-auth';
export const AUDIENCE = 'district-graph';

/** Issues a caller token the gateway accepts (what an identity provider does in production). */
export function issueToken(caller: Caller, secret: string, ttl = '12h'): Promise<string> {
  return callerToken(caller, secret, { issuer: ISSUER, audience: AUDIENCE, ttl });
}

/** One caller per role, so a newcomer can query at once. The street and community are in Shangjie. */
export const DEMO_CALLERS: Record<string, Caller> = {
  admin: { subject: 'demo-admin', roles: ['DISTRICT_ADMIN'] },
  ...Object.fromEntries(
    SUBGRAPHS.map((s) => [`dept-${s.name}`, { subject: `demo-${s.name}`, roles: ['DEPARTMENT'], department: s.name } as Caller]),
  ),
  street: { subject: 'demo-street-jiyuanlu', roles: ['STREET'], regionScope: '410106001000' },
  community: { subject: 'demo-community-shengshi', roles: ['COMMUNITY'], regionScope: '410106001001' },
  analyst: { subject: 'demo-analyst', roles: ['ANALYST'] },
};
