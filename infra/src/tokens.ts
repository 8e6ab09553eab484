import { callerToken, SUBGRAPHS, type Caller } from '@district/common';

export const ISSUER = 'district-auth';
export const AUDIENCE = 'district-graph';

/** Issues a caller token the gateway accepts (what an identity provider does in production). */
export function issueToken(caller: Caller, secret: string, ttl = '12h'): Promise<string> {
  return callerToken(caller, secret, { issuer: ISSUER, audience: AUDIENCE, ttl });
}

/**
 * One caller per role, so a newcomer can query at once. The street and community callers are scoped to
 * the first street and its first community of the loaded region tree (none when the tree is empty).
 */
export function demoCallers(street?: string, community?: string): Record<string, Caller> {
  return {
    admin: { subject: 'demo-admin', roles: ['DISTRICT_ADMIN'] },
    ...Object.fromEntries(
      SUBGRAPHS.map((s) => [`dept-${s.name}`, { subject: `demo-${s.name}`, roles: ['DEPARTMENT'], department: s.name } as Caller]),
    ),
    ...(street ? { street: { subject: `demo-street-${street}`, roles: ['STREET'], regionScope: street } as Caller } : {}),
    ...(community ? { community: { subject: `demo-community-${community}`, roles: ['COMMUNITY'], regionScope: community } as Caller } : {}),
    analyst: { subject: 'demo-analyst', roles: ['ANALYST'] },
  };
}
