import {
  getNamedType,
  GraphQLObjectType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { neutraliseFormula } from '@district/ledger';

/**
 * How an operation's answer becomes a table: its rows are the first list in the operation (a page
 * of a connection, `nodes`, paged through by the exporter; or a plain list such as a ranking), its
 * columns every leaf field selected on a row, headed by the Chinese part of the schema's bilingual
 * descriptions (`community { name }` → 当前所属社区·名称). Values are the ones the caller was
 * answered, masked exactly as the API masks them.
 */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** response keys from the row down to the leaf */
  keys: string[];
  type: GraphQLNamedType;
}

export interface RowsTarget {
  /** response keys from the operation's root down to the list field */
  path: string[];
  field: FieldNode;
  parentType: GraphQLObjectType;
  /** a connection (nodes + pageInfo) is paged through; a plain list is taken whole */
  connection: boolean;
  itemType: GraphQLObjectType;
  itemSelection: SelectionSetNode;
}

/** The Chinese part of a bilingual description ("姓名 / name" → 姓名), or the fallback when there is none. */
export function chineseLabel(description: string | null | undefined, fallback: string): string {
  const first = (description ?? '').split(/\s*\/\s+/)[0].trim();
  return first && /[\u4e00-\u9fff]/.test(first) ? first.replace(/\s+/g, ' ') : fallback;
}

export const fragmentsOf = (doc: { definitions: readonly { kind: string }[] }) =>
  new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const),
  );

/** The fields of a selection set with its fragments spread in, in document order. */
export function fieldsOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(sel.selectionSet, fragments, seen));
    else if (!seen.has(sel.name.value)) {
      const frag = fragments.get(sel.name.value);
      if (frag) out.push(...fieldsOf(frag.selectionSet, fragments, new Set(seen).add(sel.name.value)));
    }
  }
  return out;
}

const unwrap = (type: GraphQLOutputType) => (isNonNullType(type) ? type.ofType : type);
const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!(type instanceof GraphQLObjectType)) return false;
  const fields = type.getFields();
  return !!fields.nodes && !!fields.pageInfo && isListType(unwrap(fields.nodes.type));
}

/** The first list of the operation (document order) that is not inside another list: the table's rows. */
export function findRows(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): RowsTarget | undefined {
  const search = (type: GraphQLObjectType, set: SelectionSetNode, path: string[]): RowsTarget | undefined => {
    for (const field of fieldsOf(set, fragments)) {
      const def = type.getFields()[field.name.value];
      if (!def || !field.selectionSet) continue;
      const named = getNamedType(def.type);
      const here = [...path, responseKey(field)];
      if (isListType(unwrap(def.type)) && named instanceof GraphQLObjectType) {
        return { path: here, field, parentType: type, connection: false, itemType: named, itemSelection: field.selectionSet };
      }
      if (isConnection(named)) {
        const nodes = fieldsOf(field.selectionSet, fragments).find((f) => f.name.value === 'nodes' && !f.alias);
        const itemType = getNamedType(named.getFields().nodes.type);
        if (nodes?.selectionSet && itemType instanceof GraphQLObjectType) {
          return { path: here, field, parentType: type, connection: true, itemType, itemSelection: nodes.selectionSet };
        }
      }
      if (named instanceof GraphQLObjectType) {
        const inner = search(named, field.selectionSet, here);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  const root = schema.getRootType(operation.operation);
  return root ? search(root, operation.selectionSet, []) : undefined;
}

/** Every leaf selected on a row, in document order, headed by its descriptions' Chinese. */
export function columnsOf(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  prefix: string[] = [],
  keys: string[] = [],
): Column[] {
  const out: Column[] = [];
  for (const field of fieldsOf(set, fragments)) {
    const def = type.getFields()[field.name.value];
    if (!def || field.name.value === '__typename') continue;
    const label = chineseLabel(def.description, responseKey(field));
    const named = getNamedType(def.type);
    const here = [...keys, responseKey(field)];
    if (isLeafType(named)) out.push({ header: [...prefix, label].join('·'), keys: here, type: named });
    else if (named instanceof GraphQLObjectType && field.selectionSet)
      out.push(...columnsOf(named, field.selectionSet, fragments, [...prefix, label], here));
  }
  // the same field twice (aliases with other arguments) keeps the analyst's name for it
  const seen = new Map<string, number>();
  for (const c of out) seen.set(c.header, (seen.get(c.header) ?? 0) + 1);
  return out.map((c) => (seen.get(c.header)! > 1 ? { ...c, header: `${c.header}（${c.keys.join('.')}）` } : c));
}

/** The values at a path; a list on the way yields every item's. */
function valuesAt(value: unknown, keys: string[]): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, keys));
  if (!keys.length) return [value];
  return valuesAt((value as Record<string, unknown>)[keys[0]], keys.slice(1));
}

/** A value as a person reads it: enums by their Chinese name, 是/否, text made safe from formula evaluation. */
function readable(type: GraphQLNamedType, value: unknown): string | number {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return value;
  if (isEnumType(type)) {
    const v = type.getValue(String(value));
    return chineseLabel(v?.description, String(value));
  }
  return String(value);
}

export function cellOf(row: unknown, column: Column): Cell {
  const values = valuesAt(row, column.keys).filter((v) => v !== null && v !== undefined);
  if (!values.length) return null;
  if (values.length === 1) {
    const v = readable(column.type, values[0]);
    return typeof v === 'number' ? v : neutraliseFormula(v);
  }
  return neutraliseFormula(values.map((v) => readable(column.type, v)).join('、'));
}

/** The rows of one page of the answer: the items of the list at the target's path. */
export function rowsAt(data: unknown, target: RowsTarget): unknown[] {
  let value = data;
  for (const key of target.path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (target.connection) value = value && typeof value === 'object' ? (value as { nodes?: unknown }).nodes : undefined;
  return Array.isArray(value) ? value : [];
}

/** The page information the exporter added to the connection (see paging.ts). */
export function pageInfoAt(
  data: unknown,
  target: RowsTarget,
  alias: string,
): { hasNextPage: boolean; endCursor: string | null } | undefined {
  let value = data;
  for (const key of target.path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value && typeof value === 'object'
    ? ((value as Record<string, unknown>)[alias] as { hasNextPage: boolean; endCursor: string | null })
    : undefined;
}
