import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, globalId, inScope, notFound } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  findRecord,
  idNumberOf,
  nextNumber,
  notFuture,
  optionalText,
  phoneOf,
  recordToChange,
  requiredText,
  withdrawal,
  type Correcting,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectVolunteerInput, MutationResolvers } from '../../generated/graphql';
import { STATION_RECORD } from '../stations/stations.mutations';
import { type Station } from '../stations/station.entity';
import { Volunteer, VolunteerStint } from './volunteer.entity';

const DEPARTMENT = 'volunteer-stations';

/** A registered volunteer; the stints go with it; service records name it. */
export const VOLUNTEER_RECORD = defineRecord<Volunteer>({
  type: 'Volunteer',
  entity: Volunteer,
  label: ['志愿者', 'volunteer'],
  owner: DEPARTMENT,
  placeOf: (v) => v.communityCode,
  idOf: (v) => v.id,
  owns: [{ table: 'volunteer_stint', column: 'volunteer_id' }],
  referencedBy: [{ table: 'service_record', column: 'volunteer_id', label: ['服务时长记录', 'service records'] }],
  personal: { name: 'NAME', idNumber: 'ID_NUMBER', phone: 'PHONE' },
});

/** A live station a mutation names (a withdrawn one is CONFLICT), for the caller to write at. */
export async function liveStation(ctx: RequestContext, em: EntityManager, given: string, field: string): Promise<Station> {
  const station = await findRecord(ctx, em, STATION_RECORD, given, field);
  // a station outside the caller's region is answered as a missing one: the refusal would tell them apart
  if (!station || !inScope(ctx.caller, station.communityCode)) throw badInput(`站点不存在：${given} / no such station`, field);
  if (station.withdrawnOn) throw conflict(`站点已于${station.withdrawnOn}撤销 / the station was withdrawn`, field);
  return station;
}

const stintsOf = (em: EntityManager, volunteerId: string) => em.find(VolunteerStint, { volunteerId }, { orderBy: { fromOn: 'asc' } });

/** Stints follow one another: each begins where the one before ended, none ends before it begins. */
function assertStintsInOrder(stints: VolunteerStint[], field: string): void {
  stints.forEach((s, i) => {
    if (s.toOn && s.toOn <= s.fromOn) throw badInput('在站经历的结束日须晚于起始日 / a stint must end after it begins', field);
    const next = stints[i + 1];
    if (next && s.toOn !== next.fromOn) throw badInput('在站经历须前后相接 / stints must follow one another', field);
  });
}

/** The first day a volunteer served at an activity, if any: registration cannot come after it. */
async function firstServed(em: EntityManager, volunteerId: string): Promise<string | null> {
  const [row] = await em.getConnection().execute<{ day: string | null }[]>(
    `SELECT to_char(min(a.held_on), 'YYYY-MM-DD') AS day FROM service_record sr JOIN activity a ON a.id = sr.activity_id
     WHERE sr.volunteer_id = ? AND sr.withdrawn_on IS NULL AND a.withdrawn_on IS NULL`,
    [volunteerId],
    'all',
    em.getTransactionContext(),
  );
  return row?.day ?? null;
}

/**
 * The refusal of a second registration of one person (uniqueness is per district): it names the
 * volunteer only to a caller who may see them, so an ID number typed in by a street tells nothing of
 * another street's volunteers.
 */
function alreadyVolunteer(ctx: RequestContext, v: Volunteer) {
  return inScope(ctx.caller, v.communityCode)
    ? conflict(`此人已注册为志愿者 ${v.number} / this person is already volunteer ${v.number}`, 'idNumber')
    : conflict('此人已在本区县注册为志愿者 / this person is already a volunteer in this district', 'idNumber');
}

async function activeVolunteer(ctx: RequestContext, em: EntityManager, given: string): Promise<Volunteer> {
  const v = await recordToChange(ctx, em, VOLUNTEER_RECORD, given, 'number');
  if (v.leftOn) throw conflict(`志愿者已于${v.leftOn}退出 / the volunteer left on ${v.leftOn}`, 'number');
  return v;
}

