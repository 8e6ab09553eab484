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
  wholeNumber,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type {
  CorrectCompoundFilingInput,
  CorrectCompoundInspectionInput,
  CorrectSmartCompoundInput,
  MutationResolvers,
} from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { assertDaysInOrder, communityOf, moneyOf, optionalDay } from '../shared/governance';
import { CompoundFiling, CompoundInspection, SmartCompound, type SmartCompoundStatus } from './compound-record.entity';

const DEPARTMENT = 'workforce';

export const INSPECTION_RECORD = defineRecord<CompoundInspection>({
  type: 'CompoundInspection',
  entity: CompoundInspection,
  label: ['小区检查记录', 'compound inspection'],
  owner: DEPARTMENT,
  placeOf: (i) => i.communityCode,
  idOf: (i) => i.id,
});
export const FILING_RECORD = defineRecord<CompoundFiling>({
  type: 'CompoundFiling',
  entity: CompoundFiling,
  label: ['备案记录', 'filing record'],
  owner: DEPARTMENT,
  placeOf: (f) => f.communityCode,
  idOf: (f) => f.id,
});
export const SMART_RECORD = defineRecord<SmartCompound>({
  type: 'SmartCompound',
  entity: SmartCompound,
  label: ['智慧小区建设项目', 'smart compound work'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
});

export const SMART_LOOP = defineLoop<SmartCompoundStatus>({
  states: ['STARTED', 'INSTALLED', 'COMPLETED', 'ACCEPTED'],
  labels: { STARTED: '已启动', INSTALLED: '设备已安装调试', COMPLETED: '已建成', ACCEPTED: '已验收' },
  what: '智慧小区建设项目',
});

/** A live compound the caller may write at. */
async function compoundOf(ctx: RequestContext, em: EntityManager, given: string): Promise<Compound> {
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c) throw badInput(`小区不存在：${given} / no such compound`, 'compoundId');
  assertCanWrite(ctx.caller, DEPARTMENT, c.communityCode);
  return c;
}

async function compoundIn(ctx: RequestContext, em: EntityManager, given: string | null | undefined, communityCode: string) {
  if (!given) return null;
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c || c.communityCode !== communityCode) throw badInput('小区不在该社区 / the compound is not in the community', 'compoundId');
  return c.id;
}

const problems = (v: number, field: string, label: string) => wholeNumber(v, field, label, 0, 10_000);

function assertInspection(i: CompoundInspection): void {
  if (i.problemsFixed > i.problemsFound) throw badInput('整改数多于发现问题数 / more fixed than found', 'problemsFixed');
  if (i.problemsFixed > 0 && !i.fixedOn) throw badInput('有整改须给出整改完成日期 / fixes need the day they were confirmed', 'fixedOn');
  if (i.fixedOn && i.fixedOn < i.inspectedOn) throw badInput('整改完成日期早于检查日期 / fixed before the inspection', 'fixedOn');
}

function assertSmart(s: SmartCompound): void {
  if (s.funding && Number(s.funding) > 0 && !s.fundingSource)
    throw badInput('有资金须给出资金来源 / funding needs its source', 'fundingSource');
  assertDaysInOrder([
    [s.startedOn, 'startedOn', '选定日期'],
    [s.plannedOn, 'plannedOn', '方案日期'],
    [s.installedOn, 'installedOn', '设备安装调试日期'],
    [s.completedOn, 'completedOn', '建成日期'],
    [s.acceptedOn, 'acceptedOn', '验收日期'],
  ]);
  // the status follows the last dated step, so a correction of a day keeps the loop consistent
  const reached = s.acceptedOn ? 'ACCEPTED' : s.completedOn ? 'COMPLETED' : s.installedOn ? 'INSTALLED' : 'STARTED';
  if (s.acceptedOn && !s.completedOn) throw badInput('已验收须有建成日期 / accepted needs completed', 'completedOn');
  s.status = reached;
}

/** A dated step of a smart compound work: the loop's next step only, not before the step before. */
async function smartStep(
  ctx: RequestContext,
  em: EntityManager,
  id: string,
  to: SmartCompoundStatus,
  given: string | null | undefined,
  field: 'installedOn' | 'completedOn' | 'acceptedOn',
  label: string,
): Promise<SmartCompound> {
  const s = await recordToChange(ctx, em, SMART_RECORD, id);
  // completion may follow the start directly (equipment installed with the rest)
  if (!(to === 'COMPLETED' && s.status === 'STARTED')) assertStep(SMART_LOOP, s.status, to);
  const before = s.installedOn ?? s.plannedOn ?? s.startedOn;
  s[field] = eventDay(given, field, label, { day: to === 'ACCEPTED' ? s.completedOn! : before, after: '上一步骤的日期' });
  s.status = to;
  return s;
}

