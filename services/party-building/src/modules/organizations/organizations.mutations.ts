import {
  assertCanWrite,
  audited,
  badInput,
  conflict,
  creditCodeProblem,
  normaliseCreditCode,
  notFound,
  todayInChina,
  type RequestContext,
} from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InstructorAssignment, PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './organization.entity';
import { Instructor } from '../instructors/instructor.entity';

const DEPARTMENT = 'party-building';

/** A credit code argument, checked against GB 32100 and found in the ledger. */
export async function ledgerOrganization(em: EntityManager, raw: string, field: string): Promise<TwoNewOrganization> {
  const problem = creditCodeProblem(raw);
  if (problem) throw badInput(`统一社会信用代码无效：${problem.reason} / invalid credit code`, field);
  const org = await em.findOne(TwoNewOrganization, { creditCode: normaliseCreditCode(raw) });
  if (!org) throw badInput(`两新台账中没有该组织 / no organisation with credit code ${normaliseCreditCode(raw)} in the ledger`, field);
  return org;
}

/** A day of daily work: not in the future, not before `earliest`. */
export function workDay(day: string, field: string, earliest?: { day: string; what: string }): string {
  if (day > todayInChina()) throw badInput(`日期不能晚于今日 / ${field} cannot be in the future`, field);
  if (earliest && day < earliest.day) throw badInput(`日期不能早于${earliest.what} / ${field} cannot be before ${earliest.day}`, field);
  return day;
}

/** The street all units lie in, or their district when they lie in several. */
function commonRegion(codes: string[]): string {
  const streets = new Set(codes.map((c) => c.slice(0, 9)));
  if (streets.size === 1) return codes.every((c) => c === codes[0]) ? codes[0] : `${[...streets][0]}000`;
  return `${codes[0].slice(0, 6)}000000`;
}

/** Joins a unit to a Party organisation from `day`, reopening an earlier stint in the same organisation. */
async function joinUnit(em: EntityManager, creditCode: string, partyOrganizationId: number, day: string) {
  const current = await em.findOne(PartyOrgUnit, { creditCode, leftOn: null });
  if (current) throw conflict(`该组织已有党组织 / ${creditCode} is already covered by a Party organisation`);
  const stint = await em.findOne(PartyOrgUnit, { creditCode, partyOrganizationId });
  if (stint) Object.assign(stint, { joinedOn: day, leftOn: null });
  else em.create(PartyOrgUnit, { creditCode, partyOrganizationId, joinedOn: day });
}

function uniqueCodes(codes: string[], field: string): string[] {
  const normalised = codes.map(normaliseCreditCode);
  if (new Set(normalised).size !== normalised.length) throw badInput(`单位重复 / a unit is listed twice`, field);
  return normalised;
}

async function refreshRegion(em: EntityManager, p: PartyOrganization) {
  const units = await em.find(PartyOrgUnit, { partyOrganizationId: p.id, leftOn: null });
  const orgs = await em.find(TwoNewOrganization, { creditCode: { $in: units.map((u) => u.creditCode) } });
  if (orgs.length) p.regionCode = commonRegion(orgs.map((o) => o.regionCode));
}

export /** Joint organisations are told apart by name; standalone ones by their unit (units may share a name). */
async function assertJointNameFree(em: EntityManager, formation: string, name: string) {
  if (formation === 'JOINT' && (await em.findOne(PartyOrganization, { formation: 'JOINT', name }))) {
    throw conflict(`联合党组织名称已存在 / a joint Party organisation named ${name} exists`);
  }
}

export interface RegisterInput {
  name: string;
  type: 'SINGLE' | 'JOINT';
  foundedOn: string;
  unitCreditCodes: string[];
}

