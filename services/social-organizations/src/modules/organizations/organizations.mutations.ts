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
  assertKeyFree,
  assertStep,
  audited,
  correction,
  creditCodeOf,
  defineLoop,
  defineRecord,
  eventDay,
  markWithdrawn,
  NOTE_MAX,
  notFuture,
  optionalText,
  recordToChange,
  regionCodeOf,
  requiredText,
  transactionClient,
  wholeNumber,
  withdrawal,
  withdrawnView,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectSocialOrganizationInput, MutationResolvers } from '../../generated/graphql';
import { AnnualInspection } from '../inspections/inspection.entity';
import { creditCodeTypeProblem, filingNumberProblem, isRegisteredType } from './codes';
import { evaluationEligibility, levelOf } from './evaluation';
import { OrganizationGrade } from './grade.entity';
import { currentGradeFromHistory, settleGrades } from './grades';
import { SocialOrganization } from './organization.entity';

const DEPARTMENT = 'social-organizations';

type Stage = 'ACTIVE' | 'DEREGISTERED';

/** An organisation is active until deregistered, once; it then stays with its history. */
export const ORGANIZATION_LOOP = defineLoop<Stage>({
  states: ['ACTIVE', 'DEREGISTERED'],
  labels: { ACTIVE: '正常', DEREGISTERED: '注销' },
  what: '社会组织',
});

/** A registered or filed organisation, keyed by its credit code or filing number (both national). */
export const ORGANIZATION_RECORD = defineRecord<SocialOrganization>({
  type: 'SocialOrganization',
  entity: SocialOrganization,
  label: ['社会组织', 'organisation'],
  owner: DEPARTMENT,
  placeOf: (o) => o.regionCode,
  idOf: (o) => o.code,
  lookup: (_ctx, given) => ({ code: normaliseCreditCode(given ?? '') }),
  owns: [{ table: 'organization_grade', column: 'organization_code' }],
  referencedBy: [
    { table: 'annual_inspection', column: 'organization_code', label: ['年检结果', 'inspection results'] },
    { table: 'mediation_case', column: 'organization_code', label: ['调解案件', 'mediation cases'] },
    { table: 'service_project', column: 'organization_code', label: ['服务项目', 'service projects'] },
  ],
  personal: { legalRepresentative: 'NAME' },
});

/** A grade of the grade history, withdrawn when recorded by mistake. */
export const GRADE_RECORD = defineRecord<OrganizationGrade>({
  type: 'EvaluationGrade',
  entity: OrganizationGrade,
  label: ['评估等级', 'grade'],
  owner: DEPARTMENT,
  placeOf: () => null,
  idOf: (g) => `${g.organizationCode}:${g.year}`,
});

/**
 * The arguments as the audit trail keeps them. The kit masks personal values by key (idNumber, phone,
 * name); a legal representative is a person's name under another key, so it is masked here first.
 */
const auditArgs = <T extends { legalRepresentative?: string | null }>(input: T) => ({
  input: { ...input, legalRepresentative: input.legalRepresentative ? maskName(input.legalRepresentative) : input.legalRepresentative },
});

const assertNew = (em: EntityManager, code: string, field: string) => assertKeyFree(em, SocialOrganization, { code }, field, `${code} `);

