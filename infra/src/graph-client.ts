import type { Caller } from '@district/common';
import { issueToken } from './tokens';

/** The import and report commands act as an administrator account of the deployment (SERVICE is internal to subgraphs). */
export const SERVICE_CALLER: Caller = { subject: 'service:ledger-import', roles: ['DISTRICT_ADMIN'] };

export class GraphRequestError extends Error {}

/** Posts an operation to the gateway with a freshly issued token; GraphQL errors become exceptions. */
export function gatewayClient(gatewayUrl: string, jwtSecret: string, caller: Caller = SERVICE_CALLER) {
  let token: Promise<string> | undefined;
  return async (query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
    token ??= issueToken(caller, jwtSecret, '1h');
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
      body: JSON.stringify({ query, variables }),
      // the gateway answers within its per-subgraph deadlines; this only guards against a gateway that hangs itself
      signal: AbortSignal.timeout(120_000),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; path?: unknown[] }[] };
    if (body.errors?.length) {
      throw new GraphRequestError(body.errors.map((e) => `${e.message}${e.path ? ` (at ${e.path.join('.')})` : ''}`).join('; '));
    }
    return body.data ?? {};
  };
}
