import { GraphQLError } from 'graphql';

/**
 * Error codes a client can act on, one meaning each:
 * - BAD_USER_INPUT: an argument or input field is malformed or implausible; `extensions.field` names it.
 * - NOT_FOUND: the record named does not exist (or is not visible to the caller).
 * - CONFLICT: the request is well-formed but the record's state refuses it: a number already taken,
 *   a step out of order in a closed loop, a change made concurrently.
 * - FORBIDDEN: the caller's role or region does not allow it.
 * - UNAUTHENTICATED: no valid token.
 * Anything else reaching a client is INTERNAL_SERVER_ERROR with no detail (see maskErrors).
 */
export const CLIENT_ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

function clientError(code: ClientErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field ? { field } : {}) } });
}

/** Messages are Chinese first, then English: a person in the district reads them. */
export const badInput = (message: string, field?: string) => clientError('BAD_USER_INPUT', message, field);
export const forbidden = (message: string, field?: string) => clientError('FORBIDDEN', message, field);
export const notFound = (message: string, field?: string) => clientError('NOT_FOUND', message, field);
export const conflict = (message: string, field?: string) => clientError('CONFLICT', message, field);
export const unauthenticated = (message: string) => clientError('UNAUTHENTICATED', message);
