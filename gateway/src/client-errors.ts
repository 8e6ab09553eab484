import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation the graph does not serve is not a server fault: OPERATION_NOT_SUPPORTED for a
 * subscription (the graph serves queries and mutations only). Query limits have codes of their own
 * (query-limits.ts), restored there after Apollo relabels validation errors.
 */
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
