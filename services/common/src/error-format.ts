import type { GraphQLFormattedError } from 'graphql';
import { log } from './log';

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
  // the gateway's: a query over its limits, a subscription, an operation a deployment has not registered
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_NOT_SUPPORTED',
  'OPERATION_NOT_REGISTERED',
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
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
