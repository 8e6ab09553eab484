import { isObjectType, type GraphQLSchema } from 'graphql';

const RENAMED = /^Use ([A-Za-z_][A-Za-z0-9_]*)\.$/;

/**
 * A field renamed under the API's naming rule (README, *Names*) keeps answering under its old name
 * until clients have moved: the old field stays in the SDL with `@deprecated(reason: "Use <new name>.")`
 * and no resolver of its own, and the new field's resolver answers it (same arguments, same type).
 * One rule for every subgraph, so a rename is a line of SDL, never a second resolver.
 */
export function answerRenamedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const target = RENAMED.exec(field.deprecationReason ?? '')?.[1];
      if (!target || field.resolve || !fields[target]?.resolve) continue;
      field.resolve = fields[target].resolve;
    }
  }
  return schema;
}
