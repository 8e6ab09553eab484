import { defaultFieldResolver, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { canSeePersonal, maskIdNumber, maskName, maskPhone } from '@district/common';
import type { RequestContext } from './context';

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
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'personal');
      if (!directive) {
        if (LOOKS_PERSONAL.test(field.name)) undeclared.push(`${type.name}.${field.name}`);
        continue;
      }
      const arg = directive.arguments?.find((a) => a.name.value === 'kind');
      const kind = arg && arg.value.kind === 'EnumValue' ? arg.value.value : 'NAME';
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
  if (undeclared.length) {
    throw new Error(`personal fields without @personal: ${undeclared.join(', ')}`);
  }
  return schema;
}
