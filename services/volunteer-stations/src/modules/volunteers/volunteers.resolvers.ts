import {
  assertCanWrite,
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
import { nextCode } from '../../lib/codes';
import { statsLoader, visibleByCode } from '../../lib/loaders';
import { reportedDay, requiredText } from '../../lib/input';
import { listPrefix } from '@district/common';
import { Station } from '../stations/station.entity';
import { stationLoader } from '../stations/stations.resolvers';
import { Volunteer } from './volunteer.entity';

interface VolunteerFilter {
  regionCode?: string;
  stationCode?: string;
  registeredFrom?: string;
  registeredTo?: string;
}
interface RegisterInput {
  name: string;
  idNumber: string;
  phone?: string | null;
  stationCode: string;
  registeredOn?: string | null;
  politicalStatus?: string | null;
}

const SORT = { NUMBER: 'code', REGISTERED_ON: 'registeredOn', STATION: 'stationCode' };

function volunteerWhere(ctx: RequestContext, f: VolunteerFilter = {}) {
  const where: Record<string, unknown> = { communityCode: { $like: `${listPrefix(ctx, f.regionCode)}%` } };
  if (f.stationCode) where.stationCode = f.stationCode;
  if (f.registeredFrom || f.registeredTo) {
    where.registeredOn = { ...(f.registeredFrom ? { $gte: f.registeredFrom } : {}), ...(f.registeredTo ? { $lte: f.registeredTo } : {}) };
  }
  return where;
}

/** Validates what a person typed; the problems name the field and never quote an ID number or phone. */
function checkedPerson(input: RegisterInput) {
  const idNumber = normaliseIdNumber(input.idNumber);
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) throw badInput(`身份证号无效 / invalid ID number: ${idProblem.reason}`, 'idNumber');
  const phone = input.phone ? normaliseMobile(input.phone) : null;
  const phoneProblem = phone ? mobileProblem(phone) : null;
  if (phoneProblem) throw badInput(`手机号无效 / invalid phone: ${phoneProblem.reason}`, 'phone');
  return { name: requiredText(input.name, 'name', '姓名', 50), idNumber, phone };
}

async function register(ctx: RequestContext, input: RegisterInput) {
  return audited(
    ctx,
    'registerVolunteer',
    { input },
    async (em) => {
      const person = checkedPerson(input);
      const station = await em.findOne(Station, { code: input.stationCode });
      if (!station) throw badInput(`站点 ${input.stationCode} 不存在 / no station ${input.stationCode}`, 'stationCode');
      assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
      const registeredOn = reportedDay(input.registeredOn, 'registeredOn');
      const existing = await em.findOne(Volunteer, { idNumber: person.idNumber });
      if (existing) throw conflict(`此人已注册为志愿者 ${existing.code} / this person is already volunteer ${existing.code}`);
      return em.create(Volunteer, {
        ...person,
        code: await nextCode(em, 'volunteer', 'V', 7),
        registeredOn,
        stationCode: station.code,
        communityCode: station.communityCode,
        politicalStatus: input.politicalStatus?.trim() || null,
      });
    },
    (v) => `Volunteer:${v.code}`,
  );
}

/** Hours and activities of many volunteers in one statement, optionally within one year. */
function serviceStats(ctx: RequestContext, year: number | null | undefined) {
  return statsLoader(
    ctx,
    `volunteer:service:${year ?? ''}`,
    { hours: 0, activities: 0 },
    `SELECT sr.volunteer_code AS key, sum(sr.hours) AS hours, count(*) AS activities
     FROM service_record sr JOIN activity a ON a.code = sr.activity_code
     WHERE sr.volunteer_code = ANY(string_to_array(?, ',')) AND (?::int IS NULL OR extract(year FROM a.held_on) = ?::int)
     GROUP BY 1`,
    [year ?? null, year ?? null],
  );
}

export const volunteerResolvers = {
  Query: {
    volunteer: (_: unknown, { number }: { number: string }, ctx: RequestContext) => visibleByCode(ctx, Volunteer, 'volunteer', number),
    volunteers: (
      _: unknown,
      args: PageArgs & { filter?: VolunteerFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => paginate(ctx.em, Volunteer, volunteerWhere(ctx, args.filter), orderFrom(args.sort, SORT, [{ code: 'asc' }]), args),
  },
  Mutation: {
    registerVolunteer: (_: unknown, { input }: { input: RegisterInput }, ctx: RequestContext) => register(ctx, input),
  },
  Volunteer: {
    __resolveReference: (ref: { number: string }, ctx: RequestContext) => visibleByCode(ctx, Volunteer, 'volunteer', ref.number),
    number: (v: Volunteer) => v.code,
    station: (v: Volunteer, _: unknown, ctx: RequestContext) => stationLoader(ctx).load(v.stationCode),
    serviceHours: async (v: Volunteer, { year }: { year?: number }, ctx: RequestContext) =>
      (await serviceStats(ctx, year).load(v.code)).hours,
    activityCount: async (v: Volunteer, { year }: { year?: number }, ctx: RequestContext) =>
      (await serviceStats(ctx, year).load(v.code)).activities,
  },
};