export const compoundRecordMutations: MutationResolvers = {
  recordCompoundInspection: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordCompoundInspection',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const district = districtOf(compound.communityCode);
        const inspectedOn = eventDay(input.inspectedOn, 'inspectedOn', '检查日期');
        const { id, number } = await newRecordKey(em, CompoundInspection, {
          given: input.id,
          label: '检查编号',
          table: 'compound_inspection',
          district,
          prefix: `JC${inspectedOn.slice(0, 4)}`,
          width: 5,
        });
        return em.create(CompoundInspection, {
          id,
          districtCode: district,
          number,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          inspectedOn,
          kind: input.kind,
          subjects: optionalText(input.subjects, 'subjects', '检查内容', 500),
          inspector: optionalText(input.inspector, 'inspector', '检查单位', 100),
          problemsFound:
            input.problemsFound === null || input.problemsFound === undefined
              ? 0
              : problems(input.problemsFound, 'problemsFound', '发现问题数'),
          problemsFixed: 0,
          fixedOn: null,
        });
      },
      (i) => `CompoundInspection:${i.id}`,
    ),
  recordCompoundInspectionRectification: (_, args, ctx) =>
    audited(
      ctx,
      'recordCompoundInspectionRectification',
      args,
      async (em) => {
        const i = await recordToChange(ctx, em, INSPECTION_RECORD, args.id);
        if (i.problemsFound === 0 || i.problemsFixed >= i.problemsFound)
          throw conflict('该检查没有待整改的问题 / the inspection has no problems left to fix');
        const fixed =
          args.problemsFixed === null || args.problemsFixed === undefined
            ? i.problemsFound
            : problems(args.problemsFixed, 'problemsFixed', '整改问题数');
        if (fixed <= i.problemsFixed) throw badInput('整改问题数应多于已整改数 / more problems fixed than before', 'problemsFixed');
        i.fixedOn = eventDay(args.fixedOn, 'fixedOn', '整改完成日期', { day: i.fixedOn ?? i.inspectedOn, after: '检查日期' });
        i.problemsFixed = fixed;
        assertInspection(i);
        return i;
      },
      (i) => `CompoundInspection:${i.id}`,
    ),
  correctCompoundInspection: correction<CompoundInspection, CorrectCompoundInspectionInput>(INSPECTION_RECORD, ({ row, change }, input) => {
    if (input.inspectedOn) change.set(row, 'inspectedOn', optionalDay(input.inspectedOn, 'inspectedOn', '检查日期')!);
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.subjects !== undefined) change.set(row, 'subjects', optionalText(input.subjects, 'subjects', '检查内容', 500));
    if (input.inspector !== undefined) change.set(row, 'inspector', optionalText(input.inspector, 'inspector', '检查单位', 100));
    if (input.problemsFound !== undefined && input.problemsFound !== null)
      change.set(row, 'problemsFound', problems(input.problemsFound, 'problemsFound', '发现问题数'));
    if (input.problemsFixed !== undefined && input.problemsFixed !== null)
      change.set(row, 'problemsFixed', problems(input.problemsFixed, 'problemsFixed', '整改问题数'));
    if (input.fixedOn !== undefined) change.set(row, 'fixedOn', optionalDay(input.fixedOn, 'fixedOn', '整改完成日期'));
    assertInspection(row);
  }),
  withdrawCompoundInspection: withdrawal(INSPECTION_RECORD),

  recordCompoundFiling: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordCompoundFiling',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const filedOn = eventDay(input.filedOn, 'filedOn', '办理日期');
        const { id, number } = await newRecordKey(em, CompoundFiling, {
          given: input.id,
          label: '备案编号',
          table: 'compound_filing',
          district,
          prefix: `BA${filedOn.slice(0, 4)}`,
          width: 5,
        });
        return em.create(CompoundFiling, {
          id,
          districtCode: district,
          number,
          communityCode,
          compoundId: await compoundIn(ctx, em, input.compoundId, communityCode),
          kind: input.kind,
          filedOn,
          items: input.items === null || input.items === undefined ? 1 : wholeNumber(input.items, 'items', '件次', 1, 100_000),
          subject: optionalText(input.subject, 'subject', '事项说明', 500),
        });
      },
      (f) => `CompoundFiling:${f.id}`,
    ),
  correctCompoundFiling: correction<CompoundFiling, CorrectCompoundFilingInput>(FILING_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.compoundId !== undefined) change.set(row, 'compoundId', await compoundIn(ctx, em, input.compoundId, row.communityCode));
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.filedOn) change.set(row, 'filedOn', optionalDay(input.filedOn, 'filedOn', '办理日期')!);
    if (input.items !== undefined && input.items !== null) change.set(row, 'items', wholeNumber(input.items, 'items', '件次', 1, 100_000));
    if (input.subject !== undefined) change.set(row, 'subject', optionalText(input.subject, 'subject', '事项说明', 500));
  }),
  withdrawCompoundFiling: withdrawal(FILING_RECORD),

  startSmartCompound: (_, { input }, ctx) =>
    audited(
      ctx,
      'startSmartCompound',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const district = districtOf(compound.communityCode);
        const startedOn = eventDay(input.startedOn, 'startedOn', '选定日期');
        const { id, number } = await newRecordKey(em, SmartCompound, {
          given: input.id,
          label: '项目编号',
          table: 'smart_compound',
          district,
          prefix: `ZH${startedOn.slice(0, 4)}`,
          width: 4,
        });
        const s = em.create(SmartCompound, {
          id,
          districtCode: district,
          number,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          kind: input.kind,
          resettlement: input.resettlement ?? false,
          equipment: optionalText(input.equipment, 'equipment', '建设内容', 500),
          contractor: optionalText(input.contractor, 'contractor', '承建单位', 100),
          funding: moneyOf(input.funding, 'funding', '资金') ?? null,
          fundingSource: input.fundingSource ?? null,
          startedOn,
          plannedOn: optionalDay(input.plannedOn, 'plannedOn', '方案日期') ?? null,
          installedOn: null,
          completedOn: null,
          acceptedOn: null,
          status: 'STARTED',
        });
        assertSmart(s);
        return s;
      },
      (s) => `SmartCompound:${s.id}`,
    ),
  recordSmartCompoundInstallation: (_, args, ctx) =>
    audited(
      ctx,
      'recordSmartCompoundInstallation',
      args,
      (em) => smartStep(ctx, em, args.id, 'INSTALLED', args.installedOn, 'installedOn', '设备安装调试日期'),
      (s) => `SmartCompound:${s.id}`,
    ),
  completeSmartCompound: (_, args, ctx) =>
    audited(
      ctx,
      'completeSmartCompound',
      args,
      (em) => smartStep(ctx, em, args.id, 'COMPLETED', args.completedOn, 'completedOn', '建成日期'),
      (s) => `SmartCompound:${s.id}`,
    ),
  acceptSmartCompound: (_, args, ctx) =>
    audited(
      ctx,
      'acceptSmartCompound',
      args,
      (em) => smartStep(ctx, em, args.id, 'ACCEPTED', args.acceptedOn, 'acceptedOn', '验收日期'),
      (s) => `SmartCompound:${s.id}`,
    ),
  correctSmartCompound: correction<SmartCompound, CorrectSmartCompoundInput>(SMART_RECORD, ({ row, change }, input) => {
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.resettlement !== undefined && input.resettlement !== null) change.set(row, 'resettlement', input.resettlement);
    if (input.equipment !== undefined) change.set(row, 'equipment', optionalText(input.equipment, 'equipment', '建设内容', 500));
    if (input.contractor !== undefined) change.set(row, 'contractor', optionalText(input.contractor, 'contractor', '承建单位', 100));
    if (input.funding !== undefined) change.set(row, 'funding', moneyOf(input.funding, 'funding', '资金'));
    if (input.fundingSource !== undefined) change.set(row, 'fundingSource', input.fundingSource);
    if (input.startedOn) change.set(row, 'startedOn', optionalDay(input.startedOn, 'startedOn', '选定日期')!);
    for (const [field, label] of [
      ['plannedOn', '方案日期'],
      ['installedOn', '设备安装调试日期'],
      ['completedOn', '建成日期'],
      ['acceptedOn', '验收日期'],
    ] as const)
      if (input[field] !== undefined) change.set(row, field, optionalDay(input[field], field, label));
    assertSmart(row);
  }),
  withdrawSmartCompound: withdrawal(SMART_RECORD),
};
