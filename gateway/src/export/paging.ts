import { Kind, visit, type ArgumentNode, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';

/**
 * The operation rewritten to page through its rows' connection: the connection field takes
 * `first: $exportFirst_` and `after: $exportAfter_` (whatever page the analyst asked for), and
 * answers its page information under an alias of its own, so any list can be streamed whole.
 */
export const PAGE_ALIAS = 'exportPageInfo_';
export const FIRST_VARIABLE = 'exportFirst_';
export const AFTER_VARIABLE = 'exportAfter_';

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const argument = (name: string, value: string): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: name },
  value: variable(value),
});
const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

export function pagedDocument(doc: DocumentNode, operation: OperationDefinitionNode, connection: FieldNode): DocumentNode {
  return visit(doc, {
    Field(node) {
      if (node !== connection) return undefined;
      const args = (node.arguments ?? []).filter((a) => a.name.value !== 'first' && a.name.value !== 'after');
      const pageInfo: FieldNode = {
        kind: Kind.FIELD,
        alias: name(PAGE_ALIAS),
        name: name('pageInfo'),
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            { kind: Kind.FIELD, name: name('hasNextPage') },
            { kind: Kind.FIELD, name: name('endCursor') },
          ],
        },
      };
      return {
        ...node,
        arguments: [...args, argument('first', FIRST_VARIABLE), argument('after', AFTER_VARIABLE)],
        selectionSet: { ...node.selectionSet!, selections: [...node.selectionSet!.selections, pageInfo] },
      };
    },
    OperationDefinition(node) {
      if (node !== operation) return undefined;
      const defs = (node.variableDefinitions ?? []).filter(
        (v) => v.variable.name.value !== FIRST_VARIABLE && v.variable.name.value !== AFTER_VARIABLE,
      );
      return {
        ...node,
        variableDefinitions: [
          ...defs,
          { kind: Kind.VARIABLE_DEFINITION, variable: variable(FIRST_VARIABLE), type: { kind: Kind.NAMED_TYPE, name: name('Int') } },
          { kind: Kind.VARIABLE_DEFINITION, variable: variable(AFTER_VARIABLE), type: { kind: Kind.NAMED_TYPE, name: name('String') } },
        ],
      };
    },
  });
}
