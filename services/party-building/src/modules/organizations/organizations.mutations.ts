import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtNode, districtOf, globalId, inScope, parseGlobalId, streetOf } from '@district/common';
import {
  assertInRegionTree,
  assertKeyFree,
  assertStep,
  audited,
  ChangeSet,
  correction,
  creditCodeOf,
  defineLoop,
  defineRecord,
  eventDay,
  NOTE_MAX,
  notFuture,
  optionalText,
  recordId,
  recordToChange,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  writeHistory,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectTwoNewOrganizationInput, MutationResolvers, TwoNewCategory } from '../../generated/graphql';
import { Instructor } from '../instructors/instructor.entity';
import { keyAreaOf } from '../key-areas/key-areas.mutations';
import { InstructorAssignment, PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './organization.entity';

const DEPARTMENT = 'party-building';

/** An instructor's assignment to a unit: assigned → withdrawn. A new assignment opens a new stint. */
export const ASSIGNMENT_LOOP = defineLoop<'ASSIGNED' | 'WITHDRAWN'>({
  states: ['ASSIGNED', 'WITHDRAWN'],
  labels: { ASSIGNED: '在派', WITHDRAWN: '已撤回' },
  what: '指导员派驻',
});

/** An organization of the "two new" ledger; its stints of coverage go with it; contacts name it. */
export const TWO_NEW_RECORD = defineRecord<TwoNewOrganization>({
  type: 'TwoNewOrganization',
  entity: TwoNewOrganization,
  label: ['两新组织', 'organization'],
  owner: DEPARTMENT,
  placeOf: (o) => o.regionCode,
  idOf: (o) => o.creditCode,
  lookup: (_ctx, given, field) => ({ creditCode: creditCodeOf(given, field) }),
  owns: [
    { table: 'party_org_unit', column: 'credit_code' },
    { table: 'instructor_assignment', column: 'credit_code' },
  ],
  referencedBy: [{ table: 'instructor_contact', column: 'credit_code', label: ['联系走访记录', 'contacts'] }],
});

/** A Party organization; its units' stints go with it. */
export const PARTY_ORG_RECORD = defineRecord<PartyOrganization>({
  type: 'PartyOrganization',
  entity: PartyOrganization,
  label: ['党组织', 'Party organization'],
  owner: DEPARTMENT,
  placeOf: (p) => p.regionCode,
  idOf: (p) => globalId(p.districtCode, String(p.id)),
  lookup: async (ctx, given, field) => {
    const { district, local } = parseGlobalId(await recordId(ctx, given, field), field);
    return { districtCode: district, id: /^\d{1,9}$/.test(local) ? Number(local) : -1 };
  },
  owns: [{ table: 'party_org_unit', column: 'party_organization_id', key: (p) => p.id }],
});

/** An organization sits at its street or a community of it, in the region tree. */
async function organizationPlace(ctx: RequestContext, raw: string): Promise<string> {
  const code = regionCodeOf(raw, 'regionCode', ['STREET', 'COMMUNITY']);
  assertCanWrite(ctx.caller, DEPARTMENT, code);
  await assertInRegionTree(ctx, 'regions', code, 'regionCode');
  return code;
}

/** Enterprises say whether they are key: only key ones count in the enterprise coverage rate. */
function keyOf(category: TwoNewCategory, isKey: boolean | null | undefined): boolean {
  if (category === 'ENTERPRISE' && (isKey === null || isKey === undefined)) {
    throw badInput('非公企业须填写是否重点 / a non-public enterprise needs isKey', 'isKey');
  }
  return category === 'ENTERPRISE' ? !!isKey : false;
}

/** A credit code argument, checked against GB 32100 and found in the ledger. */
export async function ledgerOrganization(ctx: RequestContext, em: EntityManager, raw: string, field: string): Promise<TwoNewOrganization> {
  const creditCode = creditCodeOf(raw, field);
  const org = await em.findOne(TwoNewOrganization, { creditCode });
  // an organization outside the caller's region is answered as one the ledger lacks: the refusal tells nothing of it
  if (!org || !inScope(ctx.caller, org.regionCode))
    throw badInput(`两新台账中没有该组织 / no organization with this credit code in the "two new" ledger`, field);
  return org;
}

/** The unit's own node, its street when units lie in one street, else their district's node. */
function commonRegion(codes: string[]): string {
  if (codes.every((c) => c === codes[0])) return codes[0];
  const streets = new Set(codes.map(streetOf));
  return streets.size === 1 ? [...streets][0] : districtNode(codes[0]);
}

/** Every unit of one Party organization lies in one district. */
function sameDistrict(units: TwoNewOrganization[], district: string, field: string): void {
  if (units.some((u) => u.districtCode !== district)) {
    throw badInput('党组织覆盖的单位须属于同一区县 / the units of a Party organization lie in one district', field);
  }
}

/** A unit joins a Party organization from `day`: its stint there is opened (or reopened), and its row says so. */
async function joinUnit(em: EntityManager, unit: TwoNewOrganization, partyOrganizationId: number, day: string) {
  if (unit.partyOrganizationId) throw conflict('该组织已有党组织 / the unit is already covered by a Party organization', 'unitCreditCodes');
  const stint = await em.findOne(PartyOrgUnit, { creditCode: unit.creditCode, partyOrganizationId });
  if (stint) Object.assign(stint, { joinedOn: day, leftOn: null });
  else em.create(PartyOrgUnit, { creditCode: unit.creditCode, partyOrganizationId, joinedOn: day });
  unit.partyOrganizationId = partyOrganizationId;
  unit.partyJoinedOn = day;
}

function uniqueCodes(codes: readonly string[], field: string): string[] {
  const normalised = codes.map((c) => creditCodeOf(c, field));
  if (new Set(normalised).size !== normalised.length) throw badInput('单位重复 / a unit is listed twice', field);
  return normalised;
}

/** Joint organizations are told apart by name within their district; standalone ones by their unit (units may share a name). */
async function assertJointNameFree(em: EntityManager, district: string, formation: string, name: string) {
  if (formation === 'JOINT' && (await em.findOne(PartyOrganization, { districtCode: district, formation: 'JOINT', name }))) {
    throw conflict(`联合党组织名称已存在 / a joint Party organization of this name exists in the district`, 'name');
  }
}

/** One instructor per unit: a new assignment withdraws the current one on its first day. */
async function assign(
  ctx: RequestContext,
  em: EntityManager,
  args: { creditCode: string; instructorCode: string; assignedOn?: string | null },
) {
  const org = await ledgerOrganization(ctx, em, args.creditCode, 'creditCode');
  assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
  const instructor = await em.findOne(Instructor, { id: await recordId(ctx, args.instructorCode, 'instructorCode') });
  if (!instructor || instructor.districtCode !== org.districtCode) {
    throw badInput(`本区县没有该指导员 / no such instructor in the organization's district: ${args.instructorCode}`, 'instructorCode');
  }
  const day = eventDay(args.assignedOn, 'assignedOn', '派驻日期', { day: instructor.dispatchedOn, after: '指导员派驻日期' });
  const active = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, recalledOn: null });
  if (active?.instructorId === instructor.id)
    throw conflict('该指导员已派驻该组织 / this instructor is already assigned here', 'instructorCode');
  if (active) {
    if (day <= active.assignedOn) {
      throw badInput(
        `派驻日期应晚于现任指导员的派驻日期（${active.assignedOn}）/ assign after the current instructor was assigned`,
        'assignedOn',
      );
    }
    active.recalledOn = day;
  }
  const stint = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, instructorId: instructor.id });
  if (stint) Object.assign(stint, { assignedOn: day, recalledOn: null });
  else em.create(InstructorAssignment, { creditCode: org.creditCode, instructorId: instructor.id, assignedOn: day });
  org.instructorId = instructor.id;
  return org;
}

