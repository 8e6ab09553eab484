import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { LIMIT_CODES } from '@district/common';

/**
 * Limits against abusive ad-hoc queries, checked before anything reaches a subgraph. Depth, aliases
 * and directives are GraphQL Armor's maintained rules (each walks a fragment once however often it is
 * spread, so a document of fragments that spread the previous one twice costs time linear in its
 * size); cost is graphql-query-complexity, which reads the schema and the variables, so a list costs
 * what it can return. Each refusal has its own code and HTTP 400, and says which limit and by how much.
 */
export type LimitCode = (typeof LIMIT_CODES)[number];

export function limitError(code: LimitCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Armor reports through `onReject`; ours names the limit in both languages and keeps the code. */
const reject = (code: LimitCode, say: (found: string) => string) => (ctx: ValidationContext | null, err: GraphQLError) => {
  const found = /found (\d+)/.exec(err.message)?.[1] ?? '?';
  ctx?.reportError(limitError(code, say(found)));
};

export function depthLimit(max: number): ValidationRule {
  return maxDepthRule({
    n: max,
    // a fragment spread is not a level of the answer
    flattenFragments: true,
    ignoreIntrospection: true, // introspection has its own switch
    propagateOnRejection: false,
    onReject: [reject('QUERY_TOO_DEEP', (d) => `查询层级 ${d} 超过上限 ${max} / query depth ${d} exceeds the limit of ${max}`)],
  }) as ValidationRule;
}

/**
 * The district's own reviewed operations (schema/operations/*.graphql, e.g. the annual report with
 * one alias per figure) are trusted documents: exempt from the alias limit, not from depth or cost.
 * A document is recognised by its printed form, so whitespace and comments do not matter.
 */
export function loadTrustedDocuments(dir: string): Set<string> {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return new Set();
  }
  return new Set(files.map((f) => print(parse(readFileSync(join(dir, f), 'utf8')))));
}

export function aliasLimit(max: number, trusted: Set<string> = new Set()): ValidationRule {
  const rule = maxAliasesRule({
    n: max,
    // Armor leaves aliases of __typename uncounted by default (allowList ['__typename']): they cost
    // little each, but 10 000 of them are still work and an answer as large; every alias counts
    allowList: [],
    propagateOnRejection: false,
    onReject: [reject('TOO_MANY_ALIASES', (n) => `别名 ${n} 个，超过上限 ${max} / ${n} aliases exceed the limit of ${max}`)],
  }) as ValidationRule;
  return (ctx) => (trusted.size && trusted.has(print(ctx.getDocument())) ? {} : rule(ctx));
}

/**
 * The size of the document once its fragments are expanded, with literal page sizes multiplied in:
 * Armor's cost rule, which reads each fragment once, so fragments that double at each level are
 * refused in time linear in the document. It runs while the document is validated; the finer cost
 * (variables, default pages, lists without paging, declared costs) follows in costLimitPlugin, which
 * then never walks more than `max` selections.
 */
export function expandedSizeLimit(max: number): ValidationRule {
  return costLimitRule({
    maxCost: max,
    objectCost: 1,
    scalarCost: 1,
    depthCostFactor: 1,
    flattenFragments: true,
    ignoreIntrospection: true,
    propagateOnRejection: false,
    onReject: [
      reject(
        'QUERY_TOO_COMPLEX',
        (c) => `查询代价 ${c} 超过上限 ${max} / query cost ${c} exceeds the limit of ${max}: ask for smaller pages or fewer fields`,
      ),
    ],
  }) as ValidationRule;
}

export function directiveLimit(max: number): ValidationRule {
  return maxDirectivesRule({
    n: max,
    propagateOnRejection: false,
    onReject: [reject('TOO_MANY_DIRECTIVES', (n) => `指令 ${n} 个，超过上限 ${max} / ${n} directives exceed the limit of ${max}`)],
  }) as ValidationRule;
}

export interface CostModel {
  /** the page a paginated field returns when `first` is not given (the subgraphs' DEFAULT_PAGE) */
  defaultPage: number;
  /** what a list without paging can hold (Region.children, Grid.compounds …) */
  listSize: number;
  /** what a subgraph's SDL says of a field, by "Type.field": @cost(weight) and @listSize(assumedSize) of federation's demand control */
  declared?: Map<string, { weight?: number; assumedSize?: number }>;
}

/**
 * The cost a subgraph declares for its fields with federation's demand-control directives, read
 * from the composed supergraph: `@cost(weight: 20000)` on an export that returns every row,
 * `@listSize(assumedSize: 500)` on a list larger than the default estimate.
 */
export function declaredCosts(supergraphSdl: string): Map<string, { weight?: number; assumedSize?: number }> {
  const out = new Map<string, { weight?: number; assumedSize?: number }>();
  const intArg = (d: ConstDirectiveNode, name: string) => {
    const a = d.arguments?.find((x) => x.name.value === name);
    return a && a.value.kind === Kind.INT ? Number(a.value.value) : undefined;
  };
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const cost = field.directives?.find((d) => d.name.value === 'cost');
      const size = field.directives?.find((d) => d.name.value === 'cost__listSize' || d.name.value === 'listSize');
      if (!cost && !size) continue;
      out.set(`${def.name.value}.${field.name.value}`, {
        weight: cost ? intArg(cost, 'weight') : undefined,
        assumedSize: size ? intArg(size, 'assumedSize') : undefined,
      });
    }
  }
  return out;
}

