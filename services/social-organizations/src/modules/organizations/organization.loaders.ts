import { inScope, type RequestContext } from '@district/common';
import { SocialOrganization } from './organization.entity';

const organizations = (ctx: RequestContext) =>
  ctx.loaders.get<string, SocialOrganization | null>('organization', async (codes) => {
    const rows = await ctx.em.find(SocialOrganization, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((o) => [o.code, o]));
    return codes.map((c) => byCode.get(c) ?? null);
  });

/** An organisation by code; the codes asked for by every parent in this request go in one statement. */
export function loadOrganization(ctx: RequestContext, code: string): Promise<SocialOrganization | null> {
  return organizations(ctx).load(code);
}

/** Organisations a list has loaded: their inspections and projects name them again, without another query. */
export function primeOrganizations(ctx: RequestContext, orgs: SocialOrganization[]): void {
  const loader = organizations(ctx);
  for (const o of orgs) loader.prime(o.code, o);
}

/** An organisation the caller may see: null when it does not exist or lies outside the caller's scope. */
export async function visibleOrganization(ctx: RequestContext, code: string): Promise<SocialOrganization | null> {
  const org = await loadOrganization(ctx, code.trim().toUpperCase());
  return org && inScope(ctx.caller, org.regionCode) ? org : null;
}
