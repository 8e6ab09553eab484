import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  idNumberOf,
  optionalText,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectTalentPoolMemberInput, MutationResolvers } from '../../generated/graphql';
import { correctPerson, namedPerson } from '../certification/certification.mutations';
import { Region } from '../regions/region.entity';
import { optionalDay, sameDistrict } from '../shared/governance';
import { TalentPoolMember } from './talent-pool-member.entity';

const DEPARTMENT = 'workforce';
const PLACES = ['DISTRICT', 'STREET', 'COMMUNITY'] as const;

export const TALENT_POOL_RECORD = defineRecord<TalentPoolMember>({
  type: 'TalentPoolMember',
  entity: TalentPoolMember,
  label: ['人才库成员', 'talent pool member'],
  owner: DEPARTMENT,
  placeOf: (m) => m.regionCode,
  idOf: (m) => m.id,
  personal: { name: 'NAME', idNumber: 'ID_NUMBER' },
});

async function poolNode(em: EntityManager, raw: string, field: string): Promise<string> {
  const code = regionCodeOf(raw, field, [...PLACES]);
  if (!(await em.findOne(Region, { code }))) throw badInput(`区划不存在：${code} / no such region`, field);
  return code;
}

/** A person is in a district's pool once at a time: a second open entry is the first entered twice. */
async function assertNotInPool(em: EntityManager, m: { id: string; personId: string; districtCode: string; leftOn?: string | null }) {
  if (m.leftOn) return;
  const twin = await em.findOne(TalentPoolMember, { districtCode: m.districtCode, personId: m.personId, leftOn: null, id: { $ne: m.id } });
  if (twin) throw conflict(`此人已在人才库中（${twin.number}）/ this person is already in the talent pool: ${twin.number}`, 'idNumber');
}

export const talentPoolMutations: MutationResolvers = {
  recordTalentPoolMember: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordTalentPoolMember',
      input,
      async (em) => {
        const regionCode = regionCodeOf(input.regionCode, 'regionCode', [...PLACES]);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        await poolNode(em, regionCode, 'regionCode');
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const enteredOn = eventDay(input.enteredOn, 'enteredOn', '入库日期');
        const district = districtOf(regionCode);
        const { id, number } = await newRecordKey(em, TalentPoolMember, {
          given: input.id,
          label: '登记编号',
          table: 'talent_pool_member',
          district,
          prefix: `RC${enteredOn.slice(0, 4)}`,
          width: 4,
        });
        const person = await namedPerson(ctx, em, district, idNumber, name, 'name');
        await assertNotInPool(em, { id, personId: person.id, districtCode: district });
        return em.create(TalentPoolMember, {
          id,
          districtCode: district,
          number,
          regionCode,
          personId: person.id,
          category: input.category,
          specialty: optionalText(input.specialty, 'specialty', '专长', 200),
          enteredOn,
          leftOn: null,
        });
      },
      (m) => `TalentPoolMember:${m.id}`,
    ),
  removeTalentPoolMember: (_, args, ctx) =>
    audited(
      ctx,
      'removeTalentPoolMember',
      args,
      async (em) => {
        const m = await recordToChange(ctx, em, TALENT_POOL_RECORD, args.id);
        if (m.leftOn) throw conflict(`已于${m.leftOn}出库 / already left the pool on ${m.leftOn}`, 'id');
        m.leftOn = eventDay(args.leftOn, 'leftOn', '出库日期', { day: m.enteredOn, after: '入库日期' });
        return m;
      },
      (m) => `TalentPoolMember:${m.id}`,
    ),
  correctTalentPoolMember: correction<TalentPoolMember, CorrectTalentPoolMemberInput>(
    TALENT_POOL_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.regionCode) {
        const code = sameDistrict(await poolNode(em, input.regionCode, 'regionCode'), row.districtCode, 'regionCode');
        assertCanWrite(ctx.caller, DEPARTMENT, code);
        change.set(row, 'regionCode', code);
      }
      await correctPerson(ctx, em, change, row, { name: 'name', idNumber: 'idNumber' }, { name: input.name, idNumber: input.idNumber });
      if (input.category) change.set(row, 'category', input.category);
      if (input.specialty !== undefined) change.set(row, 'specialty', optionalText(input.specialty, 'specialty', '专长', 200));
      if (input.enteredOn) change.set(row, 'enteredOn', optionalDay(input.enteredOn, 'enteredOn', '入库日期')!);
      if (input.leftOn !== undefined) change.set(row, 'leftOn', optionalDay(input.leftOn, 'leftOn', '出库日期') ?? null);
      if (row.leftOn && row.leftOn < row.enteredOn) throw badInput('出库日期早于入库日期 / left before entering the pool', 'leftOn');
      await assertNotInPool(em, row);
    },
  ),
  withdrawTalentPoolMember: withdrawal(TALENT_POOL_RECORD),
};
