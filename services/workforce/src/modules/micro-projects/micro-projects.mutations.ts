import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf } from '@district/common';
import {
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  optionalText,
  recordId,
  recordToChange,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectMicroProjectInput, CorrectMicroProjectSupervisionInput, MutationResolvers } from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { communityOf, moneyOf, optionalDay } from '../shared/governance';
import { MicroProject, MicroProjectSupervision, type MicroProjectStatus } from './micro-project.entity';

const DEPARTMENT = 'workforce';

export const MICRO_RECORD = defineRecord<MicroProject>({
  type: 'MicroProject',
  entity: MicroProject,
  label: ['小微民生项目', 'micro livelihood work'],
  owner: DEPARTMENT,
  placeOf: (p) => p.communityCode,
  idOf: (p) => p.id,
});

export const SUPERVISION_RECORD = defineRecord<MicroProjectSupervision>({
  type: 'MicroProjectSupervision',
  entity: MicroProjectSupervision,
  label: ['督单记录', 'supervision of a micro livelihood work'],
  owner: DEPARTMENT,
  placeOf: (v) => v.communityCode,
  idOf: (v) => v.id,
});

function assertSupervision(v: MicroProjectSupervision): void {
  if (v.resolvedOn && !v.findings) throw badInput('没有督查发现，无需解决 / nothing was found to resolve', 'findings');
  if (v.resolvedOn && v.resolvedOn < v.supervisedOn) throw badInput('解决日期早于督单日期 / resolved before the supervision', 'resolvedOn');
}

export const MICRO_LOOP = defineLoop<MicroProjectStatus>({
  states: ['STARTED', 'COMPLETED'],
  labels: { STARTED: '已启动', COMPLETED: '已完成' },
  what: '小微民生项目',
});

async function compoundIn(ctx: RequestContext, em: EntityManager, given: string | null | undefined, communityCode: string) {
  if (!given) return null;
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c || c.communityCode !== communityCode) throw badInput('小区不在该社区 / the compound is not in the community', 'compoundId');
  return c.id;
}

const quantityOf = (v: number | null | undefined) => {
  if (v === undefined || v === null) return v;
  if (!Number.isFinite(v) || v < 0 || v > 1e9) throw badInput('工程量应为不小于0的数 / quantity must not be negative', 'quantity');
  return v.toFixed(2);
};

function assertProject(p: MicroProject): void {
  if (p.quantity !== null && p.quantity !== undefined && !p.unit) throw badInput('有工程量须给出单位 / a quantity needs its unit', 'unit');
  if (p.funding && Number(p.funding) > 0 && !p.fundingSource)
    throw badInput('有资金须给出资金来源 / funding needs its source', 'fundingSource');
  if (p.completedOn && p.status !== 'COMPLETED') throw badInput('项目尚未完成 / the work is not completed', 'completedOn');
  if (p.completedOn && p.completedOn < p.startedOn) throw badInput('完成日期早于启动日期 / completed before it started', 'completedOn');
}

