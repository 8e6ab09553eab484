import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtNode, globalId } from '@district/common';
import {
  assertKeyFree,
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  districtFor,
  eventDay,
  idNumberOf,
  localNumberOf,
  nextNumber,
  NOTE_MAX,
  notFuture,
  optionalText,
  phoneOf,
  recordId,
  recordToChange,
  requiredText,
  withdrawal,
  type Correcting,
} from '@district/subgraph-kit';
import type { CorrectInstructorContactInput, CorrectPartyInstructorInput, MutationResolvers } from '../../generated/graphql';
import { InstructorAssignment } from '../organizations/organization.entity';
import { ledgerOrganization } from '../organizations/organizations.mutations';
import { Instructor, InstructorContact } from './instructor.entity';

const DEPARTMENT = 'party-building';

/** A problem a contact found: found → solved, once. */
export const PROBLEM_LOOP = defineLoop<'FOUND' | 'SOLVED'>({
  states: ['FOUND', 'SOLVED'],
  labels: { FOUND: '待解决', SOLVED: '已解决' },
  what: '发现的问题',
});

/** An instructor, dispatched by a district and sitting at its node; assignments and contacts name them. */
export const INSTRUCTOR_RECORD = defineRecord<Instructor>({
  type: 'PartyInstructor',
  entity: Instructor,
  label: ['党建工作指导员', 'instructor'],
  owner: DEPARTMENT,
  placeOf: (i) => i.regionCode,
  idOf: (i) => i.id,
  referencedBy: [
    { table: 'instructor_assignment', column: 'instructor_id', label: ['派驻记录', 'assignments'] },
    { table: 'instructor_contact', column: 'instructor_id', label: ['联系走访记录', 'contacts'] },
  ],
  personal: { name: 'NAME', idNumber: 'ID_NUMBER', phone: 'PHONE' },
});

/** A contact sits where its organization sat when contacted. */
export const CONTACT_RECORD = defineRecord<InstructorContact>({
  type: 'PartyInstructorContact',
  entity: InstructorContact,
  label: ['联系走访记录', 'contact'],
  owner: DEPARTMENT,
  placeOf: (c) => c.regionCode,
  idOf: (c) => c.id,
});

/**
 * A contact is the work of an instructor dispatched by then, with an organization assigned to them
 * that day: anything else is refused (the ledgers' backlog holds such rows; a clerk entering one now
 * has mistyped the day or the organization).
 */
async function assertContactPlausible(em: EntityManager, instructor: Instructor, creditCode: string, day: string): Promise<void> {
  if (day < instructor.dispatchedOn) {
    throw badInput(
      `联系日期早于该指导员的派驻日期 ${instructor.dispatchedOn} / the contact is before the instructor was dispatched`,
      'date',
    );
  }
  const assigned = await em.count(InstructorAssignment, {
    creditCode,
    instructorId: instructor.id,
    assignedOn: { $lte: day },
    $or: [{ recalledOn: null }, { recalledOn: { $gt: day } }],
  });
  if (!assigned) {
    throw conflict(`该组织在${day}未派驻此指导员 / the organization was not assigned to this instructor that day`, 'creditCode');
  }
}

async function applyInstructorCorrection({ ctx, em, row, change }: Correcting<Instructor>, input: CorrectPartyInstructorInput) {
  if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '姓名', 50));
  if (input.idNumber !== undefined) {
    change.set(row, 'idNumber', idNumberOf(input.idNumber ?? '', 'idNumber'));
    row.personHash = ctx.personKey.hash(row.idNumber);
  }
  if (input.phone !== undefined) change.set(row, 'phone', phoneOf(input.phone, 'phone'));
  if (input.source) change.set(row, 'source', input.source);
  if (input.dispatchedOn) {
    const day = notFuture(input.dispatchedOn, 'dispatchedOn', '派驻日期');
    const first = await em.findOne(InstructorAssignment, { instructorId: row.id }, { orderBy: { assignedOn: 'asc' } });
    if (first && first.assignedOn < day)
      throw badInput(`派驻日期晚于其首次派驻组织（${first.assignedOn}）/ dispatched after an assignment`, 'dispatchedOn');
    change.set(row, 'dispatchedOn', day);
  }
}

async function applyContactCorrection({ em, row, change }: Correcting<InstructorContact>, input: CorrectInstructorContactInput) {
  if (input.date) {
    const day = notFuture(input.date, 'date', '联系日期');
    await assertContactPlausible(em, await em.findOneOrFail(Instructor, { id: row.instructorId }), row.creditCode, day);
    change.set(row, 'contactedOn', day, 'date');
  }
  if (input.kind) change.set(row, 'kind', input.kind);
  if (input.problemFound !== undefined) {
    const problem = optionalText(input.problemFound, 'problemFound', '发现问题', NOTE_MAX);
    change.set(row, 'problem', problem, 'problemFound');
    if (!problem) {
      change.set(row, 'problemCategory', null);
      change.set(row, 'solved', null);
      change.set(row, 'solvedOn', null);
    } else if (row.solved === null || row.solved === undefined) change.set(row, 'solved', false);
  }
  if (input.problemCategory) change.set(row, 'problemCategory', input.problemCategory);
  if (row.problem && !row.problemCategory) throw badInput('发现问题时须填写问题类别 / a problem needs its category', 'problemCategory');
  if (!row.problem && input.problemCategory) throw badInput('有问题类别但未填写问题 / a category without a problem', 'problemFound');
  if (input.solvedOn !== undefined) {
    if (!row.problem && input.solvedOn) throw badInput('该记录未发现问题 / this contact found no problem', 'solvedOn');
    const day = input.solvedOn === null ? null : notFuture(input.solvedOn, 'solvedOn', '解决日期');
    change.set(row, 'solvedOn', day);
    change.set(row, 'solved', day !== null);
  }
  if (row.solvedOn && row.solvedOn < row.contactedOn) throw badInput('解决日期早于联系日期 / solved before it was found', 'solvedOn');
}

