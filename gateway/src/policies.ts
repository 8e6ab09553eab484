import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Caller } from '@district/common';
import type { GatewayContext } from './context';

/**
 * Request policies that must hold whatever the transport (POST, GET, an automatic persisted query
 * sent by its hash): they look at the parsed document, once Apollo Server has it.
 */

/** Whether the operation asks for `__schema` or `__type`, through fragments too; each fragment is read once. */
export function asksIntrospection(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD)
        return s.name.value === '__schema' || s.name.value === '__type' || (!!s.selectionSet && walk(s.selectionSet));
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      return !!f && walk(f.selectionSet);
    });
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && walk(d.selectionSet));
}

export function introspectionPlugin(allowed: (caller: Caller) => boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (asksIntrospection(document) && !allowed(contextValue.caller)) {
            throw new GraphQLError('未开放内省查询 / introspection is disabled for your role', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The gateway reports a non-null field it could not fill (a record a subgraph did not return) only in
 * `extensions.valueCompletion`, and only when no other error occurred: a client would get `data: null`
 * and no error. Such a gap is an error of the answer, at its path.
 */
export const incompleteAnswerPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const gaps = result.extensions?.valueCompletion as { message: string; path?: (string | number)[] }[] | undefined;
        if (!gaps?.length) return;
        const { valueCompletion: _v, ...extensions } = result.extensions ?? {};
        result.extensions = Object.keys(extensions).length ? extensions : undefined;
        result.errors = [
          ...(result.errors ?? []),
          ...gaps.map((g) => ({
            message: `答复不完整：${g.message} / the answer is incomplete here`,
            path: g.path,
            extensions: { code: 'INCOMPLETE_RESPONSE' },
          })),
        ];
      },
    };
  },
};
