import { assertCanWrite, badInput, conflict, districtOf } from '@district/common';
import {
  and,
  audited,
  eq,
  idNumberOf,
  listPrefix,
  listUnder,
  notFuture,
  optionalText,
  periodOf,
  rateYearOnYear,
  regionCodeOf,
  requiredText,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { regionByCode } from '../regions/regions.resolvers';
import { personFor, personOf } from '../persons/persons';
import { Worker } from '../workers/worker.entity';
import { Certificate, ExamRegistration } from './certification.entity';
import { certificatesHeld, certifiedHolders, examRegistrations } from './certification.figures';

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
  Mutation: {
    recordSocialWorkCertificate: (_, { input }, ctx) =>
      audited(
        ctx,
        'recordSocialWorkCertificate',
        input,
        async (em) => {
          const regionCode = regionCodeOf(input.regionCode, 'regionCode', ['DISTRICT', 'STREET', 'COMMUNITY']);
          assertCanWrite(ctx.caller, 'workforce', regionCode);
          const id = requiredText(input.id, 'id', '证书编号', 30);
          const name = requiredText(input.holderName, 'holderName', '姓名', 50);
          const idNumber = idNumberOf(input.holderIdNumber, 'holderIdNumber');
          notFuture(input.obtainedOn, 'obtainedOn', '取得日期');
          if (!(await em.findOne(Region, { code: regionCode }))) throw badInput(`区划不存在：${regionCode} / no such region`, 'regionCode');
          if (await em.findOne(Certificate, { id })) throw conflict(`证书编号 ${id} 已登记 / certificate already recorded`, 'id');
          const district = districtOf(regionCode);
          const person = await personFor(em, district, idNumber, name, null, false);
          await em.flush();
          return em.create(Certificate, {
            id,
            districtCode: district,
            personId: person.id,
            workUnit: optionalText(input.workUnit, 'workUnit', '工作单位'),
            regionCode,
            level: input.level,
            obtainedOn: input.obtainedOn,
          });
        },
        (c) => `SocialWorkCertificate:${c.id}`,
      ),
  },
  SocialWorkCertificate: {
    holderName: async (c, _, ctx) => (await holder(ctx, c)).name,
    holderIdNumber: async (c, _, ctx) => (await holder(ctx, c)).idNumber,
    region: async (c, _, ctx) => (await regionByCode(ctx, c.regionCode))!,
    worker: async (c, _, ctx) => visible(ctx, await workerOfPerson(ctx, c.personId), (w) => w.communityCode),
  },
  SocialWorkExamRegistration: {
    registrantName: async (e, _, ctx) => (await holder(ctx, e)).name,
    registrantIdNumber: async (e, _, ctx) => (await holder(ctx, e)).idNumber,
    region: async (e, _, ctx) => (await regionByCode(ctx, e.regionCode))!,
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
