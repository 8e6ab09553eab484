import { type GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';

/**
 * What a client typed wrong, said the same way at the gateway and in every subgraph: GraphQL's own
 * checks of argument values and variables (an enum value that does not exist, a Date that is not a
 * day, an input field that is not defined) become BAD_USER_INPUT naming the argument or input field,
 * and no message ever suggests a real name ("Did you mean …?" would let a caller probe the schema).
 */

/** graphql-js words suggestions several ways: `Did you mean "x"?`, `Did you mean the enum value "X"?`, `Did you mean "a" or "b"?` */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '').trim();

// `Variable "$input" got invalid value "x" at "input.title"; …` (the path starts with the variable's name)
const VARIABLE_VALUE =
  /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value [\s\S]*?(?: at "\1((?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])+)")?; /;
// `Variable "$d" of required type "Date!" was not provided.` / `… of non-null type "X!" must not be null.`
const VARIABLE_MISSING = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" of (?:required|non-null) type /;
// literal values checked by validation (ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule)
const LITERAL_VALUE =
  /^(Expected value of type |Enum "|Value "[^"]*" does not exist in "|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|ID cannot represent|Field "[^"]+" of required type "[^"]+" was not provided|Field "[^"]+" is not defined by type ")/;
const REQUIRED_ARGUMENT = /^Field "[^"]+" argument "([_A-Za-z][_0-9A-Za-z]*)" of type "[^"]+" is required/;
const INPUT_FIELD_NAMED = /^Field "(?:[_A-Za-z][_0-9A-Za-z]*\.)?([_A-Za-z][_0-9A-Za-z]*)" (?:of required type|is not defined by type)/;

/** The argument a variable is passed to, or the input field it fills: the name a client recognises. */
function usageOfVariable(document: DocumentNode | undefined, variable: string): string | undefined {
  if (!document) return undefined;
  let found: string | undefined;
  visit(document, {
    Variable(node, _key, parent) {
      if (found || node.name.value !== variable || !parent || Array.isArray(parent)) return;
      const p = parent as ASTNode;
      if (p.kind === Kind.ARGUMENT || p.kind === Kind.OBJECT_FIELD) found = p.name.value;
    },
  });
  return found;
}

/** The argument or input field whose value is `target` (a node of `document`). */
function holderOfValue(document: DocumentNode, target: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (found || node !== target) return;
      // `ancestors` stops short of the direct parent
      const chain = [...ancestors, ...(parent ? [parent] : [])];
      for (let i = chain.length - 1; i >= 0; i--) {
        const a = chain[i] as ASTNode;
        if (!Array.isArray(a) && (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD)) {
          found = a.name.value;
          return;
        }
      }
    },
  });
  return found;
}

/**
 * When `error` is GraphQL's refusal of a value the client gave, the argument or input field it is
 * about (deepest name on its path); undefined for any other error.
 */
export function inputErrorField(error: GraphQLError, document?: DocumentNode): string | undefined {
  const message = error.message;
  const variable = VARIABLE_VALUE.exec(message);
  if (variable) {
    const names = (variable[2] ?? '').split(/\.|\[\d+\]/).filter(Boolean);
    return names.length ? names[names.length - 1] : (usageOfVariable(document, variable[1]) ?? variable[1]);
  }
  const missing = VARIABLE_MISSING.exec(message);
  if (missing) return usageOfVariable(document, missing[1]) ?? missing[1];
  const argument = REQUIRED_ARGUMENT.exec(message);
  if (argument) return argument[1];
  if (!LITERAL_VALUE.test(message)) return undefined;
  const named = INPUT_FIELD_NAMED.exec(message);
  if (named) return named[1];
  const node = error.nodes?.[0];
  return (document && node && holderOfValue(document, node)) || 'input';
}

/** Codes an input error may already carry when it is turned into BAD_USER_INPUT. */
const RECODED = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', undefined]);

/**
 * Rewrites, in place, GraphQL's refusals of values into BAD_USER_INPUT naming the field, and takes
 * suggestions out of every message. For an Apollo Server plugin's `didEncounterErrors`, where the
 * errors are the ones about to be formatted.
 */
export function explainInputErrors(errors: readonly GraphQLError[], document?: DocumentNode): void {
  for (const error of errors) {
    const extensions = error.extensions as Record<string, unknown>;
    if (RECODED.has(extensions.code as string | undefined) && !extensions.field) {
      const field = inputErrorField(error, document);
      if (field) {
        extensions.code = 'BAD_USER_INPUT';
        extensions.field = field;
      }
    }
    error.message = withoutSuggestions(error.message);
  }
}

/** The Apollo Server plugin doing it, for the gateway and every subgraph (typed structurally: common loads no server). */
export const inputErrorsPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors(rc: { errors?: readonly GraphQLError[]; document?: DocumentNode }) {
        if (rc.errors) explainInputErrors(rc.errors, rc.document);
      },
    };
  },
};
