import { badInput, connection, pageWindow, regionPrefix, todayInChina, type Connection, type PageArgs, type RequestContext } from '@district/common';
import type { OrgStatus, OrgType, ServiceField } from '../../vocabulary';
import { SocialOrganization } from './organization.entity';
import { primeOrganizations } from './organization.loaders';

/** What lists and figures may ask about organisations. */
export interface OrgCriteria {
  type?: OrgType | null;
  /** true: registered organisations only; false: filed community organisations only */
  registered?: boolean | null;
  field?: ServiceField | null;
  status?: OrgStatus | null;
  /** the day `status` refers to; default today */
  asOf?: string | null;
  nameContains?: string | null;
  foundedFrom?: string | null;
  foundedTo?: string | null;
}

/**
 * SQL conditions on `o` (social_organization) with '?' placeholders, pushing their values onto
 * `params` in order. Status is a matter of dates, so a count as of last year sees the organisations
 * deregistered since then as active.
 */
export function orgConditions(c: OrgCriteria, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  const asOf = c.asOf ?? todayInChina();
  if (c.type) add('o.org_type = ?', c.type);
  if (c.registered === true) add(`o.org_type <> 'COMMUNITY'`);
  if (c.registered === false) add(`o.org_type = 'COMMUNITY'`);
  if (c.field) add('o.field = ?', c.field);
  if (c.status === 'ACTIVE') add('o.founded_on <= ? AND (o.deregistered_on IS NULL OR o.deregistered_on > ?)', asOf, asOf);
  if (c.status === 'DEREGISTERED') add('o.deregistered_on <= ?', asOf);
  const name = c.nameContains?.trim();
  if (name) add(`o.name ILIKE ? ESCAPE '\\'`, `%${name.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (c.foundedFrom) add('o.founded_on >= ?', c.foundedFrom);
  if (c.foundedTo) add('o.founded_on <= ?', c.foundedTo);
  return where;
}

const SORT_COLUMNS: Record<string, string> = { CODE: 'o.code', NAME: 'o.name', FOUNDED_ON: 'o.founded_on', TYPE: 'o.org_type' };

export interface OrgSort {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

function orderSql(sort: OrgSort | null | undefined): string {
  if (!sort) return 'o.code';
  const column = SORT_COLUMNS[sort.field];
  if (!column) throw badInput(`不能按 ${sort.field} 排序 / cannot sort by ${sort.field}`, 'sort');
  return `${column} ${sort.direction === 'DESC' ? 'DESC' : 'ASC'}, o.code`;
}

/** Graded organisations whose five years end between asOf and `months` later (SQL on `o`). */
export function gradeExpiring(asOf: string, months: number, params: unknown[]): string[] {
  params.push(asOf, asOf, months);
  return ['o.grade_level IS NOT NULL', 'make_date(o.grade_year + 5, 12, 31) BETWEEN ?::date AND ?::date + make_interval(months => ?)'];
}

/** A narrower list than the criteria say: its own key, conditions and order. */
export interface OrgListVariant {
  key: string;
  where: (params: unknown[]) => string[];
  order: string;
}

/** The key of "everywhere" (no region filter, an unscoped caller). */
export const EVERYWHERE = '*';

/** The regions of a batch as a relation r(code, prefix); JSON keeps '' prefixes intact. */
function regionsParam(codes: readonly string[]): string {
  return JSON.stringify(codes.map((code) => ({ code, prefix: code === EVERYWHERE ? '' : regionPrefix(code) })));
}
const REGIONS = `json_to_recordset(?::json) AS r(code text, prefix text)`;

/**
 * One page of organisations under each of many region nodes, in two statements whatever the number
 * of nodes: the totals, then the rows numbered within each node. Lists on Region and the root list
 * share it, so a list of 100 regions each with its organisations costs what one region costs.
 */
export function organizationPage(
  ctx: RequestContext, node: string, criteria: OrgCriteria, sort: OrgSort | null | undefined, page: PageArgs, variant?: OrgListVariant,
): Promise<Connection<SocialOrganization>> {
  const { limit, offset } = pageWindow(page);
  const order = variant?.order ?? orderSql(sort);
  const name = `organizationPage:${JSON.stringify([criteria, sort ?? null, limit, offset, variant?.key ?? null])}`;
  const conditions = (params: unknown[]) => [`o.region_code LIKE r.prefix || '%'`, ...orgConditions(criteria, params), ...(variant?.where(params) ?? [])].join(' AND ');
  const loader = ctx.loaders.get<string, Connection<SocialOrganization>>(name, async (nodes) => {
    const conn = ctx.em.getConnection();
    const countParams: unknown[] = [regionsParam(nodes)];
    const countWhere = conditions(countParams);
    const totals: { code: string; total: string }[] = await conn.execute(
      `SELECT r.code, count(o.code) AS total FROM ${REGIONS} LEFT JOIN social_organization o ON ${countWhere} GROUP BY r.code`,
      countParams,
    );
    const rowParams: unknown[] = [regionsParam(nodes)];
    const rowWhere = conditions(rowParams);
    rowParams.push(offset, offset + limit);
    const rows: (Record<string, unknown> & { page_node: string })[] = await conn.execute(
      `SELECT * FROM (SELECT o.*, r.code AS page_node, row_number() OVER (PARTITION BY r.code ORDER BY ${order}) AS page_row
         FROM ${REGIONS} JOIN social_organization o ON ${rowWhere}) x
       WHERE x.page_row > ? AND x.page_row <= ? ORDER BY x.page_node, x.page_row`,
      rowParams,
    );
    const totalOf = new Map(totals.map((t) => [t.code, Number(t.total)]));
    return nodes.map((n) => {
      const own = rows.filter((r) => r.page_node === n).map(({ page_node: _n, page_row: _r, ...o }) => ctx.em.map(SocialOrganization, o));
      primeOrganizations(ctx, own);
      return connection(own, totalOf.get(n) ?? 0, offset);
    });
  });
  return loader.load(node);
}
