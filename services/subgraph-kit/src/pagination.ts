import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import { badInput } from '@district/common';

/**
 * Rows per page: at most 1000, so an export (the gateway's /export pages through a whole list) needs
 * few round trips; the gateway's cost limit still weighs a large page by what each row asks for.
 */
export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 50;
/** Deepest offset a cursor may carry: past it, narrow the filter instead of paging on. */
export const MAX_OFFSET = 1_000_000;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Cursors are opaque to clients; they carry the offset of the last row seen. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || Number(m[1]) > MAX_OFFSET) throw badInput('分页游标无效 / invalid cursor: pass back an endCursor you were given', 'after');
  return Number(m[1]);
}

export function pageWindow(args: PageArgs): { limit: number; offset: number } {
  const limit = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) {
    throw badInput(`first 应在 0 到 ${MAX_PAGE} 之间 / first must be between 0 and ${MAX_PAGE}`, 'first');
  }
  return { limit, offset: args.after ? decodeCursor(args.after) + 1 : 0 };
}

export function connection<T>(nodes: T[], totalCount: number, offset: number): Connection<T> {
  const last = offset + nodes.length - 1;
  return {
    totalCount,
    nodes,
    pageInfo: { hasNextPage: last + 1 < totalCount, endCursor: nodes.length ? encodeCursor(last) : null },
  };
}

/** One page of an entity list with its total, through the ORM: two statements whatever the page size. */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  args: PageArgs,
): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const [nodes, total] = await em.findAndCount(entity, where, { orderBy, limit, offset });
  return connection(nodes, total, offset);
}
