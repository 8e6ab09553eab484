import type { EntityName } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import { byKey } from './loaders';

/**
 * Rows a list has just read, handed to the `byKey` loader of their key (loaders.ts names it
 * `byKey:<entity>:<property>:{}`): records of the same response that refer back to them (an
 * inspection's organisation, a project's organisation) then cost no statement. Without it, two such
 * references reached through two different child lists are loaded in two batches or one, depending
 * on which child list's rows arrive first; with it, a response's statements are the same every time.
 */
export function primeByKey<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T> & { name: string },
  property: keyof T & string,
  rows: readonly T[],
): void {
  byKey<T>(ctx, entity, property); // creates the loader if this request has none yet
  const loader = ctx.loaders.get<string, T | null>(`byKey:${entity.name}:${property}:${JSON.stringify({})}`, () => {
    throw new Error('primeByKey: the byKey loader was not created');
  });
  for (const row of rows) loader.prime(String(row[property]), row);
}
