import { assertCanWrite, assertInRegionTree, audited, badInput, conflict, type RequestContext } from '@district/common';
import type { ProjectMode, ProjectStatus } from '../../vocabulary';
import { communityCodeInput, notFuture, optionalText, orgCodeInput, requiredText } from '../../validation';
import { SocialOrganization } from '../organizations/organization.entity';
import { ServiceProject } from './service-project.entity';

export interface RegisterInput {
  code: string;
  name: string;
  organizationCode: string;
  communityCode: string;
  category?: string | null;
  mode: ProjectMode;
  funding: number;
  approvedOn: string;
  status?: ProjectStatus | null;
}

export const projectMutations = {
  /** The project belongs to the community it serves, so that community's office may register it. */
  registerServiceProject: (_: unknown, args: { input: RegisterInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'registerServiceProject',
      args,
      async (em) => {
        const i = args.input;
        const communityCode = communityCodeInput(i.communityCode);
        assertCanWrite(ctx.caller, 'social-organizations', communityCode);
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const code = requiredText(i.code, 'code', '项目编号', 32);
        const org = await em.findOne(SocialOrganization, { code: orgCodeInput(i.organizationCode) });
        if (!org) throw badInput(`找不到承接组织 ${i.organizationCode} / no organisation ${i.organizationCode}`, 'organizationCode');
        const approvedOn = notFuture(i.approvedOn, 'approvedOn', '立项日期');
        if (org.deregisteredOn && org.deregisteredOn <= approvedOn)
          throw badInput(
            `承接组织已于${org.deregisteredOn}注销 / the organisation was deregistered on ${org.deregisteredOn}`,
            'organizationCode',
          );
        if (!Number.isFinite(i.funding) || i.funding < 0 || i.funding > 1e11)
          throw badInput('资金应为非负金额（元）/ funding must be a non-negative amount in yuan', 'funding');
        if (await em.count(ServiceProject, { code })) throw conflict(`项目编号 ${code} 已存在 / project ${code} already exists`);
        return em.create(ServiceProject, {
          code,
          name: requiredText(i.name, 'name', '项目名称'),
          organization: org,
          communityCode,
          category: optionalText(i.category, 'category', '项目类别', 50),
          mode: i.mode,
          funding: i.funding.toFixed(2),
          approvedOn,
          status: i.status ?? 'IN_PROGRESS',
        });
      },
      (p) => `SocialServiceProject:${p.code}`,
    ),
};
