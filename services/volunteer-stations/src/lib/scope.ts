import { regionNode, regionPrefix, scopePrefix, type RequestContext } from '@district/common';

/**
 * The code prefix a list may show: the filter's node (district, street, community or grid) narrowed
 * to the caller's scope, or the caller's scope alone. A grid's prefix is its own code, so filtering on
 * a grid_code column works at every level.
 */
export function listPrefix(ctx: RequestContext, regionCode?: string | null): string {
  return regionCode ? regionPrefix(regionNode(ctx, regionCode).code) : scopePrefix(ctx.caller);
}