/**
 * A field costs 1, plus what it returns below it times how many it can return: `first` (or the
 * default page) for a paginated field, the length of the list given for a lookup by many keys, and
 * `listSize` for any other list, so `parent { children { parent { children … } } }` grows as the
 * answer would. A connection's `nodes` are already counted by its field's page. Introspection is
 * not counted here: it has its own switch.
 */
export function listCost(model: CostModel): ComplexityEstimator {
  return ({ field, type, args, childComplexity }) => {
    if (field.name.startsWith('__')) return 0;
    const declared = model.declared?.get(`${type.name}.${field.name}`);
    if (declared?.weight !== undefined) return declared.weight + childComplexity * (declared.assumedSize ?? 1);
    if (declared?.assumedSize !== undefined) return 1 + declared.assumedSize * childComplexity;
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : model.defaultPage;
      return 1 + Math.max(first, 1) * childComplexity;
    }
    if (!isListType(getNullableType(field.type)) || !isObjectType(getNamedType(field.type))) return 1 + childComplexity;
    if (isObjectType(type) && type.getFields().pageInfo) return 1 + childComplexity; // a connection's nodes
    const keys = field.args.find((a) => isListType(getNullableType(a.type)));
    const given = keys ? args[keys.name] : undefined;
    const size = Array.isArray(given) ? given.length : model.listSize;
    return 1 + Math.max(size, 1) * childComplexity;
  };
}

/**
 * The cost check runs once the operation is known, with the request's variables (`first: $n` costs
 * what $n asks). A document that expands to millions of fields was refused by expandedSizeLimit
 * already; the walk stops after `maxNodes` selections all the same.
 */
export function costLimitPlugin(max: number, model: CostModel, maxNodes = Math.max(max, 10_000)): ApolloServerPlugin {
  const estimators = [listCost(model)];
  // A cost depends only on the schema, the document and the variables: a dashboard's query asked
  // again and again is priced once (the walk was a sixth of the gateway's CPU per request). Small
  // variables only, a bounded number of entries; 'unpriced' when the variables do not fit (reported
  // when the operation runs), 'too big' past maxNodes.
  const priced = new WeakMap<object, Map<string, number | 'unpriced' | 'too big'>>();
  const price = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string) => {
    try {
      return getComplexity({ schema, query: document, variables, operationName, estimators, maxQueryNodes: maxNodes });
    } catch (e) {
      if (!(e instanceof GraphQLError)) throw e;
      return /maximum allowed number of nodes/.test(e.message) ? 'too big' : 'unpriced';
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, queryHash }) {
          const variables = request.variables ?? {};
          const vars = JSON.stringify(variables);
          const key = vars.length <= 2000 ? `${queryHash}|${operationName ?? ''}|${vars}` : undefined;
          let known = priced.get(schema);
          if (!known) priced.set(schema, (known = new Map()));
          let cost = key === undefined ? undefined : known.get(key);
          if (cost === undefined) {
            cost = price(schema, document, variables, operationName ?? undefined);
            if (key !== undefined) {
              if (known.size >= 5000) known.clear();
              known.set(key, cost);
            }
          }
          if (cost === 'unpriced') return;
          if (cost === 'too big')
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `查询展开后超过 ${maxNodes} 个字段 / the query expands to more than ${maxNodes} selections: use fewer fragments or fields`,
            );
          if (cost > max)
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `查询代价 ${cost} 超过上限 ${max}，请减少分页大小或字段 / query cost ${cost} exceeds the limit of ${max}: ask for smaller pages or fewer fields`,
            );
        },
      };
    },
  };
}

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED and a parse error under
 * GRAPHQL_PARSE_FAILED; a refusal by a limit gets its own code back.
 */
export const limitCodesPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const extensions = error.extensions as Record<string, unknown>;
          const original = error.originalError as GraphQLError | undefined;
          const code = original?.extensions?.code;
          // Apollo labels every validation error GRAPHQL_VALIDATION_FAILED: a rule's own code is put back
          if (typeof code === 'string' && code !== extensions.code && /^(QUERY_TOO_|TOO_MANY_|OPERATION_NOT_SUPPORTED$)/.test(code))
            extensions.code = code;
          // graphql-js words it "Document contains more that N tokens" (sic)
          const tokens = /contains more tha[nt] (\d+) tokens/.exec(error.message);
          // Apollo refuses these with 400 but without a code, which the masking would turn into an internal error
          if (error.message === 'provided sha does not match query' && extensions.code === undefined) {
            extensions.code = 'BAD_REQUEST';
            error.message =
              '自动持久化查询的 sha256Hash 与所附查询不符 / provided sha does not match query: send the sha256 of the query text';
          }
          // the gateway's executor throws these (Apollo only labels them when execution returns them): the client's request is wrong, 400
          if (/^(Must provide operation name if query contains multiple operations|Unknown operation named ")/.test(error.message)) {
            extensions.code = 'OPERATION_RESOLUTION_FAILURE';
            extensions.http = { status: 400, headers: new HeaderMap() };
            error.message = `无法确定要执行的操作：文档含多个操作时请用 operationName 指明其中之一 / ${error.message}`;
          }
          if (extensions.code === 'GRAPHQL_PARSE_FAILED' && tokens) {
            const max = tokens[1];
            extensions.code = 'TOO_MANY_TOKENS';
            error.message = `查询超过 ${max} 个词法单元 / the document has more than ${max} tokens`;
          }
        }
      },
    };
  },
};