export const microProjectMutations: MutationResolvers = {
  startMicroProject: (_, { input }, ctx) =>
    audited(
      ctx,
      'startMicroProject',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const startedOn = eventDay(input.startedOn, 'startedOn', '启动日期');
        const { id, number } = await newRecordKey(em, MicroProject, {
          given: input.id,
          label: '项目编号',
          table: 'micro_project',
          district,
          prefix: `WXM${startedOn.slice(0, 4)}`,
          width: 4,
        });
        const p = em.create(MicroProject, {
          id,
          districtCode: district,
          number,
          communityCode,
          compoundId: await compoundIn(ctx, em, input.compoundId, communityCode),
          name: requiredText(input.name, 'name', '项目名称', 100),
          category: input.category,
          content: optionalText(input.content, 'content', '建设内容', 500),
          quantity: quantityOf(input.quantity) ?? null,
          unit: optionalText(input.unit, 'unit', '单位', 10),
          households:
            input.households === null || input.households === undefined
              ? 0
              : wholeNumber(input.households, 'households', '惠及户数', 0, 1_000_000),
          funding: moneyOf(input.funding, 'funding', '资金') ?? null,
          fundingSource: input.fundingSource ?? null,
          startedOn,
          completedOn: null,
          status: 'STARTED',
        });
        assertProject(p);
        return p;
      },
      (p) => `MicroProject:${p.id}`,
    ),
  completeMicroProject: (_, args, ctx) =>
    audited(
      ctx,
      'completeMicroProject',
      args,
      async (em) => {
        const p = await recordToChange(ctx, em, MICRO_RECORD, args.id);
        assertStep(MICRO_LOOP, p.status, 'COMPLETED');
        p.completedOn = eventDay(args.completedOn, 'completedOn', '完成日期', { day: p.startedOn, after: '启动日期' });
        p.status = 'COMPLETED';
        if (args.households !== undefined && args.households !== null)
          p.households = wholeNumber(args.households, 'households', '惠及户数', 0, 1_000_000);
        return p;
      },
      (p) => `MicroProject:${p.id}`,
    ),
  correctMicroProject: correction<MicroProject, CorrectMicroProjectInput>(MICRO_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.compoundId !== undefined) change.set(row, 'compoundId', await compoundIn(ctx, em, input.compoundId, row.communityCode));
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '项目名称', 100));
    if (input.category) change.set(row, 'category', input.category);
    if (input.content !== undefined) change.set(row, 'content', optionalText(input.content, 'content', '建设内容', 500));
    if (input.quantity !== undefined) change.set(row, 'quantity', quantityOf(input.quantity));
    if (input.unit !== undefined) change.set(row, 'unit', optionalText(input.unit, 'unit', '单位', 10));
    if (input.households !== undefined && input.households !== null)
      change.set(row, 'households', wholeNumber(input.households, 'households', '惠及户数', 0, 1_000_000));
    if (input.funding !== undefined) change.set(row, 'funding', moneyOf(input.funding, 'funding', '资金'));
    if (input.fundingSource !== undefined) change.set(row, 'fundingSource', input.fundingSource);
    if (input.startedOn) change.set(row, 'startedOn', optionalDay(input.startedOn, 'startedOn', '启动日期')!);
    if (input.completedOn !== undefined) change.set(row, 'completedOn', optionalDay(input.completedOn, 'completedOn', '完成日期'));
    assertProject(row);
  }),
  withdrawMicroProject: withdrawal(MICRO_RECORD),
  recordMicroProjectSupervision: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordMicroProjectSupervision',
      input,
      async (em) => {
        const project = await em.findOne(MicroProject, { id: await recordId(ctx, input.projectId, 'projectId') });
        if (!project) throw badInput(`项目不存在：${input.projectId} / no such micro livelihood work`, 'projectId');
        assertCanWrite(ctx.caller, DEPARTMENT, project.communityCode);
        const supervisedOn = eventDay(input.supervisedOn, 'supervisedOn', '督单日期', { day: project.startedOn, after: '项目启动日期' });
        const district = project.districtCode;
        const { id, number } = await newRecordKey(em, MicroProjectSupervision, {
          given: input.id,
          label: '督单编号',
          table: 'micro_project_supervision',
          district,
          prefix: `DD${supervisedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(MicroProjectSupervision, {
          id,
          districtCode: district,
          number,
          projectId: project.id,
          communityCode: project.communityCode,
          supervisedOn,
          supervisorKind: input.supervisorKind,
          supervisor: optionalText(input.supervisor, 'supervisor', '督单单位或身份', 100),
          findings: optionalText(input.findings, 'findings', '督查发现', 500),
          resolvedOn: null,
        });
      },
      (v) => `MicroProjectSupervision:${v.id}`,
    ),
  resolveMicroProjectSupervision: (_, args, ctx) =>
    audited(
      ctx,
      'resolveMicroProjectSupervision',
      args,
      async (em) => {
        const v = await recordToChange(ctx, em, SUPERVISION_RECORD, args.id);
        if (!v.findings) throw conflict('该督单没有待解决的发现 / the supervision found nothing to resolve');
        if (v.resolvedOn) throw conflict(`已于${v.resolvedOn}解决 / already resolved on ${v.resolvedOn}`);
        v.resolvedOn = eventDay(args.resolvedOn, 'resolvedOn', '解决日期', { day: v.supervisedOn, after: '督单日期' });
        return v;
      },
      (v) => `MicroProjectSupervision:${v.id}`,
    ),
  correctMicroProjectSupervision: correction<MicroProjectSupervision, CorrectMicroProjectSupervisionInput>(
    SUPERVISION_RECORD,
    ({ row, change }, input) => {
      if (input.supervisedOn) change.set(row, 'supervisedOn', optionalDay(input.supervisedOn, 'supervisedOn', '督单日期')!);
      if (input.supervisorKind) change.set(row, 'supervisorKind', input.supervisorKind);
      if (input.supervisor !== undefined)
        change.set(row, 'supervisor', optionalText(input.supervisor, 'supervisor', '督单单位或身份', 100));
      if (input.findings !== undefined) change.set(row, 'findings', optionalText(input.findings, 'findings', '督查发现', 500));
      if (input.resolvedOn !== undefined) change.set(row, 'resolvedOn', optionalDay(input.resolvedOn, 'resolvedOn', '解决日期'));
      assertSupervision(row);
    },
  ),
  withdrawMicroProjectSupervision: withdrawal(SUPERVISION_RECORD),
};
