import { canSeePersonal, maskName } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  inList,
  listPrefix,
  listUnder,
  raw,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { RecognitionFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { LEVEL_ORDER, Recognition } from './recognition.entity';
import { RECOGNITION_RECORD } from './recognitions.mutations';
import { recognitionsGranted, recognitionsHeld } from './recognitions.figures';

const RECOGNITIONS: ListSpec<Recognition> = {
  entity: Recognition,
  table: 'recognition',
  place: 'region_code',
  sortColumns: {
    ID: 't.number',
    GRANTED_ON: 't.granted_on',
    LEVEL: `array_position(ARRAY['STREET','DISTRICT','CITY','PROVINCIAL','NATIONAL'], t.level)`,
  },
  defaultOrder: 't.id',
};

function recognitionList(ctx: RequestContext, prefix: string, args: ListArgs<RecognitionFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    RECOGNITIONS,
    prefix,
    and(
      eq('t.kind', f.kind),
      eq('t.level', f.level),
      f.minLevel ? inList('t.level', LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(f.minLevel))) : undefined,
      eq('t.holder_type', f.holderType),
      eq('t.rank', f.rank),
      eq('t.holder_id', f.holderId),
      f.grantedFrom ? sql`${raw('t.granted_on')} >= ${f.grantedFrom}::date` : undefined,
      f.grantedTo ? sql`${raw('t.granted_on')} <= ${f.grantedTo}::date` : undefined,
    ),
    args,
  );
}

export const recognitionResolvers: Resolvers = {
  Query: {
    recognition: async (_, { id }, ctx) =>
      visible(ctx, await byKey<Recognition>(ctx, Recognition, 'id').load(await recordId(ctx, id)), (r) => r.regionCode),
    recognitions: (_, args, ctx) => recognitionList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    recognitions: (r, args, ctx) => recognitionList(ctx, listPrefix(ctx, r.code), args),
  },
  Recognition: {
    // a person's name is personal data; a community's, project's or team's is not
    holderName: (r, _, ctx) => {
      if (r.holderType !== 'PERSON') return r.holderName;
      if (!canSeePersonal(ctx.caller, ctx.service, r.regionCode)) return maskName(r.holderName);
      ctx.personalReads.push({ field: 'Recognition.holderName', record: `Recognition:${r.id}` });
      return r.holderName;
    },
    region: async (r, _, ctx) => (await regionByCode(ctx, r.regionCode))!,
    history: historyField(RECOGNITION_RECORD),
  },
  GovernanceFigures: {
    recognitionsGranted: (n, a, ctx) => yearOnYear(ctx, recognitionsGranted, a, n.code),
    recognitionsHeld: (n, a, ctx) => yearOnYear(ctx, recognitionsHeld, a, n.code),
  },
};
