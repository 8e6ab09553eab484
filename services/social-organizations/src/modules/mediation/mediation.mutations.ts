import { assertCanWrite, audited, badInput, conflict, notFound, type RequestContext } from '@district/common';
import { MEDIATION_FIELD, type DisputeType } from '../../vocabulary';
import { notFuture, requiredText } from '../../validation';
import { organizationToChange } from '../organizations/organizations.mutations';
import { MediationCase } from './mediation-case.entity';

export interface OpenInput {
  caseNumber: string;
  organizationCode: string;
  receivedOn: string;
  disputeType: DisputeType;
}

export const mediationMutations = {
  openMediationCase: (_: unknown, args: { input: OpenInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'openMediationCase',
      args,
      async (em) => {
        const i = args.input;
        const caseNumber = requiredText(i.caseNumber, 'caseNumber', '案件编号', 32);
        const org = await organizationToChange(ctx, em, i.organizationCode, 'organizationCode');
        if (org.field !== MEDIATION_FIELD)
          throw badInput(`${org.name}不是矛盾纠纷调解组织 / the organisation's service field is not dispute mediation`, 'organizationCode');
        const receivedOn = notFuture(i.receivedOn, 'receivedOn', '受理日期');
        if (receivedOn < org.foundedOn)
          throw badInput(`受理日期早于组织成立日期 ${org.foundedOn} / receivedOn is before the organisation was founded`, 'receivedOn');
        if (org.deregisteredOn && org.deregisteredOn <= receivedOn)
          throw badInput(
            `组织已于${org.deregisteredOn}注销 / the organisation was deregistered on ${org.deregisteredOn}`,
            'organizationCode',
          );
        if (await em.count(MediationCase, { caseNumber }))
          throw conflict(`案件编号 ${caseNumber} 已存在 / case ${caseNumber} already exists`);
        return em.create(MediationCase, {
          caseNumber,
          organization: org,
          receivedOn,
          disputeType: i.disputeType,
          result: 'IN_PROGRESS',
          closedOn: null,
        });
      },
      (c) => `MediationCase:${c.caseNumber}`,
    ),

  closeMediationCase: (
    _: unknown,
    args: { caseNumber: string; result: 'RESOLVED' | 'UNRESOLVED'; closedOn: string },
    ctx: RequestContext,
  ) =>
    audited(
      ctx,
      'closeMediationCase',
      args,
      async (em) => {
        const found = await em.findOne(MediationCase, { caseNumber: args.caseNumber.trim() }, { populate: ['organization'] });
        if (!found) throw notFound(`找不到案件 ${args.caseNumber} / no case ${args.caseNumber}`);
        assertCanWrite(ctx.caller, 'social-organizations', found.organization.regionCode);
        if (found.result !== 'IN_PROGRESS') throw conflict(`案件已于${found.closedOn}办结 / the case was closed on ${found.closedOn}`);
        const closedOn = notFuture(args.closedOn, 'closedOn', '办结日期');
        if (closedOn < found.receivedOn)
          throw badInput(`办结日期早于受理日期 ${found.receivedOn} / closedOn is before receivedOn`, 'closedOn');
        found.result = args.result;
        found.closedOn = closedOn;
        return found;
      },
      (c) => `MediationCase:${c.caseNumber}`,
    ),
};
