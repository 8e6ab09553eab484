import { groupBy, type RequestContext } from '@district/common';
import type { EntityName } from '@mikro-orm/core';
import { InstructorAssignment, PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './modules/organizations/organization.entity';
import { Instructor, InstructorContact } from './modules/instructors/instructor.entity';
import { execute } from './sql';

/**
 * Every per-parent lookup of this subgraph goes through one of these per-request DataLoaders, so a
 * list of 100 parents costs one statement per field, as a list of one does. Stints and contacts come
 * with the instructor, organisation and Party organisation they name joined in: those are reached by
 * several paths at different depths, and one loader reached at two depths would batch twice.
 */
export interface Loader<K, V> {
  load(key: K): Promise<V>;
}

export type UnitStint = PartyOrgUnit & { partyOrganization: PartyOrganization; organization: TwoNewOrganization };
export type Assignment = InstructorAssignment & { instructor: Instructor; organization: TwoNewOrganization };
export type Contact = InstructorContact & { instructor: Instructor; organization: TwoNewOrganization };

/** `alias.column AS "alias__column"` for every column of an entity, to select several entities in one row. */
function columns(ctx: RequestContext, entity: EntityName<object>, alias: string): string {
  return ctx.em
    .getMetadata()
    .get(entity)
    .props.filter((p) => p.persist !== false && p.fieldNames?.length)
    .flatMap((p) => p.fieldNames)
    .map((f) => `${alias}.${f} AS "${alias}__${f}"`)
    .join(', ');
}

function entityOf<T extends object>(ctx: RequestContext, entity: EntityName<T>, alias: string, row: Record<string, unknown>): T {
  const prefix = `${alias}__`;
  const data = Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
  return ctx.em.map(entity, data as never);
}

function byKey<T extends object, K extends string | number>(
  ctx: RequestContext,
  name: string,
  entity: EntityName<T>,
  field: keyof T & string,
): Loader<K, T | null> {
  return ctx.loaders.get<K, T | null>(name, async (keys) => {
    const rows = await ctx.em.find(entity, { [field]: { $in: [...keys] } } as never);
    const map = new Map(rows.map((r) => [String(r[field]), r]));
    return keys.map((k) => map.get(String(k)) ?? null);
  });
}

/**
 * Rows of `sql` grouped by `alias.field`, the key the loader is asked by. `sql` gets the condition on
 * that key and selects its tables with `columns`.
 */
function joined<K extends string | number, V>(
  ctx: RequestContext,
  name: string,
  alias: string,
  field: string,
  sql: (keyIn: string) => string,
  extra: unknown[],
  build: (row: Record<string, unknown>) => V,
): Loader<K, V[]> {
  return ctx.loaders.get<K, V[]>(name, async (keys) => {
    const rows = await execute(ctx, sql(`${alias}.${field}::text = ANY(string_to_array(?, ','))`), [keys.join(','), ...extra]);
    const groups = groupBy(rows, (r) => String(r[`${alias}__${field}`]));
    return keys.map((k) => (groups.get(String(k)) ?? []).map(build));
  });
}

function stintsOf<K extends string | number>(ctx: RequestContext, name: string, field: string): Loader<K, UnitStint[]> {
  return joined(
    ctx,
    name,
    'u',
    field,
    (keyIn) =>
      `SELECT ${columns(ctx, PartyOrgUnit, 'u')}, ${columns(ctx, PartyOrganization, 'p')}, ${columns(ctx, TwoNewOrganization, 'o')}
     FROM party_org_unit u JOIN party_organization p ON p.id = u.party_organization_id JOIN two_new_org o ON o.credit_code = u.credit_code
     WHERE ${keyIn} ORDER BY u.joined_on DESC, u.credit_code`,
    [],
    (row) =>
      Object.assign(entityOf(ctx, PartyOrgUnit, 'u', row), {
        partyOrganization: entityOf(ctx, PartyOrganization, 'p', row),
        organization: entityOf(ctx, TwoNewOrganization, 'o', row),
      }),
  );
}

function assignmentsOf(ctx: RequestContext, name: string, field: string): Loader<string, Assignment[]> {
  return joined(
    ctx,
    name,
    'a',
    field,
    (keyIn) =>
      `SELECT ${columns(ctx, InstructorAssignment, 'a')}, ${columns(ctx, Instructor, 'i')}, ${columns(ctx, TwoNewOrganization, 'o')}
     FROM instructor_assignment a JOIN party_instructor i ON i.code = a.instructor_code JOIN two_new_org o ON o.credit_code = a.credit_code
     WHERE ${keyIn} ORDER BY a.assigned_on DESC, a.id DESC`,
    [],
    (row) =>
      Object.assign(entityOf(ctx, InstructorAssignment, 'a', row), {
        instructor: entityOf(ctx, Instructor, 'i', row),
        organization: entityOf(ctx, TwoNewOrganization, 'o', row),
      }),
  );
}

function contactsOf(ctx: RequestContext, name: string, field: string, range?: { from: string; to: string }): Loader<string, Contact[]> {
  return joined(
    ctx,
    name,
    'c',
    field,
    (keyIn) =>
      `SELECT ${columns(ctx, InstructorContact, 'c')}, ${columns(ctx, Instructor, 'i')}, ${columns(ctx, TwoNewOrganization, 'o')}
     FROM instructor_contact c JOIN party_instructor i ON i.code = c.instructor_code JOIN two_new_org o ON o.credit_code = c.credit_code
     WHERE ${keyIn} ${range ? 'AND c.contacted_on BETWEEN ?::date AND ?::date' : ''}
     ORDER BY c.contacted_on DESC, c.code DESC`,
    range ? [range.from, range.to] : [],
    (row) =>
      Object.assign(entityOf(ctx, InstructorContact, 'c', row), {
        instructor: entityOf(ctx, Instructor, 'i', row),
        organization: entityOf(ctx, TwoNewOrganization, 'o', row),
      }),
  );
}

export const loaders = {
  organization: (ctx: RequestContext) => byKey<TwoNewOrganization, string>(ctx, 'org', TwoNewOrganization, 'creditCode'),
  partyOrganization: (ctx: RequestContext) => byKey<PartyOrganization, number>(ctx, 'partyOrg', PartyOrganization, 'id'),
  instructor: (ctx: RequestContext) => byKey<Instructor, string>(ctx, 'instructor', Instructor, 'code'),
  /** every stint of a unit in a Party organisation, newest first */
  unitsOfOrganization: (ctx: RequestContext) => stintsOf<string>(ctx, 'org:units', 'credit_code'),
  /** every stint of a Party organisation's units */
  unitsOfPartyOrganization: (ctx: RequestContext) => stintsOf<number>(ctx, 'partyOrg:units', 'party_organization_id'),
  assignmentsOfOrganization: (ctx: RequestContext) => assignmentsOf(ctx, 'org:assignments', 'credit_code'),
  assignmentsOfInstructor: (ctx: RequestContext) => assignmentsOf(ctx, 'instructor:assignments', 'instructor_code'),
  contactsOfOrganization: (ctx: RequestContext) => contactsOf(ctx, 'org:contacts', 'credit_code'),
  contactsOfInstructor: (ctx: RequestContext, from: string, to: string) =>
    contactsOf(ctx, `instructor:contacts:${from}:${to}`, 'instructor_code', { from, to }),
};
