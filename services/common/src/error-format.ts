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
  // Apollo's: two operations and no (or an unknown) operationName
  'OPERATION_RESOLUTION_FAILURE',
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
  const original = ((error as { originalError?: Error })?.originalError ?? error) as Fault;
  log().error({ error: original?.name ?? 'Error', path: formatted.path?.join('.') ?? '?', ...faultOf(original) }, 'internal error');
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

type Fault = Error & { code?: unknown; sqlState?: unknown; constraint?: string; table?: string; cause?: unknown };

/** A PostgreSQL error code: five digits or capitals (`22012`, `57014`, `23505`). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What the operator's line says of a fault, never a value: the SQLSTATE, table and constraint of a
 * database error (found on the error or the error it wraps: MikroORM, a loader and our own wrappers
 * keep the driver's error as `cause` or copy its fields), another error code (`ECONNREFUSED`), and
 * always where in our code it was thrown (`file.ts:line`), so a fault that is no database error (a
 * failed call to another subgraph, a bug) still names its place. The message is not logged: pg's and
 * many libraries' messages quote the values they refused.
 */
function faultOf(error: Fault | undefined): { where?: string; at?: string } {
  const chain: Fault[] = [];
  for (let e: unknown = error; e && typeof e === 'object' && chain.length < 5; e = (e as Fault).cause) chain.push(e as Fault);
  const sqlState = chain.map((e) => [e.code, e.sqlState].find((c) => typeof c === 'string' && SQLSTATE.test(c))).find(Boolean) as
    string | undefined;
  const otherCode = chain.map((e) => e.code).find((c) => typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c) && c !== sqlState);
  const db = chain.find((e) => e.table || e.constraint);
  const where = [
    sqlState && `sqlstate ${sqlState}`,
    !sqlState && otherCode && `code ${otherCode}`,
    db?.table && `table ${db.table}`,
    db?.constraint && `constraint ${db.constraint}`,
  ]
    .filter(Boolean)
    .join(', ');
  return { where: where || undefined, at: thrownAt(error?.stack) };
}

/** The first frame of a stack in our own code (not a library's, not Node's), as `file.ts:line` (`name`). */
function thrownAt(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const m = /^\s*at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/.exec(line);
    if (!m || m[2].includes('node_modules') || m[2].startsWith('node:')) continue;
    const file = m[2].split(/[\\/]/).slice(-3).join('/');
    return m[1] ? `${file}:${m[3]} (${m[1]})` : `${file}:${m[3]}`;
  }
  return undefined;
}
