import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { maskErrors } from '@district/common';

/**
 * Error codes a client can branch on beyond the common ones: "too big" is not a typo, and an
 * operation the graph does not serve is not a server fault.
 * - QUERY_LIMIT_EXCEEDED: depth, aliases, tokens or cost over the gateway's limits.
 * - OPERATION_NOT_SUPPORTED: a subscription (the graph serves queries and mutations only).
 */
export const LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';
export const NOT_SUPPORTED_CODE = 'OPERATION_NOT_SUPPORTED';

export function notSupported(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: NOT_SUPPORTED_CODE } });
}

/** A subscription is refused as such, before the gateway tries to plan it. */
export const noSubscriptions: ValidationRule = (ctx) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      ctx.reportError(
        notSupported('不支持订阅，请定时查询 / subscriptions are not supported: poll with a query instead (GET queries can be cached)'),
      );
    }
  },
});

/**
 * Apollo labels every validation error GRAPHQL_VALIDATION_FAILED, overwriting the code a rule gave
 * it; the rule's own code (a limit, an unsupported operation) is put back, and a document over the
 * token limit, which the parser stops reading, is a limit too. Then the usual masking applies.
 */
export function formatClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError;
  const own = original?.extensions?.code;
  let restored: string | undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && (own === LIMIT_CODE || own === NOT_SUPPORTED_CODE)) restored = own;
  else if (code === 'GRAPHQL_VALIDATION_FAILED' && /subscription/i.test(formatted.message)) restored = NOT_SUPPORTED_CODE;
  // graphql-js 16 words it "contains more that N tokens"
  else if (code === 'GRAPHQL_PARSE_FAILED' && /contains more th[ae][nt] \d+ tokens/.test(formatted.message)) restored = LIMIT_CODE;
  return maskErrors(restored ? { ...formatted, extensions: { ...formatted.extensions, code: restored } } : formatted, error);
}
