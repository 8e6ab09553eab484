import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { forbidden, inScope, notFound } from '@district/common';
import type { RequestContext } from './context';

/**
 * A record reached through a reference of another record (a project's organisation, an entity the
 * gateway resolves for a field of another subgraph), as the caller may see it. Unlike `visible`,
 * which makes an out-of-scope record look missing (right for lookups by key), an existing record
 * outside the caller's region is refused with FORBIDDEN: the field comes back null with an error
 * naming its path, so the answer around it survives and the caller is told why it is empty. The
 * field must be nullable. `what` names the record for the message, [中文, English].
 */
export function referenced<T>(
  ctx: RequestContext,
  row: T | null | undefined,
  placeOf: (row: T) => string | null | undefined,
  what: [string, string],
): T | null {
  if (!row) return null;
  if (inScope(ctx.caller, placeOf(row))) return row;
  throw forbidden(`引用的${what[0]}超出您的范围 / the ${what[1]} referenced here lies outside your scope`);
}

type ResolveReference = (ref: Record<string, unknown>, ctx: RequestContext, info: unknown) => unknown;

/**
 * Every entity the gateway asks a subgraph for (`_entities`) was named by a record the caller can
 * see in another subgraph. When the subgraph answers it with nothing (the record is outside the
 * caller's scope, or missing), the client would otherwise get its fields null, or its parent gone,
 * with no error at all. Each such answer becomes an error at the entity's path. A resolver that can
 * tell the two cases apart says FORBIDDEN itself (see `referenced`); this is the net under all of them.
 */
export function refuseUnresolvedReferences(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const apollo = (type.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }).apollo;
    const inner = apollo?.subgraph?.resolveReference;
    if (!inner) continue;
    const keyOf = (ref: Record<string, unknown>) =>
      Object.entries(ref)
        .filter(([k, v]) => k !== '__typename' && typeof v !== 'object')
        .map(([, v]) => String(v))
        .join(', ');
    const wrapped: ResolveReference = async (ref, ctx, info) => {
      const found = await inner(ref, ctx, info);
      if (found === null || found === undefined) {
        throw notFound(
          `引用的${type.name}（${keyOf(ref)}）不存在或您无权查看 / the ${type.name} referenced here (${keyOf(ref)}) does not exist or is not visible to you`,
        );
      }
      return found;
    };
    (type as { extensions: unknown }).extensions = {
      ...type.extensions,
      apollo: { ...apollo, subgraph: { ...apollo!.subgraph, resolveReference: wrapped } },
    };
  }
  return schema;
}
