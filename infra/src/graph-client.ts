import type { Caller } from '@district/common';
import { issueToken } from './tokens';

/** The import and report commands act as an administrator account of the deployment (SERVICE is internal to subgraphs). */
export const SERVICE_CALLER: Caller = { subject: 'service:ledger-import', roles: ['DISTRICT_ADMIN'] };

/** What a command needs of a running district graph: where its gateway is, and a token (or the local secret to issue one). */
export interface StackHandle {
  gatewayUrl: string;
  /** a bearer token the gateway accepts (e.g. DISTRICT_TOKEN for a remote deployment) */
  bearerToken?: string;
  /** the local deployment's caller-token secret: a token is issued from it when none is given */
  jwtSecret?: string;
}

/** A bearer token for a stack, issued once (valid an hour) when the stack gives none. */
export function bearerOf(stack: StackHandle, caller: Caller = SERVICE_CALLER): () => Promise<string> {
  let token: Promise<string> | undefined = stack.bearerToken ? Promise.resolve(stack.bearerToken) : undefined;
  return () => {
    if (!token && !stack.jwtSecret) throw new Error('no token: set DISTRICT_TOKEN, or run on the machine that holds the deployment secret');
    token ??= issueToken(caller, stack.jwtSecret!, '1h');
    return token;
  };
}

export interface GraphError {
  message: string;
  path?: unknown[];
  extensions?: { code?: string; field?: string };
}

export class GraphRequestError extends Error {
  constructor(readonly errors: GraphError[]) {
    super(errors.map((e) => `${e.message}${e.path ? ` (at ${e.path.join('.')})` : ''}`).join('; '));
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  get field(): string | undefined {
    return this.errors[0]?.extensions?.field;
  }
}

/** Posts operations to a stack's gateway; GraphQL errors become exceptions carrying their codes. */
export function stackClient(stack: StackHandle, caller: Caller = SERVICE_CALLER) {
  const bearer = bearerOf(stack, caller);
  return async (query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer()}` },
      body: JSON.stringify({ query, variables }),
      // the gateway answers within its per-subgraph deadlines; this only guards against a gateway that hangs itself
      signal: AbortSignal.timeout(120_000),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: GraphError[] };
    if (body.errors?.length) throw new GraphRequestError(body.errors);
    return body.data ?? {};
  };
}

/** Posts an operation to the gateway with a freshly issued token; GraphQL errors become exceptions. */
export function gatewayClient(gatewayUrl: string, jwtSecret: string, caller: Caller = SERVICE_CALLER) {
  return stackClient({ gatewayUrl, jwtSecret }, caller);
}
