import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits against abusive ad-hoc queries, checked before anything reaches a subgraph. Each rule
 * rejects the whole document with a message saying which limit and by how much.
 */
function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_LIMIT_EXCEEDED' } });
}

function fragmentsOf(ctx: ValidationContext): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const def of ctx.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) map.set(def.name.value, def);
  return map;
}

/** Walks a selection set through fragments; `visit` returns the value to carry into children. */
function walk<T>(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  carry: T,
  visit: (field: FieldNode, carry: T) => T | null,
  seen = new Set<string>(),
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const next = visit(sel, carry);
      if (next !== null && sel.selectionSet) walk(sel.selectionSet, fragments, next, visit, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      walk(sel.selectionSet, fragments, carry, visit, seen);
    } else {
      const frag = fragments.get(sel.name.value);
      if (frag && !seen.has(frag.name.value)) walk(frag.selectionSet, fragments, carry, visit, new Set(seen).add(frag.name.value));
    }
  }
}

function operationRule(
  check: (ctx: ValidationContext, set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>) => void,
): ValidationRule {
  return (ctx): ASTVisitor => ({
    OperationDefinition(node) {
      check(ctx, node.selectionSet, fragmentsOf(ctx));
    },
  });
}

export function depthLimit(max: number): ValidationRule {
  return operationRule((ctx, set, fragments) => {
    let deepest = 0;
    walk(set, fragments, 1, (field, depth) => {
      if (field.name.value.startsWith('__')) return null; // introspection has its own switch
      deepest = Math.max(deepest, depth);
      return depth + 1;
    });
    if (deepest > max)
      ctx.reportError(limitError(`查询层级 ${deepest} 超过上限 ${max} / query depth ${deepest} exceeds the limit of ${max}`));
  });
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
  return (ctx): ASTVisitor => {
    if (trusted.size && trusted.has(print(ctx.getDocument()))) return {};
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > max)
            ctx.reportError(limitError(`别名 ${aliases} 个，超过上限 ${max} / ${aliases} aliases exceed the limit of ${max}`));
        },
      },
    };
  };
}

const DEFAULT_LIST_SIZE = 50;

/**
 * Cost = fields fetched, where a paginated field multiplies what is below it by the page size it
 * asks for (`first`, or the default page). A query asking 200 regions × 200 grids × … is refused.
 */
export function costLimit(max: number): ValidationRule {
  return operationRule((ctx, set, fragments) => {
    let cost = 0;
    walk(set, fragments, 1, (field, multiplier) => {
      cost += multiplier;
      const first = field.arguments?.find((a) => a.name.value === 'first');
      if (!first) return multiplier;
      const size = first.value.kind === Kind.INT ? Number(first.value.value) : DEFAULT_LIST_SIZE;
      return multiplier * Math.max(size, 1);
    });
    if (cost > max)
      ctx.reportError(
        limitError(
          `查询代价 ${cost} 超过上限 ${max}，请减少分页大小或字段 / query cost ${cost} exceeds the limit of ${max}: ask for smaller pages or fewer fields`,
        ),
      );
  });
}

export function usesIntrospection(query: string | undefined): boolean {
  return !!query && /\b__(schema|type)\b/.test(query);
}
