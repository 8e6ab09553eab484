import {
  and,
  eq,
  historyField,
  listPrefix,
  listUnder,
  periodOf,
  rateYearOnYear,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { personOf } from '../persons/persons';
import { Worker } from '../workers/worker.entity';
import { Certificate, ExamRegistration } from './certification.entity';
import { certificatesHeld, certifiedHolders, examRegistrations } from './certification.figures';
import { CERTIFICATE_RECORD, EXAM_RECORD } from './certification.mutations';

const CERTIFICATES: ListSpec<Certificate> = {
  entity: Certificate,
  table: 'certificate',
  place: 'region_code',
  sortColumns: { ID: 't.id', OBTAINED_ON: 't.obtained_on', LEVEL: 't.level' },
  defaultOrder: 't.id',
};

const EXAMS: ListSpec<ExamRegistration> = {
  entity: ExamRegistration,
  table: 'exam_registration',
  place: 'region_code',
  sortColumns: { EXAM_YEAR: 't.exam_year', LEVEL: 't.level', RESULT: 't.result' },
  defaultOrder: 't.id',
};

/** The holder's worker record: the one in post if any, else the latest. */
async function workerOfPerson(ctx: RequestContext, personId: string): Promise<Worker | null> {
  const mine = await rowsBy<Worker>(ctx, Worker, 'personId', { orderBy: { hiredOn: 'asc' } }).load(personId);
  return mine.find((w) => !w.leftOn) ?? mine[mine.length - 1] ?? null;
}

const holder = async (ctx: RequestContext, row: { personId: string }) => (await personOf(ctx, row.personId))!;

/** An exam year with the year before: the period checks the year. */
const examYearArgs = (a: { year: number }) => ({ year: periodOf(a.year).year });

export const certificationResolvers: Resolvers = {
  Query: {
    socialWorkCertificates: (_, args, ctx) => {
      const f = args.filter ?? {};
      const filter = and(
        eq('t.level', f.level),
        f.obtainedFrom ? sql`t.obtained_on >= ${f.obtainedFrom}::date` : undefined,
        f.obtainedTo ? sql`t.obtained_on <= ${f.obtainedTo}::date` : undefined,
      );
      return listUnder(ctx, CERTIFICATES, listPrefix(ctx, f.regionCode), filter, args);
    },
    socialWorkExamRegistrations: (_, args, ctx) => {
      const f = args.filter ?? {};
      const filter = and(eq('t.exam_year', f.examYear), eq('t.level', f.level), eq('t.result', f.result));
      return listUnder(ctx, EXAMS, listPrefix(ctx, f.regionCode), filter, args);
    },
  },
  SocialWorkCertificate: {
    holderName: async (c, _, ctx) => (await holder(ctx, c)).name,
    holderIdNumber: async (c, _, ctx) => (await holder(ctx, c)).idNumber,
    region: async (c, _, ctx) => (await regionByCode(ctx, c.regionCode))!,
    worker: async (c, _, ctx) => visible(ctx, await workerOfPerson(ctx, c.personId), (w) => w.communityCode),
    history: historyField(CERTIFICATE_RECORD),
  },
  SocialWorkExamRegistration: {
    registrantName: async (e, _, ctx) => (await holder(ctx, e)).name,
    registrantIdNumber: async (e, _, ctx) => (await holder(ctx, e)).idNumber,
    id: (e) => String(e.id),
    region: async (e, _, ctx) => (await regionByCode(ctx, e.regionCode))!,
    history: historyField(EXAM_RECORD),
  },
  WorkforceFigures: {
    examRegistrants: (n, a, ctx) => yearOnYear(ctx, examRegistrations, { ...a, ...examYearArgs(a) }, n.code),
    examPassed: (n, a, ctx) => yearOnYear(ctx, examRegistrations, { ...a, ...examYearArgs(a), result: 'PASSED' }, n.code),
    examPassRate: (n, a, ctx) =>
      rateYearOnYear(
        ctx,
        {
          ...examRegistrations,
          name: 'certification.examsPassed',
          where: (x) => and(examRegistrations.where!(x), sql`t.result = 'PASSED'`),
        },
        examRegistrations,
        { ...a, ...examYearArgs(a) },
        n.code,
      ),
    certificates: (n, a, ctx) => yearOnYear(ctx, certificatesHeld, a, n.code),
    certifiedHolders: (n, a, ctx) => yearOnYear(ctx, certifiedHolders, a, n.code),
  },
};
