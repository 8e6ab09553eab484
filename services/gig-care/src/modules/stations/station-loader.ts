import { inScope, type RequestContext } from '@district/common';
import { GigStation } from './gig-station.entity';

/** Stations by number for every parent of this request, one statement per batch; out of scope → null. */
export function loadStation(ctx: RequestContext, code: string): Promise<GigStation | null> {
  const loader = ctx.loaders.get<string, GigStation | null>('gig-station', async (codes) => {
    const rows = await ctx.em.find(GigStation, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((s) => [s.code, s]));
    return codes.map((c) => byCode.get(c) ?? null);
  });
  return loader.load(code).then((s) => (s && inScope(ctx.caller, s.communityCode) ? s : null));
}
