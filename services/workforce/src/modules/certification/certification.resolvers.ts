import {
  assertCanWrite,
  audited,
  badInput,
  conflict,
  countFigure,
  inScope,
  normaliseRegionCode,
  periodOf,
  previousPeriod,
  rateFigure,
  type RequestContext,
} from '@district/common';
import { listPrefix } from '@district/common';
import { allOf, eq, pageUnder, sql, type ListArgs, type ListSpec } from '../../list';
import { Region } from '../regions/region.entity';
import { regionByCode } from '../regions/regions.resolvers';
import { personFor, personOf, validIdNumber } from '../persons/persons';
import { notFuture, optionalText, required } from '../../input';
import { Worker } from '../workers/worker.entity';
import { Certificate, ExamRegistration, type ExamResult, type SocialWorkLevel } from './certification.entity';
import { certificateCount, examCount } from './certification.figures';

const CERTIFICATES: ListSpec<Certificate> = {
  entity: Certificate,
  table: 'certificate',
  regionColumn: 'region_code',
  sortColumns: { ID: 't.id', OBTAINED_ON: 't.obtained_on', LEVEL: 't.level' },
  defaultOrder: 't.id',
};

const EXAMS: ListSpec<ExamRegistration> = {
  entity: ExamRegistration,
  table: 'exam_registration',
  regionColumn: 'region_code',
  sortColumns: { EXAM_YEAR: 't.exam_year', LEVEL: 't.level', RESULT: 't.result' },
  defaultOrder: 't.id',
};

interface CertificateFilter {
  regionCode?: string;
  level?: SocialWorkLevel;
  obtainedFrom?: string;
  obtainedTo?: string;
}
interface ExamFilter {
  regionCode?: string;
  examYear?: number;
  level?: SocialWorkLevel;
  result?: ExamResult;
}

interface CertificateInput {
  id: string;
  holderName: string;
  holderIdNumber: string;
  workUnit?: string | null;
  regionCode: string;
  level: SocialWorkLevel;
  obtainedOn: string;
}

/** The holder's worker record: the one in post if any, else the latest. */
function workerOfPerson(ctx: RequestContext, personId: string) {
  const loader = ctx.loaders.get<string, Worker | null>('worker:byPerson', async (ids) => {
    const rows = await ctx.em.find(Worker, { personId: { $in: [...ids] } }, { orderBy: { hiredOn: 'asc' } });
    return ids.map((id) => {
      const mine = rows.filter((w) => w.personId === id);
      return mine.find((w) => !w.leftOn) ?? mine[mine.length - 1] ?? null;
    });
  });
  return loader.load(personId);
}

const holder = async (ctx: RequestContext, row: { personId: string }) => (await personOf(ctx, row.personId))!;
type FigureArgs = { year: number; asOf?: string | null; level?: SocialWorkLevel | null };

export const certificationResolvers = {
  Query: {
    socialWorkCertificates: (_: unknown, args: ListArgs<CertificateFilter>, ctx: RequestContext) => {
      const f = args.filter ?? {};
      const filter = allOf([
        eq('t.level', f.level),
        f.obtainedFrom ? sql('t.obtained_on >= ?', f.obtainedFrom) : undefined,
        f.obtainedTo ? sql('t.obtained_on <= ?', f.obtainedTo) : undefined,
      ]);
      return pageUnder(ctx, CERTIFICATES, listPrefix(ctx, f.regionCode), filter, args);
    },
    socialWorkExamRegistrations: (_: unknown, args: ListArgs<ExamFilter>, ctx: RequestContext) => {
      const f = args.filter ?? {};
      const filter = allOf([eq('t.exam_year', f.examYear), eq('t.level', f.level), eq('t.result', f.result)]);
      return pageUnder(ctx, EXAMS, listPrefix(ctx, f.regionCode), filter, args);
    },
  },
  Mutation: {
    recordSocialWorkCertificate: (_: unknown, { input }: { input: CertificateInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'recordSocialWorkCertificate',
        input,
        async (em) => {
          const regionCode = normaliseRegionCode(required(input.regionCode, 'regionCode', '所在区划'));
          assertCanWrite(ctx.caller, 'workforce', regionCode);
          const id = required(input.id, 'id', '证书编号');
          const name = required(input.holderName, 'holderName', '姓名');
          const idNumber = validIdNumber(input.holderIdNumber, 'holderIdNumber');
          notFuture(input.obtainedOn, 'obtainedOn', '取得日期');
          if (!(await em.findOne(Region, { code: regionCode }))) throw badInput(`区划不存在：${regionCode} / no such region`, 'regionCode');
          if (await em.findOne(Certificate, { id })) throw conflict(`证书编号 ${id} 已登记 / certificate already recorded`);
          const person = await personFor(em, idNumber, name, null, false);
          await em.flush();
          return em.create(Certificate, {
            id,
            personId: person.id,
            workUnit: optionalText(input.workUnit),
            regionCode,
            level: input.level,
            obtainedOn: input.obtainedOn,
          });
        },
        (c) => `SocialWorkCertificate:${c.id}`,
      ),
  },
  SocialWorkCertificate: {
    holderName: async (c: Certificate, _: unknown, ctx: RequestContext) => (await holder(ctx, c)).name,
    holderIdNumber: async (c: Certificate, _: unknown, ctx: RequestContext) => (await holder(ctx, c)).idNumber,
    region: (c: Certificate, _: unknown, ctx: RequestContext) => regionByCode(ctx, c.regionCode),
    worker: async (c: Certificate, _: unknown, ctx: RequestContext) => {
      const w = await workerOfPerson(ctx, c.personId);
      return w && inScope(ctx.caller, w.communityCode) ? w : null;
    },
  },
  SocialWorkExamRegistration: {
    registrantName: async (e: ExamRegistration, _: unknown, ctx: RequestContext) => (await holder(ctx, e)).name,
    registrantIdNumber: async (e: ExamRegistration, _: unknown, ctx: RequestContext) => (await holder(ctx, e)).idNumber,
    region: (e: ExamRegistration, _: unknown, ctx: RequestContext) => regionByCode(ctx, e.regionCode),
  },
  WorkforceFigures: {
    examRegistrants: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const year = periodOf(a.year).year; // validates the year
      return countFigure(await examCount(ctx, n.code, year, a.level), await examCount(ctx, n.code, year - 1, a.level));
    },
    examPassed: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const year = periodOf(a.year).year;
      return countFigure(await examCount(ctx, n.code, year, a.level, 'PASSED'), await examCount(ctx, n.code, year - 1, a.level, 'PASSED'));
    },
    examPassRate: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const year = periodOf(a.year).year;
      const pair = (y: number) => Promise.all([examCount(ctx, n.code, y, a.level, 'PASSED'), examCount(ctx, n.code, y, a.level)]);
      return rateFigure(await pair(year), await pair(year - 1));
    },
    certificates: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const now = periodOf(a.year, a.asOf);
      return countFigure(
        await certificateCount(ctx, n.code, now, a.level, 'certificates'),
        await certificateCount(ctx, n.code, previousPeriod(now), a.level, 'certificates'),
      );
    },
    certifiedHolders: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const now = periodOf(a.year, a.asOf);
      return countFigure(
        await certificateCount(ctx, n.code, now, a.level, 'holders'),
        await certificateCount(ctx, n.code, previousPeriod(now), a.level, 'holders'),
      );
    },
  },
};
