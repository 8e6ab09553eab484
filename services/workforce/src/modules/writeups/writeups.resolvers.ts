import {
  and,
  byKey,
  eq,
  historyField,
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
import type { Resolvers, WriteupFilter } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { workerById } from '../workers/workers.resolvers';
import { Writeup } from './writeup.entity';
import { WRITEUP_RECORD } from './writeups.mutations';
import { writeupsCompleted } from './writeups.figures';

const WRITEUPS: ListSpec<Writeup> = {
  entity: Writeup,
  table: 'writeup',
  place: 'region_code',
  sortColumns: { ID: 't.number', COMPLETED_ON: 't.completed_on' },
  defaultOrder: 't.id',
};

function writeupList(ctx: RequestContext, prefix: string, args: ListArgs<WriteupFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    WRITEUPS,
    prefix,
    and(
      eq('t.kind', f.kind),
      f.completedFrom ? sql`${raw('t.completed_on')} >= ${f.completedFrom}::date` : undefined,
      f.completedTo ? sql`${raw('t.completed_on')} <= ${f.completedTo}::date` : undefined,
    ),
    args,
  );
}

export const writeupResolvers: Resolvers = {
  Query: {
    writeup: async (_, { id }, ctx) =>
      visible(ctx, await byKey<Writeup>(ctx, Writeup, 'id').load(await recordId(ctx, id)), (w) => w.regionCode),
    writeups: (_, args, ctx) => writeupList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    writeups: (r, args, ctx) => writeupList(ctx, listPrefix(ctx, r.code), args),
  },
  Writeup: {
    region: async (w, _, ctx) => (await regionByCode(ctx, w.regionCode))!,
    author: (w, _, ctx) => (w.authorId ? workerById(ctx, w.authorId) : null),
    history: historyField(WRITEUP_RECORD),
  },
  GovernanceFigures: {
    writeupsCompleted: (n, a, ctx) => yearOnYear(ctx, writeupsCompleted, a, n.code),
  },
};
