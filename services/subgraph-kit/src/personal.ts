import {
  defaultFieldResolver,
  getNamedType,
  GraphQLObjectType,
  isInputObjectType,
  type ConstDirectiveNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { canSeePersonal, maskIdNumber, maskName, maskPersonalText, maskPhone } from '@district/common';
import type { RequestContext } from './context';
import { hasUnprintable } from './input';

/**
 * Personal data is declared in each subgraph's SDL with `@personal(kind: ...)` and enforced here,
 * once, for every field that carries it: masked unless the caller's role and region allow it, and
 * each unmasked read queued for the audit trail. A field that looks personal but lacks the directive
 * stops the subgraph from starting, so a new field cannot forget it.
 */
const MASKERS: Record<string, (v: string) => string> = {
  ID_NUMBER: maskIdNumber,
  PHONE: maskPhone,
  NAME: maskName,
};

const LOOKS_PERSONAL = /(idNumber|idCard|phone|mobile)$/i;

/** The kind a `@personal(kind: …)` directive names, or null without one. */
function personalKind(directives: readonly ConstDirectiveNode[] | undefined): string | null {
  const directive = directives?.find((d) => d.name.value === 'personal');
  if (!directive) return null;
  const arg = directive.arguments?.find((a) => a.name.value === 'kind');
  return arg && arg.value.kind === 'EnumValue' ? arg.value.value : 'NAME';
}

/** Parents of personal fields expose where the record lives and what it is called. */
interface PersonalParent {
  regionCode?: string | null;
  communityCode?: string | null;
  id?: string | number;
  code?: string;
}

export function enforcePersonalData(schema: GraphQLSchema): GraphQLSchema {
  const undeclared: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args)
        if (!personalKind(arg.astNode?.directives) && LOOKS_PERSONAL.test(arg.name))
          undeclared.push(`${type.name}.${field.name}(${arg.name})`);
      const kind = personalKind(field.astNode?.directives);
      if (!kind) {
        if (LOOKS_PERSONAL.test(field.name)) undeclared.push(`${type.name}.${field.name}`);
        continue;
      }
      const mask = MASKERS[kind];
      const inner = field.resolve ?? defaultFieldResolver;
      const label = `${type.name}.${field.name}`;
      field.resolve = async (parent: PersonalParent, args, ctx: RequestContext, info) => {
        const value = await inner(parent, args, ctx, info);
        if (value === null || value === undefined || value === '') return value;
        const region = parent.regionCode ?? parent.communityCode ?? null;
        if (!canSeePersonal(ctx.caller, ctx.service, region)) return mask(String(value));
        ctx.personalReads.push({ field: label, record: `${type.name}:${parent.id ?? parent.code ?? '?'}` });
        return value;
      };
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields()))
      if (!personalKind(field.astNode?.directives) && LOOKS_PERSONAL.test(field.name)) undeclared.push(`${type.name}.${field.name}`);
  }
  if (undeclared.length) {
    throw new Error(`personal fields without @personal: ${undeclared.join(', ')}`);
  }
  return schema;
}

/** Masks of one mutation's inputs: argument or input-field name → how to mask its values. */
type Masks = Map<string, (v: string) => string>;

function collectMasks(inputs: readonly (GraphQLArgument | GraphQLInputField)[], into: Masks, seen: Set<string>): void {
  for (const input of inputs) {
    const kind = personalKind(input.astNode?.directives);
    if (kind) into.set(input.name, MASKERS[kind]);
    const named = getNamedType(input.type);
    if (isInputObjectType(named) && !seen.has(named.name)) {
      seen.add(named.name);
      collectMasks(Object.values(named.getFields()), into, seen);
    }
  }
}

/**
 * A copy of `value` safe to store: masked where `masks` says, phone- and ID-number-shaped parts of
 * any other text masked, unprintable or very long text replaced.
 */
function maskValue(value: unknown, masks: Masks, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v, masks, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskValue(v, masks, k)]));
  }
  if (typeof value === 'string') {
    const mask = masks.get(key);
    if (mask) return mask(value);
    // jsonb cannot hold NUL or lone surrogates: the audit row must be written whatever was typed
    if (hasUnprintable(value)) return '[含不可见字符 / unprintable text]';
    // free text (a reason, a note) may hold a phone or ID number typed into it: masked wherever it sits
    const text = maskPersonalText(value);
    if (text.length > 500) return `${text.slice(0, 500)}…`;
    return text;
  }
  return value;
}

/**
 * What the audit trail keeps of a mutation's arguments, derived from the schema: every argument and
 * input field marked `@personal` is masked, wherever the mutation passes it (its whole arguments or
 * one input object). An operation the schema does not name is masked by every personal input of the
 * schema's mutations: more than needed, never less.
 */
export function auditMasksOf(schema: GraphQLSchema): (operation: string, args: unknown) => unknown {
  const byOperation = new Map<string, Masks>();
  const all: Masks = new Map();
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const masks: Masks = new Map();
    collectMasks(field.args, masks, new Set());
    byOperation.set(field.name, masks);
    for (const [k, m] of masks) all.set(k, m);
  }
  return (operation, args) => maskValue(args, byOperation.get(operation) ?? all);
}