async function applyVolunteerCorrection({ ctx, em, row: v, change }: Correcting<Volunteer>, input: CorrectVolunteerInput) {
  if (input.name !== undefined) change.set(v, 'name', requiredText(input.name, 'name', '姓名', 50));
  if (input.idNumber !== undefined) {
    const idNumber = idNumberOf(input.idNumber ?? '', 'idNumber');
    if (idNumber !== v.idNumber) {
      const other = await em.findOne(Volunteer, { districtCode: v.districtCode, idNumber });
      if (other) throw alreadyVolunteer(ctx, other);
      change.set(v, 'idNumber', idNumber);
      v.personHash = ctx.personKey.hash(idNumber);
    }
  }
  if (input.phone !== undefined) change.set(v, 'phone', phoneOf(input.phone, 'phone'));
  if (input.politicalStatus !== undefined)
    change.set(v, 'politicalStatus', optionalText(input.politicalStatus, 'politicalStatus', '政治面貌', 50));
  const stints = await stintsOf(em, v.id);
  if (input.registeredOn) {
    const day = notFuture(input.registeredOn, 'registeredOn', '注册日期');
    const served = await firstServed(em, v.id);
    if (served && served < day)
      throw badInput(`注册日期晚于其已有的服务记录（${served}）/ registered after serving on ${served}`, 'registeredOn');
    change.set(v, 'registeredOn', day);
    if (stints[0]) stints[0].fromOn = day;
  }
  if (input.leftOn !== undefined) {
    const leftOn = input.leftOn === null ? null : notFuture(input.leftOn, 'leftOn', '退出日期');
    change.set(v, 'leftOn', leftOn);
    const last = stints[stints.length - 1];
    if (last) last.toOn = leftOn;
  }
  assertStintsInOrder(stints, input.registeredOn ? 'registeredOn' : 'leftOn');
}

export const volunteerMutations: MutationResolvers = {
  registerVolunteer: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerVolunteer',
      input,
      async (em) => {
        const station = await liveStation(ctx, em, input.stationCode, 'stationCode');
        assertCanWrite(ctx.caller, DEPARTMENT, station.communityCode);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const registeredOn = eventDay(input.registeredOn, 'registeredOn', '注册日期');
        const politicalStatus = optionalText(input.politicalStatus, 'politicalStatus', '政治面貌', 50);
        const district = station.districtCode;
        const existing = await em.findOne(Volunteer, { districtCode: district, idNumber });
        if (existing) throw alreadyVolunteer(ctx, existing);
        // numbers follow the ledger's pattern V<7 digits>, continuing the district's highest
        const number = await nextNumber(em, { table: 'volunteer', column: 'number', district, prefix: 'V', width: 7 });
        const volunteer = em.create(Volunteer, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          idNumber,
          phone,
          registeredOn,
          stationId: station.id,
          communityCode: station.communityCode,
          politicalStatus,
          personHash: ctx.personKey.hash(idNumber),
        });
        em.create(VolunteerStint, {
          volunteerId: volunteer.id,
          stationId: station.id,
          communityCode: station.communityCode,
          fromOn: registeredOn,
        });
        return volunteer;
      },
      (v) => `Volunteer:${v.id}`,
    ),

  moveVolunteer: (_, args, ctx) =>
    audited(
      ctx,
      'moveVolunteer',
      args,
      async (em) => {
        const v = await activeVolunteer(ctx, em, args.number);
        const station = await liveStation(ctx, em, args.stationCode, 'stationCode');
        assertCanWrite(ctx.caller, DEPARTMENT, station.communityCode);
        if (station.districtCode !== v.districtCode)
          throw badInput('不能转到其他区县的站点 / not to a station of another district', 'stationCode');
        if (station.id === v.stationId) throw badInput('已在该站点 / the volunteer is at this station already', 'stationCode');
        const stints = await stintsOf(em, v.id);
        const current = stints[stints.length - 1];
        if (!current) throw notFound('志愿者没有在站经历 / the volunteer has no stint');
        const on = eventDay(args.on, 'on', '转站日期', { day: current.fromOn, after: '现站点的起始日' });
        if (on === current.fromOn) throw badInput(`转站日期须晚于 ${current.fromOn} / the move must come after ${current.fromOn}`, 'on');
        current.toOn = on;
        em.create(VolunteerStint, { volunteerId: v.id, stationId: station.id, communityCode: station.communityCode, fromOn: on });
        v.stationId = station.id;
        v.communityCode = station.communityCode;
        return v;
      },
      (v) => `Volunteer:${v.id}`,
    ),

  recordVolunteerLeaving: (_, args, ctx) =>
    audited(
      ctx,
      'recordVolunteerLeaving',
      args,
      async (em) => {
        const v = await activeVolunteer(ctx, em, args.number);
        const stints = await stintsOf(em, v.id);
        const current = stints[stints.length - 1];
        const from = current?.fromOn ?? v.registeredOn;
        const leftOn = eventDay(args.leftOn, 'leftOn', '退出日期', { day: from, after: '现站点的起始日' });
        if (leftOn === from) throw badInput(`退出日期须晚于 ${from} / leave after ${from}`, 'leftOn');
        v.leftOn = leftOn;
        if (current) current.toOn = leftOn;
        return v;
      },
      (v) => `Volunteer:${v.id}`,
    ),

  correctVolunteer: correction<Volunteer, CorrectVolunteerInput, 'number'>(VOLUNTEER_RECORD, applyVolunteerCorrection, 'number'),
  withdrawVolunteer: withdrawal(VOLUNTEER_RECORD, { idArg: 'number' }),
};
