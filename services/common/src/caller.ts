import { SignJWT, jwtVerify } from 'jose';
import { forbidden } from './errors';
import { isRegionCode, isWithin, normaliseRegionCode, regionLevel, regionPrefix } from './regions';
import { DEPARTMENTS, type Department } from './subgraphs';

export type { Department } from './subgraphs';
export { DEPARTMENTS } from './subgraphs';

/** Roles a caller's token may carry. SERVICE is internal: subgraphs asking each other, never a client. */
export const ROLES = ['DISTRICT_ADMIN', 'DEPARTMENT', 'STREET', 'COMMUNITY', 'ANALYST', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as verified by the gateway. */
export interface Caller {
  subject: string;
  roles: Role[];
  department?: Department;
  /**
   * 12-digit code of the node the caller is confined to; absent means the whole deployment. Required
   * for STREET and COMMUNITY; an administrator or department of one district in a city's deployment
   * carries its district's node.
   */
  regionScope?: string;
}

/** Header that carries the gateway-signed caller to the subgraphs. */
export const CALLER_HEADER = 'x-district-caller';
/**
 * Header the gateway adds to the first page of an export, naming the format and the list
 * ("xlsx Query.gigWorkers", "csv Region.volunteerStations"), so the subgraph that owns the list
 * records the export in its audit trail. Only the gateway reaches a subgraph.
 */
export const EXPORT_HEADER = 'x-district-export';

export const exportHeader = (format: string, type: string, field: string) => `${format} ${type}.${field}`;

export function parseExportHeader(value: string | undefined): { format: string; type: string; field: string } | undefined {
  const m = /^(csv|xlsx) ([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(value ?? '');
  return m ? { format: m[1], type: m[2], field: m[3] } : undefined;
}
const ISSUER = 'district-gateway';
const AUDIENCE = 'district-subgraphs';
/** how long a gateway-signed caller is accepted */
export const CALLER_TOKEN_TTL_SECONDS = 60;

/**
 * The gateway signs the verified caller with a per-deployment secret; subgraphs accept nothing
 * else. A client that reaches a subgraph directly cannot forge a caller or call `_entities`.
 */
export function signCaller(caller: Caller, secret: string): Promise<string> {
  return callerToken(caller, secret, { issuer: ISSUER, audience: AUDIENCE, ttl: `${CALLER_TOKEN_TTL_SECONDS}s` });
}

/** A caller as HS256 JWT claims (sub, roles, dept, region): the shape the gateway and subgraphs read. */
export function callerToken(caller: Caller, secret: string, opts: { issuer: string; audience: string; ttl: string }): Promise<string> {
  return new SignJWT({ roles: caller.roles, dept: caller.department, region: caller.regionScope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt()
    .setExpirationTime(opts.ttl)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyCaller(token: string, secret: string): Promise<Caller> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return callerFromClaims(payload as Record<string, unknown>, { allowService: true });
}

/**
 * Turns verified JWT claims into a Caller, rejecting unknown roles. A token from outside (the
 * gateway's callers) may not carry the internal SERVICE role.
 */
export function callerFromClaims(claims: Record<string, unknown>, opts: { allowService?: boolean } = {}): Caller {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!subject) throw new Error('token has no subject');
  const rawRoles = Array.isArray(claims.roles) ? claims.roles : [];
  const roles = rawRoles.filter((r): r is Role => (ROLES as readonly string[]).includes(String(r)));
  if (!roles.length) throw new Error('token names no known role');
  if (roles.includes('SERVICE') && !opts.allowService) throw new Error('the SERVICE role is internal and not accepted from outside');
  const dept = claims.dept ?? claims.department;
  const department = (DEPARTMENTS as readonly string[]).includes(String(dept)) ? (dept as Department) : undefined;
  if (roles.includes('DEPARTMENT') && !department) throw new Error('a DEPARTMENT token must name its department');
  const region = claims.region ?? claims.regionScope;
  const regionScope = typeof region === 'string' && isRegionCode(normaliseRegionCode(region)) ? normaliseRegionCode(region) : undefined;
  if (region !== undefined && region !== null && !regionScope) throw new Error('the region claim must be a 12-digit region code');
  if ((roles.includes('STREET') || roles.includes('COMMUNITY')) && !regionScope) {
    throw new Error('a STREET or COMMUNITY token must name its region');
  }
  return { subject, roles, department, regionScope };
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role);
}

/**
 * The node a query may look at. A node outside the caller's scope, or above it, is refused: a street
 * office asking for its district's figures is told to ask for its own street, rather than being
 * given its street's figures under the district's name.
 */
export function scopedRegion(caller: Caller, requested: string): string {
  const scope = caller.regionScope;
  if (!scope || isWithin(requested, scope)) return requested;
  if (isWithin(scope, requested)) {
    throw forbidden(
      `区划 ${requested} 超出您的范围，请查询本辖区 ${scope} / region ${requested} is above your scope: ask for ${scope} or a node below it`,
      'code',
    );
  }
  throw forbidden(`无权查看区划 ${requested} 的数据 / region ${requested} is outside your scope`, 'code');
}

/** The prefix every row visible to the caller starts with, or '' for the whole deployment. */
export function scopePrefix(caller: Caller): string {
  return caller.regionScope ? regionPrefix(caller.regionScope) : '';
}

export function inScope(caller: Caller, code: string | null | undefined): boolean {
  if (!caller.regionScope) return true;
  return !!code && isWithin(code, caller.regionScope);
}

/**
 * Writes: administrators and the internal service anywhere in their scope; a department in its own
 * subgraph; streets and communities inside their region. `regionCode` is where the record sits (a
 * district-wide record sits at its district's node).
 */
export function assertCanWrite(caller: Caller, owner: Department, regionCode: string | null | undefined): void {
  const within = inScope(caller, regionCode);
  if ((hasRole(caller, 'DISTRICT_ADMIN') || hasRole(caller, 'SERVICE')) && within) return;
  if (hasRole(caller, 'DEPARTMENT') && caller.department === owner && within) return;
  if ((hasRole(caller, 'STREET') || hasRole(caller, 'COMMUNITY')) && regionCode && within) return;
  throw forbidden('无权修改此数据 / you may not change this record');
}

/**
 * Who an answer to a read is for: callers with the same roles, department and scope get the same
 * answer from `owner` (or, without one, from the whole graph), so the gateway may compute their
 * identical concurrent reads once. A caller who may see personal data unmasked there has each such
 * read audited under its own name, so its answers are shared only with itself.
 */
export function readAudience(caller: Caller, owner?: Department): string {
  const audience = JSON.stringify([[...caller.roles].sort(), caller.department ?? null, caller.regionScope ?? null]);
  const scope = caller.regionScope ?? '';
  const unmasked = owner ? canSeePersonal(caller, owner, scope) : DEPARTMENTS.some((d) => canSeePersonal(caller, d, scope));
  return unmasked ? `${audience}${caller.subject}` : audience;
}

/**
 * Ledger imports: administrators (and the internal service) any ledger; a department its own
 * subgraph's only; a street or community office rows inside its region (see importRegion); an
 * analyst never.
 */
export function assertCanImport(caller: Caller, owner: Department): void {
  if (hasRole(caller, 'DISTRICT_ADMIN') || hasRole(caller, 'SERVICE')) return;
  if (hasRole(caller, 'DEPARTMENT') && caller.department === owner) return;
  if ((hasRole(caller, 'STREET') || hasRole(caller, 'COMMUNITY')) && caller.regionScope) return;
  if (hasRole(caller, 'DEPARTMENT')) {
    throw forbidden(
      `部门只能导入本部门的台账，此台账属于 ${owner} / a department imports only its own ledgers: this one belongs to ${owner}`,
    );
  }
  throw forbidden('您的角色不能导入台账 / your role may not import ledgers');
}

/**
 * The region an import by this caller is confined to: a street's or community's node. A caller of
 * a whole district (an administrator of one district in a city's deployment) is confined to its
 * district by the import's district instead.
 */
export function importRegion(caller: Caller): string | undefined {
  const scope = caller.regionScope;
  return scope && regionLevel(scope) !== 'DISTRICT' ? scope : undefined;
}

/** Whether personal data (ID numbers, phones, names) of a record may be shown unmasked. */
export function canSeePersonal(caller: Caller, owner: Department, regionCode: string | null | undefined): boolean {
  const within = inScope(caller, regionCode);
  if (hasRole(caller, 'DISTRICT_ADMIN') && within) return true;
  if (hasRole(caller, 'DEPARTMENT') && caller.department === owner && within) return true;
  if ((hasRole(caller, 'STREET') || hasRole(caller, 'COMMUNITY')) && within) return true;
  return false;
}
