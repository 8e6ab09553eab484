import type { RequestContext } from '@district/subgraph-kit';

/** What a `Person` resolves from: its id, the keyed hash of an ID number (@district/common persons.ts). */
export interface PersonRef {
  id: string;
}

/**
 * The person ids of the community workers in post on each day, asked of the workforce subgraph (it
 * owns workers and the region tree) through its API as the internal service: never its tables.
 * Asked once per request and day.
 */
export function workersInPost(ctx: RequestContext, day: string): Promise<string[]> {
  return ctx.loaders
    .get<string, string[]>('workforce:personsInPost', async (days) => {
      if (!ctx.treeOwner) throw new Error('this figure needs the workforce subgraph (REGION_TREE_URL)');
      const data = (await ctx.treeOwner('query($d: [Date!]!) { personsInPost(days: $d) { day personIds } }', { d: [...days] })) as {
        personsInPost: { day: string; personIds: string[] }[];
      };
      const byDay = new Map(data.personsInPost.map((p) => [p.day, p.personIds]));
      return days.map((d) => byDay.get(d) ?? []);
    })
    .load(day);
}
