import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, type RegionLevel } from '@district/common';
import {
  audited,
  correction,
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
import type { CorrectJointEventInput, CorrectWorkingBodyInput, MutationResolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { Worker } from '../workers/worker.entity';
import { optionalDay } from '../shared/governance';
import { communitiesAmong, JointEvent, placesOf, WorkingBody, WorkingBodyMember } from './bodies.entity';

const DEPARTMENT = 'workforce';
const NODES: RegionLevel[] = ['DISTRICT', 'STREET', 'COMMUNITY'];

export const BODY_RECORD = defineRecord<WorkingBody>({
  type: 'WorkingBody',
  entity: WorkingBody,
  label: ['工作机构', 'working body'],
  owner: DEPARTMENT,
  placeOf: (b) => b.regionCode,
  idOf: (b) => b.id,
  referencedBy: [{ table: 'joint_event', column: 'body_id', label: ['会议活动', 'meetings and events'] }],
  owns: [{ table: 'working_body_member', column: 'body_id' }],
});
export const MEMBER_RECORD = defineRecord<WorkingBodyMember>({
  type: 'WorkingBodyMember',
  entity: WorkingBodyMember,
  label: ['机构成员', 'body member'],
  owner: DEPARTMENT,
  placeOf: (m) => m.regionCode,
  idOf: (m) => m.id,
  lookup: (_ctx, given) => ({ id: (given ?? '').trim() }),
});
export const EVENT_RECORD = defineRecord<JointEvent>({
  type: 'JointEvent',
  entity: JointEvent,
  label: ['联合会议活动', 'joint event'],
  owner: DEPARTMENT,
  placeOf: (e) => e.hostCode,
  idOf: (e) => e.id,
});

/**
 * Region codes a record names, each a live node of the record's district that the caller may write
 * at: a joint meeting of two communities is recorded by their street (or the district), as a
 * street-confined ledger may hold it but a community's may not.
 */
async function regionsOf(
  ctx: RequestContext,
  em: EntityManager,
  given: readonly string[],
  field: string,
  district: string | null,
  levels: RegionLevel[] = NODES,
): Promise<string[]> {
  const codes = placesOf(given.map((c) => regionCodeOf(c, field, levels)));
  const found = new Set((await em.find(Region, { code: { $in: codes } })).map((r) => r.code));
  for (const c of codes) {
    if (district && districtOf(c) !== district) throw badInput(`${c} 不在本区县 / ${c} lies in another district`, field);
    if (!found.has(c)) throw badInput(`区划不存在：${c} / no such region`, field);
    assertCanWrite(ctx.caller, DEPARTMENT, c);
  }
  return codes;
}

const count = (v: number | null | undefined, field: string, label: string, max = 1_000_000) =>
  v === undefined || v === null ? undefined : wholeNumber(v, field, label, 0, max);

const topicsOf = (given: readonly string[] | null | undefined): string[] | undefined =>
  given ? placesOf(given.map((t, i) => requiredText(t, 'topics', `议题${i + 1}`, 100))) : undefined;

function assertBody(b: WorkingBody): void {
  if (b.dissolvedOn && b.dissolvedOn <= b.establishedOn)
    throw badInput('撤销日期须晚于成立日期 / dissolved after it was established', 'dissolvedOn');
  b.places = placesOf(b.regionCode, b.seatCode, b.memberRegions);
}

function assertEvent(e: JointEvent): void {
  if (!e.participants.length) throw badInput('参与单位至少一个 / at least one participant', 'participantCodes');
  e.communities = communitiesAmong(e.participants);
  e.places = placesOf(e.hostCode, e.participants);
}

async function bodyOf(ctx: RequestContext, em: EntityManager, given: string, field: string): Promise<WorkingBody> {
  const body = await em.findOne(WorkingBody, { id: await recordId(ctx, given, field) });
  if (!body) throw badInput(`工作机构不存在：${given} / no such working body`, field);
  return body;
}

export const bodyMutations: MutationResolvers = {
  recordWorkingBody: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordWorkingBody',
      input,
      async (em) => {
        const [regionCode] = await regionsOf(ctx, em, [input.regionCode], 'regionCode', null);
        const district = districtOf(regionCode);
        const seatCode = input.seatCode ? (await regionsOf(ctx, em, [input.seatCode], 'seatCode', district, ['COMMUNITY']))[0] : null;
        const memberRegions = await regionsOf(ctx, em, input.memberRegionCodes ?? [], 'memberRegionCodes', district);
        const establishedOn = eventDay(input.establishedOn, 'establishedOn', '成立日期');
        const { id, number } = await newRecordKey(em, WorkingBody, {
          given: input.id,
          label: '机构编号',
          table: 'working_body',
          district,
          prefix: `JG${establishedOn.slice(0, 4)}`,
          width: 3,
        });
        const body = em.create(WorkingBody, {
          id,
          districtCode: district,
          number,
          regionCode,
          kind: input.kind,
          name: requiredText(input.name, 'name', '机构名称', 100),
          seatCode,
          memberRegions,
          rotation: input.rotation ?? 'FIXED',
          duties: optionalText(input.duties, 'duties', '主要职责', 2000),
          establishedOn,
          dissolvedOn: null,
          places: [],
        });
        assertBody(body);
        return body;
      },
      (b) => `WorkingBody:${b.id}`,
    ),
  correctWorkingBody: correction<WorkingBody, CorrectWorkingBodyInput>(BODY_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.regionCode) {
      const regionCode = (await regionsOf(ctx, em, [input.regionCode], 'regionCode', row.districtCode))[0];
      change.set(row, 'regionCode', regionCode);
      // the members' rows sit where their body does (a street's members ledger is checked against it)
      await em.nativeUpdate(WorkingBodyMember, { bodyId: row.id }, { regionCode });
    }
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '机构名称', 100));
    if (input.seatCode !== undefined)
      change.set(
        row,
        'seatCode',
        input.seatCode ? (await regionsOf(ctx, em, [input.seatCode], 'seatCode', row.districtCode, ['COMMUNITY']))[0] : null,
      );
    if (input.memberRegionCodes)
      change.set(row, 'memberRegions', await regionsOf(ctx, em, input.memberRegionCodes, 'memberRegionCodes', row.districtCode));
    if (input.rotation) change.set(row, 'rotation', input.rotation);
    if (input.duties !== undefined) change.set(row, 'duties', optionalText(input.duties, 'duties', '主要职责', 2000));
    if (input.establishedOn) change.set(row, 'establishedOn', optionalDay(input.establishedOn, 'establishedOn', '成立日期')!);
    if (input.dissolvedOn !== undefined) change.set(row, 'dissolvedOn', optionalDay(input.dissolvedOn, 'dissolvedOn', '撤销日期'));
    assertBody(row);
  }),
  withdrawWorkingBody: withdrawal(BODY_RECORD),

  /** The body stops on the day (it is no longer in place from that day on); a dissolved body cannot be dissolved again. */
  dissolveWorkingBody: (_, args, ctx) =>
    audited(
      ctx,
      'dissolveWorkingBody',
      args,
      async (em) => {
        const body = await recordToChange(ctx, em, BODY_RECORD, args.id);
        if (body.dissolvedOn) throw conflict(`该机构已于${body.dissolvedOn}撤销 / the body was dissolved on ${body.dissolvedOn}`, 'id');
        const on = eventDay(args.on, 'on', '撤销日期', { day: body.establishedOn, after: '成立日期' });
        if (on === body.establishedOn) throw badInput('撤销日期须晚于成立日期 / dissolved after it was established', 'on');
        body.dissolvedOn = on;
        return body;
      },
      (b) => `WorkingBody:${b.id}`,
    ),

  addWorkingBodyMember: (_, { bodyId, input }, ctx) =>
    audited(
      ctx,
      'addWorkingBodyMember',
      { bodyId, input },
      async (em) => {
        const body = await recordToChange(ctx, em, BODY_RECORD, bodyId, 'bodyId');
        if (body.dissolvedOn) throw conflict(`该机构已于${body.dissolvedOn}撤销 / the body was dissolved on ${body.dissolvedOn}`, 'bodyId');
        const unitName = optionalText(input.unitName, 'unitName', '成员单位', 100);
        let workerId: string | null = null;
        if (input.workerId) {
          workerId = await recordId(ctx, input.workerId, 'workerId');
          if (!(await em.findOne(Worker, { id: workerId }))) throw badInput(`社工不存在：${input.workerId} / no such worker`, 'workerId');
        }
        if (!unitName && !workerId) throw badInput('须填成员单位或社工 / a member unit or a worker', 'unitName');
        const joinedOn = eventDay(input.joinedOn, 'joinedOn', '加入日期', { day: body.establishedOn, after: '成立日期' });
        const last = await em.findOne(WorkingBodyMember, { bodyId: body.id }, { orderBy: { seq: 'desc' }, filters: false });
        const seq = (last?.seq ?? 0) + 1;
        return em.create(WorkingBodyMember, {
          id: `${body.id}:${seq}`,
          districtCode: body.districtCode,
          bodyId: body.id,
          seq,
          regionCode: body.regionCode,
          unitName,
          workerId,
          role: optionalText(input.role, 'role', '职务', 50),
          duty: optionalText(input.duty, 'duty', '职责', 2000),
          joinedOn,
          leftOn: null,
        });
      },
      (m) => `WorkingBodyMember:${m.id}`,
    ),

  /** A member leaves the body on the day; one who has left cannot leave again. */
  removeWorkingBodyMember: (_, args, ctx) =>
    audited(
      ctx,
      'removeWorkingBodyMember',
      args,
      async (em) => {
        const member = await recordToChange(ctx, em, MEMBER_RECORD, args.id);
        if (member.leftOn) throw conflict(`该成员已于${member.leftOn}退出 / the member left on ${member.leftOn}`, 'id');
        const on = eventDay(args.on, 'on', '退出日期', { day: member.joinedOn, after: '加入日期' });
        if (on === member.joinedOn) throw badInput('退出日期须晚于加入日期 / leaves after joining', 'on');
        member.leftOn = on;
        return member;
      },
      (m) => `WorkingBodyMember:${m.id}`,
    ),

  recordJointEvent: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordJointEvent',
      input,
      async (em) => {
        const [hostCode] = await regionsOf(ctx, em, [input.hostCode], 'hostCode', null);
        const district = districtOf(hostCode);
        const participants = await regionsOf(ctx, em, input.participantCodes, 'participantCodes', district);
        const body = input.bodyId ? await bodyOf(ctx, em, input.bodyId, 'bodyId') : null;
        const heldOn = eventDay(input.heldOn, 'heldOn', '举办日期', body ? { day: body.establishedOn, after: '机构成立日期' } : undefined);
        const { id, number } = await newRecordKey(em, JointEvent, {
          given: input.id,
          label: '活动编号',
          table: 'joint_event',
          district,
          prefix: `LH${heldOn.slice(0, 4)}`,
          width: 4,
        });
        const e = em.create(JointEvent, {
          id,
          districtCode: district,
          number,
          kind: input.kind,
          bodyId: body?.id ?? null,
          hostCode,
          participants,
          communities: 0,
          heldOn,
          title: requiredText(input.title, 'title', '名称', 200),
          topics: topicsOf(input.topics) ?? [],
          problemsResolved: count(input.problemsResolved, 'problemsResolved', '联动处置共性难题数', 10_000) ?? 0,
          enterprises: count(input.enterprises, 'enterprises', '出席企业数', 10_000) ?? 0,
          organizations: count(input.organizations, 'organizations', '出席社会组织数', 10_000) ?? 0,
          personTimes: count(input.personTimes, 'personTimes', '参与人次') ?? 0,
          costSaved: count(input.costSaved, 'costSaved', '节约成本', 100_000_000) ?? 0,
          places: [],
        });
        assertEvent(e);
        return e;
      },
      (e) => `JointEvent:${e.id}`,
    ),
  correctJointEvent: correction<JointEvent, CorrectJointEventInput>(EVENT_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.hostCode) change.set(row, 'hostCode', (await regionsOf(ctx, em, [input.hostCode], 'hostCode', row.districtCode))[0]);
    if (input.participantCodes)
      change.set(row, 'participants', await regionsOf(ctx, em, input.participantCodes, 'participantCodes', row.districtCode));
    if (input.bodyId !== undefined) change.set(row, 'bodyId', input.bodyId ? (await bodyOf(ctx, em, input.bodyId, 'bodyId')).id : null);
    if (input.heldOn) change.set(row, 'heldOn', optionalDay(input.heldOn, 'heldOn', '举办日期')!);
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '名称', 200));
    change.set(row, 'topics', topicsOf(input.topics));
    change.set(row, 'problemsResolved', count(input.problemsResolved, 'problemsResolved', '联动处置共性难题数', 10_000));
    change.set(row, 'enterprises', count(input.enterprises, 'enterprises', '出席企业数', 10_000));
    change.set(row, 'organizations', count(input.organizations, 'organizations', '出席社会组织数', 10_000));
    change.set(row, 'personTimes', count(input.personTimes, 'personTimes', '参与人次'));
    change.set(row, 'costSaved', count(input.costSaved, 'costSaved', '节约成本', 100_000_000));
    assertEvent(row);
  }),
  withdrawJointEvent: withdrawal(EVENT_RECORD),
};
