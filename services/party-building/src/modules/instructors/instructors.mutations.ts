import { assertCanWrite, audited, badInput, conflict, notFound, todayInChina, type RequestContext } from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ledgerOrganization, workDay } from '../organizations/organizations.mutations';
import { Instructor, InstructorContact, type ContactKind, type ProblemCategory } from './instructor.entity';

const DEPARTMENT = 'party-building';

export interface ContactInput {
  instructorCode: string;
  creditCode: string;
  date: string;
  kind: ContactKind;
  problemFound?: string | null;
  problemCategory?: ProblemCategory | null;
}

/** Record numbers continue the ledger's: ZF + year + a five-digit sequence (ZF202500641). */
async function nextContactCode(em: EntityManager, day: string): Promise<string> {
  const prefix = `ZF${day.slice(0, 4)}`;
  const [row] = await em
    .getConnection()
    .execute<{ last: string | null }[]>(`SELECT max(code) AS last FROM instructor_contact WHERE code LIKE ? AND length(code) = 11`, [
      `${prefix}%`,
    ]);
  const next = row?.last ? Number(row.last.slice(6)) + 1 : 1;
  return `${prefix}${String(next).padStart(5, '0')}`;
}

async function recordInstructorContact(ctx: RequestContext, input: ContactInput) {
  const problem = input.problemFound?.trim() || null;
  if (problem && !input.problemCategory) throw badInput('发现问题时须填写问题类别 / a problem needs its category', 'problemCategory');
  if (!problem && input.problemCategory) throw badInput('有问题类别但未填写问题 / a category without a problem', 'problemFound');
  return audited(
    ctx,
    'recordInstructorContact',
    input,
    async (em) => {
      const org = await ledgerOrganization(em, input.creditCode, 'creditCode');
      assertCanWrite(ctx.caller, DEPARTMENT, org.regionCode);
      const instructor = await em.findOne(Instructor, { code: input.instructorCode.trim() });
      if (!instructor) throw badInput(`没有该指导员 / no instructor ${input.instructorCode}`, 'instructorCode');
      // the ledgers hold contacts from before an instructor's formal dispatch, so that is no error
      workDay(input.date, 'date');
      const contact = em.create(InstructorContact, {
        code: await nextContactCode(em, input.date),
        instructorCode: instructor.code,
        creditCode: org.creditCode,
        contactedOn: input.date,
        kind: input.kind,
        problem,
        problemCategory: problem ? input.problemCategory : null,
        solved: problem ? false : null,
        regionCode: org.regionCode,
      });
      await em.flush();
      return contact;
    },
    (c) => `PartyInstructorContact:${c.code}`,
  );
}

async function recordProblemSolved(ctx: RequestContext, args: { contactCode: string; solvedOn?: string | null }) {
  return audited(
    ctx,
    'recordProblemSolved',
    args,
    async (em) => {
      const contact = await em.findOne(InstructorContact, { code: args.contactCode.trim() });
      if (!contact) throw notFound(`没有该联系记录 / no contact ${args.contactCode}`);
      assertCanWrite(ctx.caller, DEPARTMENT, contact.regionCode);
      if (!contact.problem) throw badInput('该记录未发现问题 / this contact found no problem', 'contactCode');
      if (contact.solved) throw conflict(`问题已于${contact.solvedOn}解决 / the problem was solved on ${contact.solvedOn}`);
      const day = workDay(args.solvedOn ?? todayInChina(), 'solvedOn', {
        day: contact.contactedOn,
        what: '发现问题的日期 / the problem was found',
      });
      Object.assign(contact, { solved: true, solvedOn: day });
      await em.flush();
      return contact;
    },
    (c) => `PartyInstructorContact:${c.code}`,
  );
}

export const instructorMutations = {
  recordInstructorContact: (_: unknown, { input }: { input: ContactInput }, ctx: RequestContext) => recordInstructorContact(ctx, input),
  recordProblemSolved: (_: unknown, args: { contactCode: string; solvedOn?: string }, ctx: RequestContext) =>
    recordProblemSolved(ctx, args),
};
