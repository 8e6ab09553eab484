import { assertCanWrite, badInput, conflict, globalId, normaliseCreditCode, notFound } from '@district/common';
import { assertStep, audited, defineLoop, eventDay, localNumberOf, nextNumber, recordId } from '@district/subgraph-kit';
import type { MediationResult, MutationResolvers } from '../../generated/graphql';
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

export const mediationMutations: MutationResolvers = {
  openMediationCase: (_, { input }, ctx) =>
    audited(
      ctx,
      'openMediationCase',
      input,
      async (em) => {
        const org = await em.findOne(SocialOrganization, { code: normaliseCreditCode(input.organizationCode ?? '') });
        if (!org)
          throw notFound(`找不到调解组织 ${input.organizationCode} / no organization ${input.organizationCode}`, 'organizationCode');
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        if (org.field !== MEDIATION_FIELD)
          throw badInput(`${org.name}不是矛盾纠纷调解组织 / the organization's service field is not dispute mediation`, 'organizationCode');
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
        if (await em.findOne(MediationCase, { id }))
          throw conflict(`案件编号 ${number} 已存在 / case ${number} already exists`, 'caseNumber');
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
        const found = await em.findOne(MediationCase, { id: await recordId(ctx, args.caseNumber, 'caseNumber') });
        if (!found) throw notFound(`找不到案件 ${args.caseNumber} / no case ${args.caseNumber}`, 'caseNumber');
        const org = await em.findOneOrFail(SocialOrganization, { code: found.organizationCode });
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        assertStep(CASE_LOOP, stageOf(found.result), 'CLOSED');
        found.closedOn = eventDay(args.closedOn, 'closedOn', '办结日期', { day: found.receivedOn, after: '受理日期' });
        found.result = args.result;
        return found;
      },
      (c) => `MediationCase:${c.id}`,
    ),
};