async function withdraw(ctx: RequestContext, em: EntityManager, args: { creditCode: string; withdrawnOn?: string | null }) {
  const org = await ledgerOrganization(ctx, em, args.creditCode, 'creditCode');
  assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
  const active = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, recalledOn: null });
  assertStep(ASSIGNMENT_LOOP, active ? 'ASSIGNED' : 'WITHDRAWN', 'WITHDRAWN');
  active!.recalledOn = eventDay(args.withdrawnOn, 'withdrawnOn', '撤回日期', { day: active!.assignedOn, after: '派驻日期' });
  org.instructorId = null;
  return org;
}

export const organizationMutations: MutationResolvers = {
  registerPartyOrganization: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerPartyOrganization',
      input,
      async (em) => {
        const name = requiredText(input.name, 'name', '党组织名称');
        const foundedOn = notFuture(input.foundedOn, 'foundedOn', '成立日期');
        const codes = uniqueCodes(input.unitCreditCodes, 'unitCreditCodes');
        if (input.type === 'SINGLE' && codes.length !== 1) {
          throw badInput('单独组建的党组织覆盖且仅覆盖1家单位 / a standalone organization covers exactly one unit', 'unitCreditCodes');
        }
        if (input.type === 'JOINT' && codes.length < 2) {
          throw badInput('联合组建的党组织至少覆盖2家单位 / a joint organization covers at least two units', 'unitCreditCodes');
        }
        const units: TwoNewOrganization[] = [];
        for (const code of codes) units.push(await ledgerOrganization(ctx, em, code, 'unitCreditCodes'));
        for (const unit of units) assertCanWrite(ctx.caller, DEPARTMENT, unit.regionCode);
        const district = units[0].districtCode;
        sameDistrict(units, district, 'unitCreditCodes');
        await assertJointNameFree(em, district, input.type, name);
        const naturalKey = input.type === 'JOINT' ? `JOINT:${name}` : `SINGLE:${units[0].creditCode}:${foundedOn}`;
        if (await em.findOne(PartyOrganization, { districtCode: district, naturalKey })) {
          throw conflict('该党组织已登记 / this Party organization is registered already');
        }
        const p = em.create(PartyOrganization, {
          districtCode: district,
          name,
          formation: input.type,
          foundedOn,
          naturalKey,
          regionCode: commonRegion(units.map((u) => u.regionCode)),
        });
        await em.flush();
        for (const unit of units) await joinUnit(em, unit, p.id, foundedOn);
        return p;
      },
      (p) => `PartyOrganization:${globalId(p.districtCode, String(p.id))}`,
    ),

  updatePartyOrganization: (_, { id, input, reason }, ctx, info) =>
    audited(
      ctx,
      'updatePartyOrganization',
      { id, ...input, reason },
      async (em) => {
        // a withdrawn organization is CONFLICT here as in every correction, not a silent NOT_FOUND
        const p = await recordToChange(ctx, em, PARTY_ORG_RECORD, id);
        const current = await em.find(TwoNewOrganization, { partyOrganizationId: p.id });
        for (const o of current) assertCanWrite(ctx.caller, DEPARTMENT, o.regionCode);
        const why = optionalText(reason, 'reason', '修改原因', NOTE_MAX);
        // a new name or founding day replaces a value the organization held: the earlier one is kept in its history
        const change = new ChangeSet();

        if (input.name !== null && input.name !== undefined) {
          const name = requiredText(input.name, 'name', '党组织名称');
          if (name !== p.name) await assertJointNameFree(em, p.districtCode, p.formation, name);
          change.set(p, 'name', name);
        }
        if (input.foundedOn) {
          // a corrected founding day moves the stints that began with the organization
          const day = notFuture(input.foundedOn, 'foundedOn', '成立日期');
          for (const u of await em.find(PartyOrgUnit, { partyOrganizationId: p.id })) {
            if (u.joinedOn === p.foundedOn || u.joinedOn < day) u.joinedOn = day;
            if (u.leftOn && u.leftOn <= u.joinedOn)
              throw badInput('成立日期晚于单位退出日期 / founding date after a unit left', 'foundedOn');
            const unit = current.find((o) => o.creditCode === u.creditCode && !u.leftOn);
            if (unit) unit.partyJoinedOn = u.joinedOn;
          }
          change.set(p, 'foundedOn', day);
        }
        await writeHistory(em, ctx, PARTY_ORG_RECORD, PARTY_ORG_RECORD.idOf(p), info.fieldName, change.entries, why);
        const changedOn = eventDay(input.unitsChangedOn, 'unitsChangedOn', '单位变动日期', { day: p.foundedOn, after: '党组织成立日期' });
        const added = uniqueCodes(input.addUnitCreditCodes ?? [], 'addUnitCreditCodes');
        if (added.length && p.formation === 'SINGLE') {
          throw badInput('单独组建的党组织只覆盖1家单位 / a standalone organization covers one unit only', 'addUnitCreditCodes');
        }
        const joined: TwoNewOrganization[] = [];
        for (const code of added) {
          const unit = await ledgerOrganization(ctx, em, code, 'addUnitCreditCodes');
          assertCanWrite(ctx.caller, DEPARTMENT, unit.regionCode);
          sameDistrict([unit], p.districtCode, 'addUnitCreditCodes');
          await joinUnit(em, unit, p.id, changedOn);
          joined.push(unit);
        }
        const left = new Set<string>();
        for (const code of uniqueCodes(input.removeUnitCreditCodes ?? [], 'removeUnitCreditCodes')) {
          const unit = current.find((o) => o.creditCode === code);
          const stint = unit && (await em.findOne(PartyOrgUnit, { creditCode: code, partyOrganizationId: p.id, leftOn: null }));
          if (!unit || !stint)
            throw badInput('该单位不在此党组织中 / the unit is not covered by this organization', 'removeUnitCreditCodes');
          if (changedOn <= stint.joinedOn) throw badInput('退出日期应晚于纳入日期 / a unit leaves after it joined', 'unitsChangedOn');
          stint.leftOn = changedOn;
          unit.partyOrganizationId = null;
          unit.partyJoinedOn = null;
          left.add(code);
        }
        const now = [...current.filter((o) => !left.has(o.creditCode)), ...joined];
        if (now.length) p.regionCode = commonRegion(now.map((o) => o.regionCode));
        return p;
      },
      (p) => `PartyOrganization:${globalId(p.districtCode, String(p.id))}`,
    ),

  assignPartyInstructor: (_, args, ctx) =>
    audited(
      ctx,
      'assignPartyInstructor',
      args,
      (em) => assign(ctx, em, args),
      (o) => `TwoNewOrganization:${o.creditCode}`,
    ),

  recallPartyInstructor: (_, args, ctx) =>
    audited(
      ctx,
      'recallPartyInstructor',
      args,
      (em) => withdraw(ctx, em, args),
      (o) => `TwoNewOrganization:${o.creditCode}`,
    ),

  createTwoNewOrganization: (_, { input }, ctx) =>
    audited(
      ctx,
      'createTwoNewOrganization',
      input,
      async (em) => {
        const creditCode = creditCodeOf(input.creditCode, 'creditCode');
        const regionCode = await organizationPlace(ctx, input.regionCode);
        await assertKeyFree(em, TwoNewOrganization, { creditCode }, 'creditCode', `两新组织 ${creditCode} `);
        return em.create(TwoNewOrganization, {
          creditCode,
          districtCode: districtOf(regionCode),
          name: requiredText(input.name, 'name', '组织名称'),
          category: input.category,
          isKey: keyOf(input.category, input.isKey),
          regionCode,
          partyMembers: wholeNumber(input.partyMembers, 'partyMembers', '党员人数', 0, 100_000),
          partyOrganizationId: null,
          partyJoinedOn: null,
          instructorId: null,
        });
      },
      (o) => `TwoNewOrganization:${o.creditCode}`,
    ),
  correctTwoNewOrganization: correction<TwoNewOrganization, CorrectTwoNewOrganizationInput, 'creditCode'>(
    TWO_NEW_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '组织名称'));
      if (input.category) change.set(row, 'category', input.category);
      if (input.isKey !== undefined || change.has('category')) change.set(row, 'isKey', keyOf(row.category, input.isKey ?? row.isKey));
      if (input.partyMembers !== undefined && input.partyMembers !== null)
        change.set(row, 'partyMembers', wholeNumber(input.partyMembers, 'partyMembers', '党员人数', 0, 100_000));
      if (input.regionCode) {
        const code = await organizationPlace(ctx, input.regionCode);
        if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'regionCode');
        change.set(row, 'regionCode', code);
      }
      if (input.keyAreaCode !== undefined)
        change.set(
          row,
          'keyAreaId',
          input.keyAreaCode === null ? null : (await keyAreaOf(ctx, em, input.keyAreaCode, row.districtCode, 'keyAreaCode')).id,
          'keyAreaCode',
        );
    },
    'creditCode',
  ),
  withdrawTwoNewOrganization: withdrawal(TWO_NEW_RECORD, { idArg: 'creditCode' }),
  withdrawPartyOrganization: withdrawal(PARTY_ORG_RECORD, {
    // its units are covered by it no more
    after: async ({ em, row }) => {
      for (const unit of await em.find(TwoNewOrganization, { partyOrganizationId: row.id })) {
        unit.partyOrganizationId = null;
        unit.partyJoinedOn = null;
      }
    },
  }),
};
