import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertCanWrite,
  badInput,
  conflict,
  districtOf,
  maskName,
  normaliseCreditCode,
  notFound,
  streetOf,
  todayInChina,
} from '@district/common';
import {
  assertInRegionTree,
  assertStep,
  audited,
  creditCodeOf,
  defineLoop,
  notFuture,
  optionalText,
  regionCodeOf,
  requiredText,
  wholeNumber,
  type RequestContext,
} from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { creditCodeTypeProblem, filingNumberProblem, isRegisteredType } from './codes';
import { levelOf } from './evaluation';
import { SocialOrganization } from './organization.entity';

const DEPARTMENT = 'social-organizations';

type Stage = 'ACTIVE' | 'DEREGISTERED';

/** An organisation is active until deregistered, once; it then stays with its history. */
export const ORGANIZATION_LOOP = defineLoop<Stage>({
  states: ['ACTIVE', 'DEREGISTERED'],
  labels: { ACTIVE: '正常', DEREGISTERED: '注销' },
  what: '社会组织',
});

/**
 * The arguments as the audit trail keeps them. The kit masks personal values by key (idNumber, phone,
 * name); a legal representative is a person's name under another key, so it is masked here first.
 */
const auditArgs = <T extends { legalRepresentative?: string | null }>(input: T) => ({
  input: { ...input, legalRepresentative: input.legalRepresentative ? maskName(input.legalRepresentative) : input.legalRepresentative },
});

async function assertNew(em: EntityManager, code: string, field: string) {
  if (await em.findOne(SocialOrganization, { code })) throw conflict(`${code} 已存在 / ${field} ${code} already exists`, field);
}

/** An organisation the caller may change, by its credit code or filing number. */
export async function organizationToChange(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  field = 'code',
): Promise<SocialOrganization> {
  const org = await em.findOne(SocialOrganization, { code: normaliseCreditCode(given ?? '') });
  if (!org) throw notFound(`找不到组织 ${given} / no organization ${given}`, field);
  assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
  return org;
}

/** A registered organisation the caller may change: only those are inspected and graded. */
export async function registeredToChange(ctx: RequestContext, em: EntityManager, creditCode: string): Promise<SocialOrganization> {
  const org = await organizationToChange(ctx, em, creditCode, 'creditCode');
  if (!isRegisteredType(org.orgType))
    throw badInput(
      `${org.code} 是备案的社区社会组织，不参加年检和评估 / a filed community organization has no inspections or grades`,
      'creditCode',
    );
  return org;
}

/** A year of an organisation's life: from its founding year to this year. */
export const yearOfOrganization = (org: SocialOrganization, year: number, field = 'year') =>
  wholeNumber(year, field, '年度', Number(org.foundedOn.slice(0, 4)), Number(todayInChina().slice(0, 4)));

export const organizationMutations: MutationResolvers = {
  registerOrganization: (_, { input: i }, ctx) =>
    audited(
      ctx,
      'registerOrganization',
      auditArgs(i),
      async (em) => {
        if (!isRegisteredType(i.type))
          throw badInput('社区社会组织请用备案 / file a community organization with fileCommunityOrganization', 'type');
        const code = creditCodeOf(i.creditCode, 'creditCode');
        const typeProblem = creditCodeTypeProblem(code, i.type);
        if (typeProblem) throw badInput(`统一社会信用代码无效：${typeProblem} / invalid unified social credit code`, 'creditCode');
        const streetCode = regionCodeOf(i.streetCode, 'streetCode', ['STREET']);
        const communityCode = i.communityCode ? regionCodeOf(i.communityCode, 'communityCode') : null;
        if (communityCode && streetOf(communityCode) !== streetCode)
          throw badInput(`社区不属于该街道 / communityCode is not in street ${streetCode}`, 'communityCode');
        const regionCode = communityCode ?? streetCode;
        const org = {
          code,
          districtCode: districtOf(streetCode),
          name: requiredText(i.name, 'name', '名称'),
          orgType: i.type,
          field: i.field,
          registrationAuthority: optionalText(i.registrationAuthority, 'registrationAuthority', '登记管理机关'),
          supervisingUnit: optionalText(i.supervisingUnit, 'supervisingUnit', '业务主管单位'),
          foundedOn: notFuture(i.foundedOn, 'foundedOn', '成立日期'),
          streetCode,
          communityCode,
          regionCode,
          legalRepresentative: optionalText(i.legalRepresentative, 'legalRepresentative', '法定代表人', 50),
        };
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        await assertInRegionTree(ctx, 'regions', streetCode, 'streetCode');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        await assertNew(em, code, 'creditCode');
        return em.create(SocialOrganization, org);
      },
      (o) => `RegisteredOrganization:${o.code}`,
    ),

  fileCommunityOrganization: (_, { input: i }, ctx) =>
    audited(
      ctx,
      'fileCommunityOrganization',
      auditArgs(i),
      async (em) => {
        const communityCode = regionCodeOf(i.communityCode, 'communityCode');
        const streetCode = streetOf(communityCode);
        const code = normaliseCreditCode(i.filingNumber ?? '');
        const problem = filingNumberProblem(code, streetCode);
        if (problem) throw badInput(`备案编号无效：${problem} / invalid filing number`, 'filingNumber');
        const org = {
          code,
          districtCode: districtOf(communityCode),
          name: requiredText(i.name, 'name', '名称'),
          orgType: 'COMMUNITY' as const,
          field: i.field,
          registrationAuthority: optionalText(i.registrationAuthority, 'registrationAuthority', '备案机关'),
          foundedOn: notFuture(i.foundedOn, 'foundedOn', '成立日期'),
          streetCode,
          communityCode,
          regionCode: communityCode,
          legalRepresentative: optionalText(i.legalRepresentative, 'legalRepresentative', '负责人', 50),
        };
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        await assertNew(em, code, 'filingNumber');
        return em.create(SocialOrganization, org);
      },
      (o) => `CommunityOrganization:${o.code}`,
    ),

  deregisterOrganization: (_, args, ctx) =>
    audited(
      ctx,
      'deregisterOrganization',
      args,
      async (em) => {
        const org = await organizationToChange(ctx, em, args.code);
        assertStep(ORGANIZATION_LOOP, org.deregisteredOn ? 'DEREGISTERED' : 'ACTIVE', 'DEREGISTERED');
        const on = notFuture(args.deregisteredOn, 'deregisteredOn', '注销日期');
        if (on < org.foundedOn)
          throw badInput(`注销日期早于成立日期 ${org.foundedOn} / deregisteredOn is before the founding date`, 'deregisteredOn');
        org.deregisteredOn = on;
        org.deregistrationReason = optionalText(args.reason, 'reason', '注销原因', 500);
        return org;
      },
      (o) => `SocialOrganization:${o.code}`,
    ),

  recordGrade: (_, args, ctx) =>
    audited(
      ctx,
      'recordGrade',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearOfOrganization(org, args.year);
        if (org.deregisteredOn && org.deregisteredOn < `${year}-01-01`)
          throw badInput(`组织已于${org.deregisteredOn}注销 / the organization was deregistered before ${year}`, 'year');
        if (org.gradeYear && org.gradeYear > year)
          throw conflict(`已有${org.gradeYear}年度的等级 / a later grade (${org.gradeYear}) is already recorded`, 'year');
        org.gradeLevel = levelOf(args.level);
        org.gradeYear = year;
        return org;
      },
      (o) => `RegisteredOrganization:${o.code}`,
    ),
};