export const instructorMutations: MutationResolvers = {
  recordPartyInstructorContact: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordPartyInstructorContact',
      input,
      async (em) => {
        const org = await ledgerOrganization(ctx, em, input.creditCode, 'creditCode');
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        const instructor = await em.findOne(Instructor, { id: await recordId(ctx, input.instructorCode, 'instructorCode') });
        if (!instructor || instructor.districtCode !== org.districtCode) {
          throw badInput(
            `本区县没有该指导员 / no such instructor in the organization's district: ${input.instructorCode}`,
            'instructorCode',
          );
        }
        const day = notFuture(input.date, 'date', '联系日期');
        await assertContactPlausible(em, instructor, org.creditCode, day);
        const problem = optionalText(input.problemFound, 'problemFound', '发现问题', NOTE_MAX);
        if (problem && !input.problemCategory) throw badInput('发现问题时须填写问题类别 / a problem needs its category', 'problemCategory');
        if (!problem && input.problemCategory) throw badInput('有问题类别但未填写问题 / a category without a problem', 'problemFound');
        // record numbers continue the ledger's: ZF + year + a five-digit sequence (ZF202500641), per district
        const number = await nextNumber(em, {
          table: 'instructor_contact',
          column: 'number',
          district: org.districtCode,
          prefix: `ZF${day.slice(0, 4)}`,
          width: 5,
        });
        return em.create(InstructorContact, {
          id: globalId(org.districtCode, number),
          districtCode: org.districtCode,
          number,
          instructorId: instructor.id,
          creditCode: org.creditCode,
          contactedOn: day,
          kind: input.kind,
          problem,
          problemCategory: problem ? input.problemCategory : null,
          solved: problem ? false : null,
          solvedOn: null,
          regionCode: org.regionCode,
        });
      },
      (c) => `PartyInstructorContact:${c.id}`,
    ),

  recordPartyInstructorProblemSolved: (_, args, ctx) =>
    audited(
      ctx,
      'recordPartyInstructorProblemSolved',
      args,
      async (em) => {
        const contact = await recordToChange(ctx, em, CONTACT_RECORD, args.contactCode, 'contactCode');
        if (!contact.problem) throw badInput('该记录未发现问题 / this contact found no problem', 'contactCode');
        assertStep(PROBLEM_LOOP, contact.solved ? 'SOLVED' : 'FOUND', 'SOLVED');
        contact.solvedOn = eventDay(args.solvedOn, 'solvedOn', '解决日期', { day: contact.contactedOn, after: '发现问题的日期' });
        contact.solved = true;
        return contact;
      },
      (c) => `PartyInstructorContact:${c.id}`,
    ),

  dispatchPartyInstructor: (_, { input }, ctx) =>
    audited(
      ctx,
      'dispatchPartyInstructor',
      input,
      async (em) => {
        const district = await districtFor(ctx, input.districtCode);
        const regionCode = districtNode(district);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const dispatchedOn = notFuture(input.dispatchedOn, 'dispatchedOn', '派驻日期');
        // numbers follow the ledger's pattern ZDY + 3 digits, continuing the district's highest
        const number = input.code
          ? localNumberOf(input.code, 'code', '指导员编号')
          : await nextNumber(em, { table: 'party_instructor', column: 'number', district, prefix: 'ZDY', width: 3 });
        const id = globalId(district, number);
        await assertKeyFree(em, Instructor, { id }, 'code', `指导员编号 ${number} `);
        return em.create(Instructor, {
          id,
          districtCode: district,
          number,
          name,
          idNumber,
          phone,
          source: input.source,
          dispatchedOn,
          regionCode,
          personHash: ctx.personKey.hash(idNumber),
        });
      },
      (i) => `PartyInstructor:${i.id}`,
    ),
  correctPartyInstructor: correction<Instructor, CorrectPartyInstructorInput, 'code'>(INSTRUCTOR_RECORD, applyInstructorCorrection, 'code'),
  withdrawPartyInstructor: withdrawal(INSTRUCTOR_RECORD, { idArg: 'code' }),
  correctPartyInstructorContact: correction<InstructorContact, CorrectInstructorContactInput, 'contactCode'>(
    CONTACT_RECORD,
    applyContactCorrection,
    'contactCode',
  ),
  withdrawPartyInstructorContact: withdrawal(CONTACT_RECORD, { idArg: 'contactCode' }),
};
