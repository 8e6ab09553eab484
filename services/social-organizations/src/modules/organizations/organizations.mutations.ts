import { assertCanWrite, assertInRegionTree, audited, badInput, conflict, maskName, notFound, type RequestContext } from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { REGISTERED_TYPES, type Grade, type OrgType, type ServiceField } from '../../vocabulary';
import {
  communityCodeInput,
  creditCodeInput,
  filingNumberProblem,
  notFuture,
  optionalText,
  orgCodeInput,
  requiredText,
  streetCodeInput,
  yearInput,
} from '../../validation';
import { SocialOrganization } from './organization.entity';
import { levelOf } from './evaluation';

const DEPARTMENT = 'social-organizations';

export interface RegisterInput {
  creditCode: string;
  name: string;
  type: OrgType;
  field: ServiceField;
  registrationAuthority?: string | null;
  supervisingUnit?: string | null;
  foundedOn: string;
  streetCode: string;
  communityCode?: string | null;
  legalRepresentative?: string | null;
}

export interface FileInput {
  filingNumber: string;
  name: string;
  field: ServiceField;
  registrationAuthority?: string | null;
  foundedOn: string;
  communityCode: string;
  legalRepresentative?: string | null;
}

/**
 * The arguments as the audit trail keeps them. Common masks personal values by key (idNumber, phone,
 * name); a legal representative is a person's name under another key, so it is masked here first.
 */
const auditArgs = <T extends { legalRepresentative?: string | null }>(input: T) => ({
  input: { ...input, legalRepresentative: input.legalRepresentative ? maskName(input.legalRepresentative) : input.legalRepresentative },
});

async function assertNew(em: EntityManager, code: string, field: string) {
  if (await em.count(SocialOrganization, { code })) throw conflict(`${code} 已存在 / ${field} ${code} already exists`);
}

/** An organisation the caller may change; out-of-scope ones look missing rather than forbidden. */
export async function organizationToChange(
  ctx: RequestContext,
  em: EntityManager,
  rawCode: string,
  field = 'code',
): Promise<SocialOrganization> {
  const org = await em.findOne(SocialOrganization, { code: orgCodeInput(rawCode) });
  if (!org) throw notFound(`找不到组织 ${rawCode} / no organisation ${rawCode} (${field})`);
  assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
  return org;
}

export async function registeredToChange(ctx: RequestContext, em: EntityManager, creditCode: string): Promise<SocialOrganization> {
  const org = await organizationToChange(ctx, em, creditCode, 'creditCode');
  if (!REGISTERED_TYPES.includes(org.orgType))
    throw badInput(
      `${org.code} 是备案的社区社会组织，不参加年检和评估 / a filed community organisation has no inspections or grades`,
      'creditCode',
    );
  return org;
}

export const organizationMutations = {
  registerOrganization: (_: unknown, args: { input: RegisterInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'registerOrganization',
      auditArgs(args.input),
      async (em) => {
        const i = args.input;
        if (!REGISTERED_TYPES.includes(i.type))
          throw badInput('社区社会组织请用备案 / file a community organisation with fileCommunityOrganization', 'type');
        const code = creditCodeInput(i.creditCode, i.type);
        const streetCode = streetCodeInput(i.streetCode);
        const communityCode = i.communityCode ? communityCodeInput(i.communityCode, 'communityCode', streetCode) : null;
        const org = {
          code,
          name: requiredText(i.name, 'name', '名称'),
          orgType: i.type,
          field: i.field,
          registrationAuthority: optionalText(i.registrationAuthority, 'registrationAuthority', '登记管理机关'),
          supervisingUnit: optionalText(i.supervisingUnit, 'supervisingUnit', '业务主管单位'),
          foundedOn: notFuture(i.foundedOn, 'foundedOn', '成立日期'),
          streetCode,
          communityCode,
          regionCode: communityCode ?? streetCode,
          legalRepresentative: optionalText(i.legalRepresentative, 'legalRepresentative', '法定代表人', 50),
        };
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        await assertInRegionTree(ctx, 'regions', streetCode, 'streetCode');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        await assertNew(em, code, 'creditCode');
        return em.create(SocialOrganization, org);
      },
      (o) => `RegisteredOrganization:${o.code}`,
    ),

  fileCommunityOrganization: (_: unknown, args: { input: FileInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'fileCommunityOrganization',
      auditArgs(args.input),
      async (em) => {
        const i = args.input;
        const communityCode = communityCodeInput(i.communityCode);
        const streetCode = `${communityCode.slice(0, 9)}000`;
        const code = orgCodeInput(i.filingNumber);
        const problem = filingNumberProblem(code, streetCode);
        if (problem) throw badInput(`备案编号无效：${problem} / invalid filing number`, 'filingNumber');
        const org = {
          code,
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

  deregisterOrganization: (_: unknown, args: { code: string; deregisteredOn: string; reason?: string | null }, ctx: RequestContext) =>
    audited(
      ctx,
      'deregisterOrganization',
      args,
      async (em) => {
        const org = await organizationToChange(ctx, em, args.code);
        if (org.deregisteredOn) throw conflict(`${org.code} 已于${org.deregisteredOn}注销 / already deregistered on ${org.deregisteredOn}`);
        const on = notFuture(args.deregisteredOn, 'deregisteredOn', '注销日期');
        if (on < org.foundedOn)
          throw badInput(`注销日期早于成立日期 ${org.foundedOn} / deregisteredOn is before the founding date`, 'deregisteredOn');
        org.deregisteredOn = on;
        org.deregistrationReason = optionalText(args.reason, 'reason', '注销原因', 500);
        return org;
      },
      (o) => `SocialOrganization:${o.code}`,
    ),

  recordGrade: (_: unknown, args: { creditCode: string; level: Grade; year: number }, ctx: RequestContext) =>
    audited(
      ctx,
      'recordGrade',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearInput(args.year, 'year', Number(org.foundedOn.slice(0, 4)));
        if (org.deregisteredOn && org.deregisteredOn < `${year}-01-01`)
          throw badInput(`组织已于${org.deregisteredOn}注销 / the organisation was deregistered before ${year}`, 'year');
        if (org.gradeYear && org.gradeYear > year)
          throw conflict(`已有${org.gradeYear}年度的等级 / a later grade (${org.gradeYear}) is already recorded`);
        org.gradeLevel = levelOf(args.level);
        org.gradeYear = year;
        return org;
      },
      (o) => `RegisteredOrganization:${o.code}`,
    ),
};