async function registerPartyOrganization(ctx: RequestContext, input: RegisterInput) {
  const name = input.name.trim();
  if (!name) throw badInput('党组织名称不能为空 / name is required', 'name');
  workDay(input.foundedOn, 'foundedOn');
  if (input.type === 'SINGLE' && input.unitCreditCodes.length !== 1) {
    throw badInput('单独组建的党组织覆盖且仅覆盖1家单位 / a standalone organisation covers exactly one unit', 'unitCreditCodes');
  }
  if (input.type === 'JOINT' && input.unitCreditCodes.length < 2) {
    throw badInput('联合组建的党组织至少覆盖2家单位 / a joint organisation covers at least two units', 'unitCreditCodes');
  }
  return audited(
    ctx,
    'registerPartyOrganization',
    input,
    async (em) => {
      const units = [];
      for (const code of uniqueCodes(input.unitCreditCodes, 'unitCreditCodes'))
        units.push(await ledgerOrganization(em, code, 'unitCreditCodes'));
      for (const unit of units) assertCanWrite(ctx.caller, DEPARTMENT, unit.regionCode);
      await assertJointNameFree(em, input.type, name);
      const naturalKey = input.type === 'JOINT' ? `JOINT:${name}` : `SINGLE:${units[0].creditCode}:${input.foundedOn}`;
      if (await em.findOne(PartyOrganization, { naturalKey }))
        throw conflict(`该党组织已登记 / this Party organisation is registered already`);
      const p = em.create(PartyOrganization, {
        name,
        formation: input.type,
        foundedOn: input.foundedOn,
        naturalKey,
        regionCode: commonRegion(units.map((u) => u.regionCode)),
      });
      await em.flush();
      for (const unit of units) await joinUnit(em, unit.creditCode, p.id, input.foundedOn);
      await em.flush();
      return p;
    },
    (p) => `PartyOrganization:${p.id}`,
  );
}

export interface UpdateInput {
  name?: string | null;
  foundedOn?: string | null;
  addUnitCreditCodes?: string[] | null;
  removeUnitCreditCodes?: string[] | null;
  unitsChangedOn?: string | null;
}

async function updatePartyOrganization(ctx: RequestContext, id: string, input: UpdateInput) {
  return audited(
    ctx,
    'updatePartyOrganization',
    { id, ...input },
    async (em) => {
      const p = /^\d{1,9}$/.test(id) ? await em.findOne(PartyOrganization, { id: Number(id) }) : null;
      if (!p) throw notFound(`没有该党组织 / no Party organisation ${id}`);
      const current = await em.find(PartyOrgUnit, { partyOrganizationId: p.id, leftOn: null });
      const currentOrgs = await em.find(TwoNewOrganization, { creditCode: { $in: current.map((u) => u.creditCode) } });
      for (const o of currentOrgs) assertCanWrite(ctx.caller, DEPARTMENT, o.regionCode);
      if (!currentOrgs.length) assertCanWrite(ctx.caller, DEPARTMENT, p.regionCode);

      if (input.name !== null && input.name !== undefined) {
        const name = input.name.trim();
        if (!name) throw badInput('党组织名称不能为空 / name cannot be blank', 'name');
        if (name !== p.name) await assertJointNameFree(em, p.formation, name);
        p.name = name;
      }
      if (input.foundedOn) {
        // a corrected founding day moves the stints that began with the organisation
        const day = workDay(input.foundedOn, 'foundedOn');
        for (const u of await em.find(PartyOrgUnit, { partyOrganizationId: p.id })) {
          if (u.joinedOn === p.foundedOn || u.joinedOn < day) u.joinedOn = day;
          if (u.leftOn && u.leftOn <= u.joinedOn) throw badInput('成立日期晚于单位退出日期 / founding date after a unit left', 'foundedOn');
        }
        p.foundedOn = day;
      }
      const changedOn = workDay(input.unitsChangedOn ?? todayInChina(), 'unitsChangedOn', {
        day: p.foundedOn,
        what: '党组织成立日期 / founding date',
      });
      const added = uniqueCodes(input.addUnitCreditCodes ?? [], 'addUnitCreditCodes');
      if (added.length && p.formation === 'SINGLE') {
        throw badInput('单独组建的党组织只覆盖1家单位 / a standalone organisation covers one unit only', 'addUnitCreditCodes');
      }
      for (const code of added) {
        const unit = await ledgerOrganization(em, code, 'addUnitCreditCodes');
        assertCanWrite(ctx.caller, DEPARTMENT, unit.regionCode);
        await joinUnit(em, unit.creditCode, p.id, changedOn);
      }
      for (const code of uniqueCodes(input.removeUnitCreditCodes ?? [], 'removeUnitCreditCodes')) {
        const stint = current.find((u) => u.creditCode === code);
        if (!stint) throw badInput(`该单位不在此党组织中 / ${code} is not a unit of this organisation`, 'removeUnitCreditCodes');
        if (changedOn <= stint.joinedOn) throw badInput('退出日期应晚于纳入日期 / a unit leaves after it joined', 'unitsChangedOn');
        stint.leftOn = changedOn;
      }
      await em.flush();
      await refreshRegion(em, p);
      return p;
    },
    (p) => `PartyOrganization:${p.id}`,
  );
}

