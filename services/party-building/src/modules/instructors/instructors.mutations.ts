import { assertCanWrite, badInput, conflict, districtNode, globalId, notFound } from '@district/common';
import {
  assertStep,
  audited,
  defineLoop,
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
  requiredText,
} from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { ledgerOrganization } from '../organizations/organizations.mutations';
import { Instructor, InstructorContact } from './instructor.entity';

const DEPARTMENT = 'party-building';

/** A problem a contact found: found → solved, once. */
export const PROBLEM_LOOP = defineLoop<'FOUND' | 'SOLVED'>({
  states: ['FOUND', 'SOLVED'],
  labels: { FOUND: '待解决', SOLVED: '已解决' },
  what: '发现的问题',
});

export const instructorMutations: MutationResolvers = {
  recordInstructorContact: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordInstructorContact',
      input,
      async (em) => {
        const org = await ledgerOrganization(em, input.creditCode, 'creditCode');
        assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
        const instructor = await em.findOne(Instructor, { id: await recordId(ctx, input.instructorCode, 'instructorCode') });
        if (!instructor || instructor.districtCode !== org.districtCode) {
          throw badInput(
            `本区县没有该指导员 / no such instructor in the organization's district: ${input.instructorCode}`,
            'instructorCode',
          );
        }
        // the ledgers hold contacts from before an instructor's formal dispatch, so that is no error
        const day = notFuture(input.date, 'date', '联系日期');
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

  recordProblemSolved: (_, args, ctx) =>
    audited(
      ctx,
      'recordProblemSolved',
      args,
      async (em) => {
        const contact = await em.findOne(InstructorContact, { id: await recordId(ctx, args.contactCode, 'contactCode') });
        if (!contact) throw notFound(`没有该联系记录 / no contact ${args.contactCode}`, 'contactCode');
        assertCanWrite(ctx.caller, DEPARTMENT, contact.regionCode);
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
        if (await em.findOne(Instructor, { id })) throw conflict(`指导员编号 ${number} 已存在 / instructor number already in use`, 'code');
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
        });
      },
      (i) => `PartyInstructor:${i.id}`,
    ),
};
