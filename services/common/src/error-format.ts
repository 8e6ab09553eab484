import type { GraphQLFormattedError } from 'graphql';
import { log } from './log';

/** Refusals of a query by the gateway's limits, one code each, HTTP 400 (see gateway/src/query-limits.ts). */
export const LIMIT_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_COMPLEX', 'TOO_MANY_TOKENS', 'TOO_MANY_DIRECTIVES'] as const;

/**
 * A part of the answer that could not be had, said so at its path: a subgraph that did not answer or
 * answered too much, a request or statement past its deadline, a record missing from its owner's answer.
 * `extensions.serviceName` names the subgraph; its address is never given.
 */
export const FAILURE_CODES = [
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'RESPONSE_TOO_LARGE',
  'DEADLINE_EXCEEDED',
  'INCOMPLETE_RESPONSE',
] as const;

const SAFE_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  // the gateway's: a subscription, an operation a deployment has not registered
  'OPERATION_NOT_SUPPORTED',
  'OPERATION_NOT_REGISTERED',
  ...LIMIT_CODES,
  ...FAILURE_CODES,
]);

/**
 * Errors a person can act on pass through; anything else (a database error, a bug) is replaced by a
 * generic message so SQL, values and internals never reach a client. The original goes to stderr
 * without its arguments: a thrown database error can quote row values, which may be personal.
 */
export function maskErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (SAFE_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  }
  const original = ((error as { originalError?: Error })?.originalError ?? error) as Error & {
    code?: string;
    constraint?: string;
    table?: string;
  };
  // enough for an operator to find the cause, nothing that can quote a row's values (pg's `detail` can)
  const where = [
    original?.code && `sqlstate ${original.code}`,
    original?.table && `table ${original.table}`,
    original?.constraint && `constraint ${original.constraint}`,
  ]
    .filter(Boolean)
    .join(', ');
  log().error({ error: original?.name ?? 'Error', path: formatted.path?.join('.') ?? '?', where: where || undefined }, 'internal error');
  return {
    message: '服务内部错误，请稍后重试 / internal error, please retry later',
    path: formatted.path,
    locations: formatted.locations,
    // which subgraph failed helps the client and the operator; the gateway adds it, never an address
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(formatted.extensions?.serviceName ? { serviceName: formatted.extensions.serviceName } : {}),
    },
  };
}
