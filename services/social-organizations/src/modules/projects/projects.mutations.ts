import { assertCanWrite, badInput, conflict, districtOf, globalId, normaliseCreditCode } from '@district/common';
import {
  amountOf,
  assertInRegionTree,
  audited,
  localNumberOf,
  nextNumber,
  notFuture,
  optionalText,
  regionCodeOf,
  requiredText,
} from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { SocialOrganization } from '../organizations/organization.entity';
import { ServiceProject } from './service-project.entity';

export const projectMutations: MutationResolvers = {
  /**
   * The project belongs to the community it serves, so that community's office may register it; the
   * organisation carrying it out is one of the same district's.
   */
  registerServiceProject: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerServiceProject',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, 'social-organizations', communityCode);
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const name = requiredText(input.name, 'name', '项目名称');
        const org = await em.findOne(SocialOrganization, {
          code: normaliseCreditCode(input.organizationCode ?? ''),
          districtCode: district,
        });
        if (!org)
          throw badInput(
            `本区县没有承接组织 ${input.organizationCode} / no organization ${input.organizationCode} in district ${district}`,
            'organizationCode',
          );
        const approvedOn = notFuture(input.approvedOn, 'approvedOn', '立项日期');
        if (org.deregisteredOn && org.deregisteredOn <= approvedOn)
          throw badInput(
            `承接组织已于${org.deregisteredOn}注销 / the organization was deregistered on ${org.deregisteredOn}`,
            'organizationCode',
          );
        const funding = amountOf(input.funding, 'funding', '资金');
        // numbers follow the ledger's XM<year><3 digits>, continuing the year's highest in the district
        const number = input.code
          ? localNumberOf(input.code, 'code', '项目编号')
          : await nextNumber(em, { table: 'service_project', column: 'number', district, prefix: `XM${approvedOn.slice(0, 4)}`, width: 3 });
        const id = globalId(district, number);
        if (await em.findOne(ServiceProject, { id }))
          throw conflict(`项目编号 ${number} 已存在 / project ${number} already exists`, 'code');
        return em.create(ServiceProject, {
          id,
          districtCode: district,
          number,
          name,
          organizationCode: org.code,
          communityCode,
          category: optionalText(input.category, 'category', '项目类别', 50),
          mode: input.mode,
          funding: funding.toFixed(2),
          approvedOn,
          status: input.status ?? 'IN_PROGRESS',
        });
      },
      (p) => `SocialServiceProject:${p.id}`,
    ),
};
