import { badInput, regionList, regionPrefix, todayInChina, type Connection, type PageArgs, type RequestContext } from '@district/common';
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

/** A narrower list than the criteria say: its own conditions and order. */
export interface OrgListVariant {
  where: (params: unknown[]) => string[];
  order: string;
}

/** The key of "everywhere" (no region filter, an unscoped caller). */
export const EVERYWHERE = '*';

/**
 * One page of organisations under a region node, or EVERYWHERE. Lists on Region and the root list
 * share common's regionList, so a list of 100 regions each with its organisations costs what one does.
 */
export async function organizationPage(
  ctx: RequestContext,
  node: string,
  criteria: OrgCriteria,
  sort: OrgSort | null | undefined,
  page: PageArgs,
  variant?: OrgListVariant,
): Promise<Connection<SocialOrganization>> {
  const params: unknown[] = [];
  const conditions = [...orgConditions(criteria, params), ...(variant?.where(params) ?? [])];
  const list = await regionList(
    ctx,
    {
      entity: SocialOrganization,
      table: 'social_organization',
      alias: 'o',
      column: 'region_code',
      where: { sql: conditions.join(' AND ') || 'TRUE', params },
      order: variant?.order ?? orderSql(sort),
    },
    node === EVERYWHERE ? '' : regionPrefix(node),
    page,
  );
  primeOrganizations(ctx, list.nodes);
  return list;
}
