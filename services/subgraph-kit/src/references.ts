import { forbidden, inScope } from '@district/common';
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
