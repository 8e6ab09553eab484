import { badInput, inScope, PERSONS_IN_POST_MAX_DAYS as MAX_DAYS } from '@district/common';
import { rowsBy, type RequestContext } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { Certificate, ExamRegistration } from '../certification/certification.entity';
import { Worker } from '../workers/worker.entity';
import { Person } from './person.entity';
import { assertService, personRefOf } from './persons';

/** A person's rows of this subgraph (one per district they appear in), by person id: one statement per request. */
const personsOf = (ctx: RequestContext, id: string) => rowsBy<Person>(ctx, Person, 'personHash').load(id);

/** Rows of an entity naming any of a person's rows, in the caller's scope. */
async function rowsOfPerson<T extends { personId: string }>(
  ctx: RequestContext,
  entity: (new () => T) & { name: string },
  id: string,
  placeOf: (row: T) => string,
  orderBy: object,
): Promise<T[]> {
  const persons = await personsOf(ctx, id);
  const loader = rowsBy<T>(ctx, entity, 'personId' as keyof T & string, { orderBy });
  const rows = (await Promise.all(persons.map((p) => loader.load(p.id)))).flat();
  return rows.filter((r) => inScope(ctx.caller, placeOf(r)));
}

export const personResolvers: Resolvers = {
  Query: {
    personsInPost: async (_, { days }, ctx) => {
      assertService(ctx);
      if (days.length > MAX_DAYS) throw badInput(`一次最多${MAX_DAYS}天 / at most ${MAX_DAYS} days at once`, 'days');
      const rows: { day: string; ids: string[] }[] = await ctx.em.getConnection().execute(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, array_remove(array_agg(DISTINCT pr.person_hash), NULL) AS ids
         FROM (SELECT value::date AS day FROM jsonb_array_elements_text(?::jsonb)) d
         LEFT JOIN worker_post p ON p.from_on <= d.day AND (p.to_on IS NULL OR p.to_on > d.day) AND p.withdrawn_on IS NULL
         LEFT JOIN worker w ON w.id = p.worker_id AND w.withdrawn_on IS NULL
         LEFT JOIN person pr ON pr.id = w.person_id
         GROUP BY d.day`,
        [JSON.stringify(days)],
      );
      const byDay = new Map(rows.map((r) => [r.day, r.ids ?? []]));
      return days.map((day) => ({ day, personIds: byDay.get(day) ?? [] }));
    },
  },
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    communityWorkers: (p, _, ctx) => rowsOfPerson(ctx, Worker, p.id, (w) => w.communityCode, { hiredOn: 'asc', id: 'asc' }),
    socialWorkCertificates: (p, _, ctx) => rowsOfPerson(ctx, Certificate, p.id, (c) => c.regionCode, { obtainedOn: 'asc', id: 'asc' }),
    socialWorkExamRegistrations: (p, _, ctx) =>
      rowsOfPerson(ctx, ExamRegistration, p.id, (e) => e.regionCode, { examYear: 'asc', id: 'asc' }),
  },
  CommunityWorker: { person: (w, _, ctx) => personRefOf(ctx, w.personId) },
  SocialWorkCertificate: { person: (c, _, ctx) => personRefOf(ctx, c.personId) },
  SocialWorkExamRegistration: { person: (e, _, ctx) => personRefOf(ctx, e.personId) },
};
