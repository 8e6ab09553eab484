import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  optionalText,
  recordId,
  recordToChange,
  regionCodeOf,
  transactionClient,
  wholeNumber,
  withdrawal,
  visible,
  newRecordKey,
} from '@district/subgraph-kit';
import type {
  CorrectCommunityElectionInput,
  CorrectElectionResultInput,
  ElectionCommittee,
  ElectionPost,
  MutationResolvers,
} from '../../generated/graphql';
import { Worker } from '../workers/worker.entity';
import { communityOf, optionalDay, sameDistrict } from '../shared/governance';
import { CommunityElection, ElectionResult } from './election.entity';
import { feedElectedPosts } from './elected-posts';

const DEPARTMENT = 'workforce';

export const ELECTION_RECORD = defineRecord<CommunityElection>({
  type: 'CommunityElection',
  entity: CommunityElection,
  label: ['社区换届', 'community election'],
  owner: DEPARTMENT,
  placeOf: (e) => e.communityCode,
  idOf: (e) => e.id,
  referencedBy: [{ table: 'election_result', column: 'election_id', label: ['当选结果', 'results'] }],
});

export const RESULT_RECORD = defineRecord<ElectionResult>({
  type: 'ElectionResult',
  entity: ElectionResult,
  label: ['当选结果', 'election result'],
  owner: DEPARTMENT,
  placeOf: (r) => r.communityCode,
  idOf: (r) => r.id,
  lookup: (_ctx, given) => ({ id: (given ?? '').trim() }),
});

const seats = (v: number | null | undefined, field: string) => (v === undefined || v === null ? v : wholeNumber(v, field, '职数', 0, 30));

/** A post belongs to its committee: a Party committee's secretary, a residents' or supervisory committee's director. */
export function assertPostFits(committee: ElectionCommittee, post: ElectionPost): void {
  const fits =
    post === 'MEMBER' ||
    (committee === 'PARTY' && (post === 'SECRETARY' || post === 'DEPUTY_SECRETARY')) ||
    (committee !== 'PARTY' && (post === 'DIRECTOR' || post === 'DEPUTY_DIRECTOR'));
  if (!fits) throw badInput('职务与委员会不符 / the post is not one of that committee', 'post');
}

/** After any change to an election or its results, the workers' posts follow (elected-posts.ts). */
async function feed(em: EntityManager, election: CommunityElection): Promise<void> {
  await em.flush();
  await feedElectedPosts(transactionClient(em), [election.id]);
}

export const electionMutations: MutationResolvers = {
  holdCommunityElection: (_, { input }, ctx) =>
    audited(
      ctx,
      'holdCommunityElection',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = communityCode.slice(0, 6);
        const heldOn = eventDay(input.heldOn, 'heldOn', '选举日期');
        const { id, number } = await newRecordKey(em, CommunityElection, {
          given: input.id,
          label: '换届编号',
          table: 'community_election',
          district,
          prefix: `HJ${heldOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(CommunityElection, {
          id,
          districtCode: district,
          number,
          communityCode,
          term: optionalText(input.term, 'term', '届次', 30),
          heldOn,
          completedOn: null,
          partySeats: seats(input.partySeats, 'partySeats') ?? 0,
          residentsSeats: seats(input.residentsSeats, 'residentsSeats') ?? 0,
          supervisorySeats: seats(input.supervisorySeats, 'supervisorySeats') ?? 0,
        });
      },
      (e) => `CommunityElection:${e.id}`,
    ),
  completeCommunityElection: (_, args, ctx) =>
    audited(
      ctx,
      'completeCommunityElection',
      args,
      async (em) => {
        const e = await recordToChange(ctx, em, ELECTION_RECORD, args.id);
        if (e.completedOn) throw conflict(`该换届已于${e.completedOn}完成 / the election was completed on ${e.completedOn}`, 'id');
        e.completedOn = eventDay(args.completedOn, 'completedOn', '换届完成日期', { day: e.heldOn, after: '选举日期' });
        await feed(em, e);
        return e;
      },
      (e) => `CommunityElection:${e.id}`,
    ),
  correctCommunityElection: correction<CommunityElection, CorrectCommunityElectionInput>(
    ELECTION_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.communityCode) {
        const code = sameDistrict(await communityOf(em, input.communityCode, 'communityCode'), row.districtCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, code);
        change.set(row, 'communityCode', code);
        for (const r of await em.find(ElectionResult, { electionId: row.id })) r.communityCode = code;
      }
      if (input.term !== undefined) change.set(row, 'term', optionalText(input.term, 'term', '届次', 30));
      if (input.heldOn) change.set(row, 'heldOn', optionalDay(input.heldOn, 'heldOn', '选举日期')!);
      if (input.completedOn !== undefined) change.set(row, 'completedOn', optionalDay(input.completedOn, 'completedOn', '换届完成日期'));
      change.set(row, 'partySeats', seats(input.partySeats, 'partySeats') ?? undefined);
      change.set(row, 'residentsSeats', seats(input.residentsSeats, 'residentsSeats') ?? undefined);
      change.set(row, 'supervisorySeats', seats(input.supervisorySeats, 'supervisorySeats') ?? undefined);
      if (row.completedOn && row.completedOn < row.heldOn)
        throw badInput('换届完成日期早于选举日期 / completed before it was held', 'completedOn');
      await feed(em, row);
    },
  ),
  withdrawCommunityElection: withdrawal(ELECTION_RECORD, { after: ({ em, row }) => feed(em, row) }),

  recordElectionResult: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordElectionResult',
      input,
      async (em) => {
        const election = await recordToChange(ctx, em, ELECTION_RECORD, input.electionId, 'electionId');
        assertPostFits(input.committee, input.post);
        // a worker outside the caller's region is answered as a missing one
        const worker = visible(
          ctx,
          await em.findOne(Worker, { id: await recordId(ctx, input.workerId, 'workerId') }),
          (w) => w.communityCode,
        );
        if (!worker || worker.districtCode !== election.districtCode)
          throw badInput(`社区工作者不存在：${input.workerId} / no such worker`, 'workerId');
        if (worker.leftOn && worker.leftOn <= (election.completedOn ?? election.heldOn))
          throw badInput('该工作人员已离职 / the worker had left by then', 'workerId');
        const id = `${election.id}:${input.committee}:${worker.staffNumber}`;
        await assertKeyFree(em, ElectionResult, { id }, 'workerId', '该工作人员在该委员会的当选结果');
        const taken =
          input.post !== 'MEMBER' &&
          (await em.findOne(ElectionResult, { electionId: election.id, committee: input.committee, post: input.post }));
        if (taken) throw conflict(`该职务已有当选人 ${taken.workerId} / the post is already filled`, 'post');
        const result = em.create(ElectionResult, {
          id,
          districtCode: election.districtCode,
          electionId: election.id,
          communityCode: election.communityCode,
          committee: input.committee,
          post: input.post,
          workerId: worker.id,
        });
        await feed(em, election);
        return result;
      },
      (r) => `ElectionResult:${r.id}`,
    ),
  correctElectionResult: correction<ElectionResult, CorrectElectionResultInput>(RESULT_RECORD, async ({ em, row, change }, input) => {
    if (input.post) {
      assertPostFits(row.committee, input.post);
      change.set(row, 'post', input.post);
      await feed(em, await em.findOneOrFail(CommunityElection, { id: row.electionId }));
    }
  }),
  withdrawElectionResult: withdrawal(RESULT_RECORD, {
    after: async ({ em, row }) => feed(em, await em.findOneOrFail(CommunityElection, { id: row.electionId })),
  }),
};
