import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf, globalId, normaliseCreditCode } from '@district/common';
import {
  amountOf,
  assertInRegionTree,
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
  optionalText,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
} from '@district/subgraph-kit';
import type { CorrectServiceProjectInput, MutationResolvers, SocialProjectStatus } from '../../generated/graphql';
import { SocialOrganization } from '../organizations/organization.entity';
import { ServiceProject } from './service-project.entity';

const DEPARTMENT = 'social-organizations';

/** A project sits in the community it serves. */
export const PROJECT_RECORD = defineRecord<ServiceProject>({
  type: 'SocialServiceProject',
  entity: ServiceProject,
  label: ['服务项目', 'service project'],
  owner: DEPARTMENT,
  placeOf: (p) => p.communityCode,
  referencedBy: [{ table: 'project_milestone', column: 'project_id', label: ['项目节点', 'milestones'] }],
  idOf: (p) => p.id,
});

/** 项目 in progress → completed, once. */
export const PROJECT_LOOP = defineLoop<SocialProjectStatus>({
  states: ['IN_PROGRESS', 'COMPLETED'],
  labels: { IN_PROGRESS: '实施中', COMPLETED: '已结项' },
  what: '服务项目',
});

/** The organisation carrying a project out: of the project's district. */
async function carrier(em: EntityManager, code: string, district: string): Promise<SocialOrganization> {
  const org = await em.findOne(SocialOrganization, { code: normaliseCreditCode(code ?? ''), districtCode: district });
  if (!org) throw badInput(`本区县没有承接组织 ${code} / no organization ${code} in district ${district}`, 'organizationCode');
  return org;
}

/** A project is approved while its organisation exists (founded by then, not deregistered), and completed after approval. */
function assertProjectDays(p: ServiceProject, org: SocialOrganization): void {
  if (p.approvedOn < org.foundedOn) {
    throw badInput(`立项日期早于承接组织成立日期 ${org.foundedOn} / approved before the organisation was founded`, 'approvedOn');
  }
  if (org.deregisteredOn && org.deregisteredOn <= p.approvedOn) {
    throw badInput(
      `承接组织已于${org.deregisteredOn}注销 / the organization was deregistered on ${org.deregisteredOn}`,
      'organizationCode',
    );
  }
  if (p.appliedOn && p.appliedOn > p.approvedOn) throw badInput('申报日期晚于立项日期 / applied after it was approved', 'appliedOn');
  if (p.completedOn && p.completedOn < p.approvedOn)
    throw badInput('结项日期早于立项日期 / completed before it was approved', 'completedOn');
  if (p.completedOn && p.status !== 'COMPLETED')
    throw badInput('实施中的项目没有结项日期 / a project in progress has no completion day', 'completedOn');
}

export const projectMutations: MutationResolvers = {
  /**
   * The project belongs to the community it serves, so that community's office may register it; the
   * organisation carrying it out is one of the same district's, existing on the day of approval.
   */
  registerServiceProject: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerServiceProject',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const name = requiredText(input.name, 'name', '项目名称');
        const org = await carrier(em, input.organizationCode, district);
        const approvedOn = notFuture(input.approvedOn, 'approvedOn', '立项日期');
        const funding = amountOf(input.funding, 'funding', '资金');
        const status = input.status ?? 'IN_PROGRESS';
        // numbers follow the ledger's XM<year><3 digits>, continuing the year's highest in the district
        const number = input.code
          ? localNumberOf(input.code, 'code', '项目编号')
          : await nextNumber(em, { table: 'service_project', column: 'number', district, prefix: `XM${approvedOn.slice(0, 4)}`, width: 3 });
        const id = globalId(district, number);
        const project = {
          id,
          districtCode: district,
          number,
          name,
          organizationCode: org.code,
          communityCode,
          category: optionalText(input.category, 'category', '项目类别', 50),
          mode: input.mode,
          categoryKind: input.categoryKind ?? null,
          fundingSource: input.fundingSource ?? null,
          appliedOn: input.appliedOn ? notFuture(input.appliedOn, 'appliedOn', '申报日期') : null,
          funding: funding.toFixed(2),
          approvedOn,
          status,
          completedOn: null,
        };
        assertProjectDays(project as ServiceProject, org);
        await assertKeyFree(em, ServiceProject, { id }, 'code', `项目编号 ${number} `);
        return em.create(ServiceProject, project);
      },
      (p) => `SocialServiceProject:${p.id}`,
    ),

  completeServiceProject: (_, args, ctx) =>
    audited(
      ctx,
      'completeServiceProject',
      args,
      async (em) => {
        const project = await recordToChange(ctx, em, PROJECT_RECORD, args.code, 'code');
        assertStep(PROJECT_LOOP, project.status, 'COMPLETED');
        project.completedOn = eventDay(args.completedOn, 'completedOn', '结项日期', { day: project.approvedOn, after: '立项日期' });
        project.status = 'COMPLETED';
        return project;
      },
      (p) => `SocialServiceProject:${p.id}`,
    ),

  correctServiceProject: correction<ServiceProject, CorrectServiceProjectInput, 'code'>(
    PROJECT_RECORD,
    async ({ ctx: c, em, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '项目名称'));
      if (input.organizationCode) change.set(row, 'organizationCode', (await carrier(em, input.organizationCode, row.districtCode)).code);
      if (input.communityCode) {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        if (districtOf(communityCode) !== row.districtCode)
          throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
        await assertInRegionTree(c, 'regions', communityCode, 'communityCode');
        change.set(row, 'communityCode', communityCode);
      }
      if (input.category !== undefined) change.set(row, 'category', optionalText(input.category, 'category', '项目类别', 50));
      if (input.mode) change.set(row, 'mode', input.mode);
      if (input.categoryKind !== undefined) change.set(row, 'categoryKind', input.categoryKind);
      if (input.fundingSource !== undefined) change.set(row, 'fundingSource', input.fundingSource);
      if (input.appliedOn !== undefined)
        change.set(row, 'appliedOn', input.appliedOn === null ? null : notFuture(input.appliedOn, 'appliedOn', '申报日期'));
      if (input.funding !== undefined && input.funding !== null)
        change.set(row, 'funding', amountOf(input.funding, 'funding', '资金').toFixed(2));
      if (input.approvedOn) change.set(row, 'approvedOn', notFuture(input.approvedOn, 'approvedOn', '立项日期'));
      if (input.status) change.set(row, 'status', input.status);
      if (input.completedOn !== undefined)
        change.set(row, 'completedOn', input.completedOn === null ? null : notFuture(input.completedOn, 'completedOn', '结项日期'));
      assertProjectDays(row, await em.findOneOrFail(SocialOrganization, { code: row.organizationCode }));
    },
    'code',
  ),
  withdrawServiceProject: withdrawal(PROJECT_RECORD, { idArg: 'code' }),
};
