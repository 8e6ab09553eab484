import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  assertCanWrite,
  assertInRegionTree,
  audited,
  badInput,
  conflict,
  idNumberProblem,
  mobileProblem,
  normaliseIdNumber,
  normaliseMobile,
  orderFrom,
  paginate,
  type PageArgs,
  type RequestContext,
} from '@district/common';
import { communityCode, pastDay, requiredText } from '../../lib/input';
import { listPrefix } from '@district/common';
import { underPrefix } from '../../lib/place';
import { nextCode } from '../../lib/next-code';
import { GigWorker, type JobType } from './gig-worker.entity';
import { loadWorker } from './worker-loader';
import { workersCsv } from './workers.csv';

export interface WorkerFilter {
  regionCode?: string | null;
  jobType?: JobType | null;
  platform?: string | null;
  partyMember?: boolean | null;
  mobileGridMember?: boolean | null;
  registeredFrom?: string | null;
  registeredTo?: string | null;
}

function workerWhere(ctx: RequestContext, f: WorkerFilter | null | undefined) {
  const where: Record<string, unknown> = underPrefix(listPrefix(ctx, f?.regionCode));
  if (f?.jobType) where.jobType = f.jobType;
  if (f?.platform) where.platform = f.platform.trim();
  if (f?.partyMember != null) where.partyMember = f.partyMember;
  if (f?.mobileGridMember != null) where.mobileGridMember = f.mobileGridMember;
  if (f?.registeredFrom || f?.registeredTo) {
    where.registeredOn = { ...(f.registeredFrom ? { $gte: f.registeredFrom } : {}), ...(f.registeredTo ? { $lte: f.registeredTo } : {}) };
  }
  return where;
}

const SORT = { CODE: 'code', REGISTERED_ON: 'registeredOn', COMMUNITY_CODE: 'communityCode', POINTS_BALANCE: 'pointsBalance' };
/** An export larger than this is a filter mistake more often than a need; it also bounds memory. */
const MAX_EXPORT = 20_000;

export interface RegisterInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  jobType: JobType;
  platform: string;
  partyMember: boolean;
  mobileGridMember: boolean;
  communityCode: string;
  registeredOn?: string | null;
}

function validRegistration(input: RegisterInput) {
  const idProblem = idNumberProblem(input.idNumber);
  if (idProblem) throw badInput(`身份证号 idNumber: ${idProblem.reason}`, 'idNumber');
  const phone = input.phone?.trim() ? input.phone : null;
  const phoneProblem = phone ? mobileProblem(phone) : null;
  if (phoneProblem) throw badInput(`手机号码 phone: ${phoneProblem.reason}`, 'phone');
  return {
    name: requiredText(input.name, 'name', '姓名', 50),
    idNumber: normaliseIdNumber(input.idNumber),
    phone: phone ? normaliseMobile(phone) : null,
    jobType: input.jobType,
    platform: requiredText(input.platform, 'platform', '所属平台企业', 100),
    partyMember: input.partyMember,
    mobileGridMember: input.mobileGridMember,
    communityCode: communityCode(input.communityCode),
    registeredOn: pastDay(input.registeredOn, 'registeredOn'),
  };
}

const ALREADY = '该身份证号已登记 / a gig worker with this ID number is already registered';

export const workerResolvers = {
  Query: {
    gigWorker: (_: unknown, { code }: { code: string }, ctx: RequestContext) => loadWorker(ctx, code),
    gigWorkers: (
      _: unknown,
      a: PageArgs & { filter?: WorkerFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => paginate(ctx.em, GigWorker, workerWhere(ctx, a.filter), orderFrom(a.sort, SORT, [{ code: 'asc' }]), a),
    gigWorkersCsv: async (_: unknown, a: { filter?: WorkerFilter }, ctx: RequestContext) => {
      const where = workerWhere(ctx, a.filter);
      const total = await ctx.em.count(GigWorker, where);
      if (total > MAX_EXPORT)
        throw badInput(`导出超过${MAX_EXPORT}行，请缩小范围 / more than ${MAX_EXPORT} rows: narrow the filter`, 'filter');
      return workersCsv(ctx, await ctx.em.find(GigWorker, where, { orderBy: { code: 'asc' } }));
    },
  },
  Mutation: {
    registerGigWorker: async (_: unknown, { input }: { input: RegisterInput }, ctx: RequestContext) => {
      try {
        return await audited(
          ctx,
          'registerGigWorker',
          input,
          async (em) => {
            const data = validRegistration(input);
            assertCanWrite(ctx.caller, 'gig-care', data.communityCode);
            await assertInRegionTree(ctx, 'regions', data.communityCode, 'communityCode');
            if (await em.count(GigWorker, { idNumber: data.idNumber })) throw conflict(ALREADY);
            const code = await nextCode(em, 'gig_worker', 'code', 'XJY', 5);
            const worker = em.create(GigWorker, { code, ...data, pointsBalance: 0 });
            await em.flush();
            return worker;
          },
          (w) => `GigWorker:${w.code}`,
        );
      } catch (e) {
        // two registrations of one person racing past the count: the unique index decides
        if (e instanceof UniqueConstraintViolationException) throw conflict(ALREADY);
        throw e;
      }
    },
  },
  GigWorker: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => loadWorker(ctx, ref.code),
    community: (w: GigWorker) => ({ code: w.communityCode }),
  },
};
