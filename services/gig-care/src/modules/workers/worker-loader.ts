import { inScope, type RequestContext } from '@district/common';
import { GigWorker } from './gig-worker.entity';

/** Workers by number for every parent of this request, one statement per batch; out of scope → null. */
export function loadWorker(ctx: RequestContext, code: string): Promise<GigWorker | null> {
  const loader = ctx.loaders.get<string, GigWorker | null>('gig-worker', async (codes) => {
    const rows = await ctx.em.find(GigWorker, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((w) => [w.code, w]));
    return codes.map((c) => byCode.get(c) ?? null);
  });
  return loader.load(code).then((w) => (w && inScope(ctx.caller, w.communityCode) ? w : null));
}
