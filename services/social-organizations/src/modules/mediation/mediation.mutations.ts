import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, globalId, inScope, normaliseCreditCode, notFound } from '@district/common';
import {
  assertKeyFree,
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  localNumberOf,
  nextNumber,
  notFuture,
  recordToChange,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectMediationCaseInput, MediationResult, MutationResolvers } from '../../generated/graphql';
import { MEDIATION_FIELD } from '../organizations/codes';
import { SocialOrganization } from '../organizations/organization.entity';
import { MediationCase, storedDisputeType } from './mediation-case.entity';

const DEPARTMENT = 'social-organizations';

type Stage = 'RECEIVED' | 'CLOSED';

/** 调解案件 received → closed (调解成功 or 调解不成功): one step, once. */
export const CASE_LOOP = defineLoop<Stage>({
  states: ['RECEIVED', 'CLOSED'],
  labels: { RECEIVED: '调解中', CLOSED: '已办结' },
  what: '调解案件',
});

const stageOf = (result: MediationResult): Stage => (result === 'IN_PROGRESS' ? 'RECEIVED' : 'CLOSED');

/** A case sits where its mediation organisation does. */
export const CASE_RECORD = defineRecord<MediationCase>({
  type: 'MediationCase',
  entity: MediationCase,
  label: ['调解案件', 'mediation case'],
  owner: DEPARTMENT,
  placeOf: () => null,
  locate: async (em, c) => (await em.findOne(SocialOrganization, { code: c.organizationCode }))?.regionCode,
  idOf: (c) => c.id,
});

/** A live mediation organisation of the district, open on the day (founded by it, not deregistered by it). */
async function mediator(ctx: RequestContext, em: EntityManager, code: string, field: string): Promise<SocialOrganization> {
  const org = await em.findOne(SocialOrganization, { code: normaliseCreditCode(code ?? '') });
  // an organisation outside the caller's region is answered as a missing one, before its name or field is told
  if (!org || !inScope(ctx.caller, org.regionCode)) throw notFound(`找不到调解组织 ${code} / no organization ${code}`, field);
  if (org.field !== MEDIATION_FIELD)
    throw badInput(`${org.name}不是矛盾纠纷调解组织 / the organization's service field is not dispute mediation`, field);
  return org;
}

/** A case's days: received when its organisation was open, closed with a result and not before it was received. */
function assertCaseDays(c: MediationCase, org: SocialOrganization): void {
  if (c.receivedOn < org.foundedOn)
    throw badInput(`受理日期早于调解组织成立日期 ${org.foundedOn} / received before the organisation was founded`, 'receivedOn');
  if (org.deregisteredOn && org.deregisteredOn <= c.receivedOn)
    throw badInput(`组织已于${org.deregisteredOn}注销 / the organization was deregistered on ${org.deregisteredOn}`, 'receivedOn');
  if ((c.result === 'IN_PROGRESS') !== !c.closedOn)
    throw badInput(
      '调解中的案件没有办结日期，办结的案件须有办结日期 / a case in progress has no closing day; a closed one has one',
      'closedOn',
    );
  if (c.closedOn && c.closedOn < c.receivedOn) throw badInput('办结日期早于受理日期 / closed before it was received', 'closedOn');
}

export const mediationMutations: MutationResolvers = {
  openMediationCase: (_, { input }, ctx) =>
    audited(
      ctx,
      'openMediationCase',
      input,
      async (em) => {
        const org = await mediator(ctx, em, input.organizationCode, 'organizationCode');
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        const receivedOn = eventDay(input.receivedOn, 'receivedOn', '受理日期', { day: org.foundedOn, after: '调解组织成立日期' });
        if (org.deregisteredOn && org.deregisteredOn <= receivedOn)
          throw badInput(
            `组织已于${org.deregisteredOn}注销 / the organization was deregistered on ${org.deregisteredOn}`,
            'organizationCode',
          );
        // a case belongs to its organisation's district; numbers follow the ledger's TJ<year><5 digits>
        const district = org.districtCode;
        const number = input.caseNumber
          ? localNumberOf(input.caseNumber, 'caseNumber', '案件编号')
          : await nextNumber(em, { table: 'mediation_case', column: 'number', district, prefix: `TJ${receivedOn.slice(0, 4)}`, width: 5 });
        const id = globalId(district, number);
        await assertKeyFree(em, MediationCase, { id }, 'caseNumber', `案件编号 ${number} `);
        return em.create(MediationCase, {
          id,
          districtCode: district,
          number,
          organizationCode: org.code,
          receivedOn,
          disputeType: storedDisputeType(input.disputeType),
          result: 'IN_PROGRESS',
          closedOn: null,
        });
      },
      (c) => `MediationCase:${c.id}`,
    ),

  closeMediationCase: (_, args, ctx) =>
    audited(
      ctx,
      'closeMediationCase',
      args,
      async (em) => {
        const found = await recordToChange(ctx, em, CASE_RECORD, args.caseNumber, 'caseNumber');
        assertStep(CASE_LOOP, stageOf(found.result), 'CLOSED');
        found.closedOn = eventDay(args.closedOn, 'closedOn', '办结日期', { day: found.receivedOn, after: '受理日期' });
        found.result = args.result;
        return found;
      },
      (c) => `MediationCase:${c.id}`,
    ),

  correctMediationCase: correction<MediationCase, CorrectMediationCaseInput, 'caseNumber'>(
    CASE_RECORD,
    async ({ ctx: c, em, row, change }, input) => {
      if (input.organizationCode) {
        const org = await mediator(c, em, input.organizationCode, 'organizationCode');
        if (org.districtCode !== row.districtCode)
          throw badInput('不能更正到其他区县的组织 / not an organisation of another district', 'organizationCode');
        assertCanWrite(c.caller, DEPARTMENT, org.regionCode);
        change.set(row, 'organizationCode', org.code);
      }
      if (input.receivedOn) change.set(row, 'receivedOn', notFuture(input.receivedOn, 'receivedOn', '受理日期'));
      if (input.disputeType) change.set(row, 'disputeType', storedDisputeType(input.disputeType));
      if (input.result) change.set(row, 'result', input.result);
      if (input.closedOn !== undefined)
        change.set(row, 'closedOn', input.closedOn === null ? null : notFuture(input.closedOn, 'closedOn', '办结日期'));
      assertCaseDays(row, await em.findOneOrFail(SocialOrganization, { code: row.organizationCode }));
    },
    'caseNumber',
  ),
  withdrawMediationCase: withdrawal(CASE_RECORD, { idArg: 'caseNumber' }),
};