/** One instructor per organisation: a new assignment withdraws the current one on its first day. */
async function assignInstructor(ctx: RequestContext, args: { creditCode: string; instructorCode: string; assignedOn: string }) {
  return audited(
    ctx,
    'assignInstructor',
    args,
    async (em) => {
      const org = await ledgerOrganization(em, args.creditCode, 'creditCode');
      assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
      const instructor = await em.findOne(Instructor, { code: args.instructorCode.trim() });
      if (!instructor) throw badInput(`没有该指导员 / no instructor ${args.instructorCode}`, 'instructorCode');
      workDay(args.assignedOn, 'assignedOn', { day: instructor.dispatchedOn, what: '指导员派驻日期 / the instructor was dispatched' });
      const active = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, withdrawnOn: null });
      if (active?.instructorCode === instructor.code) throw conflict('该指导员已派驻该组织 / this instructor is already assigned here');
      if (active) {
        if (args.assignedOn <= active.assignedOn)
          throw badInput('派驻日期应晚于现任指导员的派驻日期 / assign after the current instructor was assigned', 'assignedOn');
        active.withdrawnOn = args.assignedOn;
      }
      const stint = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, instructorCode: instructor.code });
      if (stint) Object.assign(stint, { assignedOn: args.assignedOn, withdrawnOn: null });
      else em.create(InstructorAssignment, { creditCode: org.creditCode, instructorCode: instructor.code, assignedOn: args.assignedOn });
      await em.flush();
      return org;
    },
    (o) => `TwoNewOrganization:${o.creditCode}`,
  );
}

async function withdrawInstructor(ctx: RequestContext, args: { creditCode: string; withdrawnOn: string }) {
  return audited(
    ctx,
    'withdrawInstructor',
    args,
    async (em) => {
      const org = await ledgerOrganization(em, args.creditCode, 'creditCode');
      assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
      const active = await em.findOne(InstructorAssignment, { creditCode: org.creditCode, withdrawnOn: null });
      if (!active) throw badInput('该组织没有在派指导员 / no instructor is assigned to this organisation', 'creditCode');
      active.withdrawnOn = workDay(args.withdrawnOn, 'withdrawnOn', { day: active.assignedOn, what: '派驻日期 / the assignment began' });
      await em.flush();
      return org;
    },
    (o) => `TwoNewOrganization:${o.creditCode}`,
  );
}

export const organizationMutations = {
  registerPartyOrganization: (_: unknown, { input }: { input: RegisterInput }, ctx: RequestContext) =>
    registerPartyOrganization(ctx, input),
  updatePartyOrganization: (_: unknown, { id, input }: { id: string; input: UpdateInput }, ctx: RequestContext) =>
    updatePartyOrganization(ctx, id, input),
  assignInstructor: (_: unknown, args: { creditCode: string; instructorCode: string; assignedOn: string }, ctx: RequestContext) =>
    assignInstructor(ctx, args),
  withdrawInstructor: (_: unknown, args: { creditCode: string; withdrawnOn: string }, ctx: RequestContext) => withdrawInstructor(ctx, args),
};
