import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  raw,
  recordId,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, TalentPoolMemberFilter } from '../../generated/graphql';
import { personOf, personRefOf } from '../persons/persons';
import { regionByCode } from '../regions/regions.resolvers';
import { Worker } from '../workers/worker.entity';
import { TalentPoolMember } from './talent-pool-member.entity';
import { talentPoolEntered, talentPoolMembers } from './talent-pool.figures';
import { TALENT_POOL_RECORD } from './talent-pool.mutations';

const MEMBERS: ListSpec<TalentPoolMember> = {
  entity: TalentPoolMember,
  table: 'talent_pool_member',
  place: 'region_code',
  sortColumns: { ID: 't.number', ENTERED_ON: 't.entered_on', CATEGORY: 't.category' },
  defaultOrder: 't.id',
};

/** Members under a node; `activeOn` keeps those in the pool that day, as talentPoolMembers(asOf) counts them. */
function memberList(ctx: RequestContext, prefix: string, args: ListArgs<TalentPoolMemberFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    MEMBERS,
    prefix,
    and(
      eq('t.category', f.category),
      f.activeOn
        ? sql`${raw('t.entered_on')} <= ${f.activeOn}::date AND (t.left_on IS NULL OR t.left_on > ${f.activeOn}::date)`
        : undefined,
      f.enteredFrom ? sql`${raw('t.entered_on')} >= ${f.enteredFrom}::date` : undefined,
      f.enteredTo ? sql`${raw('t.entered_on')} <= ${f.enteredTo}::date` : undefined,
    ),
    args,
  );
}

/** The member's worker record when they are a community worker: the one in post if any, else the latest. */
async function workerOf(ctx: RequestContext, personId: string): Promise<Worker | null> {
  const mine = await rowsBy<Worker>(ctx, Worker, 'personId', { orderBy: { hiredOn: 'asc' } }).load(personId);
  return mine.find((w) => !w.leftOn) ?? mine[mine.length - 1] ?? null;
}

const person = async (ctx: RequestContext, m: TalentPoolMember) => (await personOf(ctx, m.personId))!;

export const talentPoolResolvers: Resolvers = {
  Query: {
    talentPoolMember: async (_, { id }, ctx) =>
      visible(ctx, await byKey<TalentPoolMember>(ctx, TalentPoolMember, 'id').load(await recordId(ctx, id)), (m) => m.regionCode),
    talentPoolMembers: (_, args, ctx) => memberList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    talentPoolMembers: (r, args, ctx) => memberList(ctx, listPrefix(ctx, r.code), args),
  },
  TalentPoolMember: {
    name: async (m, _, ctx) => (await person(ctx, m)).name,
    idNumber: async (m, _, ctx) => (await person(ctx, m)).idNumber,
    region: async (m, _, ctx) => (await regionByCode(ctx, m.regionCode))!,
    worker: async (m, _, ctx) => visible(ctx, await workerOf(ctx, m.personId), (w) => w.communityCode),
    person: (m, _, ctx) => personRefOf(ctx, m.personId),
    history: historyField(TALENT_POOL_RECORD),
  },
  GovernanceFigures: {
    talentPoolMembers: (n, a, ctx) => yearOnYear(ctx, talentPoolMembers, a, n.code),
    talentPoolEntered: (n, a, ctx) => yearOnYear(ctx, talentPoolEntered, a, n.code),
  },
};