/** An organisation the caller may change, by its credit code or filing number. */
export async function organizationToChange(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  field = 'code',
): Promise<SocialOrganization> {
  return recordToChange(ctx, em, ORGANIZATION_RECORD, given, field);
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
  registerSocialOrganization: (_, { input: i }, ctx) =>
    audited(
      ctx,
      'registerSocialOrganization',
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

  deregisterSocialOrganization: (_, args, ctx) =>
    audited(
      ctx,
      'deregisterSocialOrganization',
      args,
      async (em) => {
        const org = await organizationToChange(ctx, em, args.code);
        assertStep(ORGANIZATION_LOOP, org.deregisteredOn ? 'DEREGISTERED' : 'ACTIVE', 'DEREGISTERED');
        const on = eventDay(args.deregisteredOn, 'deregisteredOn', '注销日期', { day: org.foundedOn, after: '成立日期' });
        org.deregisteredOn = on;
        org.deregistrationReason = optionalText(args.reason, 'reason', '注销原因', 500);
        return org;
      },
      (o) => `SocialOrganization:${o.code}`,
    ),

  recordEvaluationGrade: (_, args, ctx) =>
    audited(
      ctx,
      'recordEvaluationGrade',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const year = yearOfOrganization(org, args.year);
        // the rules the schema's evaluationEligibility answers with: a grade it refuses is not recorded
        const inspections = await em.find(AnnualInspection, { organizationCode: org.code });
        const eligibility = evaluationEligibility(org, new Map(inspections.map((i) => [i.year, i.result])), year);
        if (!eligibility.eligible) {
          throw conflict(
            `该组织${year}年不符合申请评估的条件 / the organisation may not apply for evaluation in ${year}: ${eligibility.reasons
              .map((r) => r.message)
              .join('; ')}`,
            'creditCode',
          );
        }
        org.gradeLevel = levelOf(args.level);
        org.gradeYear = year;
        await em.flush();
        await settleGrades(transactionClient(em), [org.code]);
        return org;
      },
      (o) => `RegisteredOrganization:${o.code}`,
    ),

  withdrawEvaluationGrade: (_, args, ctx, info) =>
    audited(
      ctx,
      'withdrawEvaluationGrade',
      args,
      async (em) => {
        const org = await registeredToChange(ctx, em, args.creditCode);
        const grade = await em.findOne(OrganizationGrade, { organizationCode: org.code, year: args.year });
        if (!grade) throw notFound(`该组织没有${args.year}年度的评估等级 / no grade of ${args.year}`, 'year');
        const reason = requiredText(args.reason, 'reason', '撤销原因', NOTE_MAX);
        await markWithdrawn(em, ctx, GRADE_RECORD, grade, reason, info.fieldName);
        await em.flush();
        const db = transactionClient(em);
        await currentGradeFromHistory(db, org.code);
        await settleGrades(db, [org.code]);
        return withdrawnView(em, ctx, GRADE_RECORD, grade);
      },
      (v) => `${v.type}:${v.id}`,
    ),

  correctSocialOrganization: correction<SocialOrganization, CorrectSocialOrganizationInput, 'code'>(
    ORGANIZATION_RECORD,
    async (c, i) => {
      const { ctx, row: org, change } = c;
      if (i.name !== undefined) change.set(org, 'name', requiredText(i.name, 'name', '名称'));
      if (i.field) change.set(org, 'field', i.field);
      if (i.registrationAuthority !== undefined)
        change.set(org, 'registrationAuthority', optionalText(i.registrationAuthority, 'registrationAuthority', '登记管理机关'));
      if (i.supervisingUnit !== undefined) {
        if (!isRegisteredType(org.orgType))
          throw badInput('备案组织没有业务主管单位 / a filed organisation has no supervising unit', 'supervisingUnit');
        change.set(org, 'supervisingUnit', optionalText(i.supervisingUnit, 'supervisingUnit', '业务主管单位'));
      }
      if (i.legalRepresentative !== undefined)
        change.set(org, 'legalRepresentative', optionalText(i.legalRepresentative, 'legalRepresentative', '法定代表人', 50));
      if (i.foundedOn) change.set(org, 'foundedOn', notFuture(i.foundedOn, 'foundedOn', '成立日期'));
      if (i.streetCode || i.communityCode !== undefined) {
        const streetCode = i.streetCode ? regionCodeOf(i.streetCode, 'streetCode', ['STREET']) : org.streetCode;
        const communityCode =
          i.communityCode === undefined
            ? i.streetCode
              ? null
              : org.communityCode
            : i.communityCode && regionCodeOf(i.communityCode, 'communityCode');
        if (communityCode && streetOf(communityCode) !== streetCode)
          throw badInput(`社区不属于该街道 / communityCode is not in street ${streetCode}`, 'communityCode');
        if (!isRegisteredType(org.orgType) && (!communityCode || streetCode !== `${org.code.slice(2, 11)}000`))
          throw badInput('备案组织的社区须在其备案街道内 / a filed organisation stays in its street, in a community', 'communityCode');
        if (districtOf(streetCode) !== org.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'streetCode');
        await assertInRegionTree(ctx, 'regions', streetCode, 'streetCode');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        change.set(org, 'streetCode', streetCode);
        change.set(org, 'communityCode', communityCode ?? null);
        change.set(org, 'regionCode', communityCode ?? streetCode);
      }
      if (i.deregisteredOn !== undefined) {
        change.set(org, 'deregisteredOn', i.deregisteredOn === null ? null : notFuture(i.deregisteredOn, 'deregisteredOn', '注销日期'));
        if (i.deregisteredOn === null) change.set(org, 'deregistrationReason', null);
      }
      if (i.deregistrationReason !== undefined) {
        if (!org.deregisteredOn && i.deregistrationReason)
          throw badInput('组织未注销 / the organisation is not deregistered', 'deregistrationReason');
        change.set(org, 'deregistrationReason', optionalText(i.deregistrationReason, 'deregistrationReason', '注销原因', 500));
      }
      if (org.deregisteredOn && org.deregisteredOn < org.foundedOn)
        throw badInput(`注销日期早于成立日期 ${org.foundedOn} / deregisteredOn is before the founding date`, 'deregisteredOn');
      await assertNothingBeforeFounding(c.em, org);
    },
    'code',
  ),
  withdrawSocialOrganization: withdrawal(ORGANIZATION_RECORD, { idArg: 'code' }),
};

/** A founding day corrected later than the records of the organisation's life (cases, projects) is refused. */
async function assertNothingBeforeFounding(em: EntityManager, org: SocialOrganization): Promise<void> {
  const [earliest] = await em.getConnection().execute<{ day: string | null }[]>(
    `SELECT to_char(least((SELECT min(received_on) FROM mediation_case WHERE organization_code = ? AND withdrawn_on IS NULL),
       (SELECT min(approved_on) FROM service_project WHERE organization_code = ? AND withdrawn_on IS NULL)), 'YYYY-MM-DD') AS day`,
    [org.code, org.code],
    'all',
    em.getTransactionContext(),
  );
  if (earliest?.day && earliest.day < org.foundedOn) {
    throw badInput(`成立日期晚于该组织已有的案件或项目（${earliest.day}）/ founded after its own cases or projects began`, 'foundedOn');
  }
}
