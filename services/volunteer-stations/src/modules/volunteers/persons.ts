import { PERSONS_IN_POST_MAX_DAYS } from '@district/common';
import type { RequestContext } from '@district/subgraph-kit';

/** What a `Person` resolves from: its id, the keyed hash of an ID number (@district/common persons.ts). */
export interface PersonRef {
  id: string;
}

/**
 * The person ids of the community workers in post on each day, asked of the workforce subgraph (it
 * owns workers and the region tree) through its API as the internal service: never its tables.
 * Asked once per request and day; a request needing more days than one lookup answers (a monthly
 * series over several years: two days a month) asks in several lookups of at most that many.
 */
export function workersInPost(ctx: RequestContext, day: string): Promise<string[]> {
  return ctx.loaders
    .get<string, string[]>('workforce:personsInPost', async (days) => {
      const ask = ctx.treeOwner;
      if (!ask) throw new Error('this figure needs the workforce subgraph (REGION_TREE_URL)');
      const chunks: string[][] = [];
      for (let i = 0; i < days.length; i += PERSONS_IN_POST_MAX_DAYS) chunks.push(days.slice(i, i + PERSONS_IN_POST_MAX_DAYS));
      const answers = await Promise.all(
        chunks.map(
          async (d) =>
            (await ask('query($d: [Date!]!) { personsInPost(days: $d) { day personIds } }', { d })) as {
              personsInPost: { day: string; personIds: string[] }[];
            },
        ),
      );
      const byDay = new Map(answers.flatMap((a) => a.personsInPost).map((p) => [p.day, p.personIds]));
      return days.map((d) => byDay.get(d) ?? []);
    })
    .load(day);
}
