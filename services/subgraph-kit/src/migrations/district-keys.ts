import { ident } from '@district/common';

/**
 * Statements for a migration that moves a table from a ledger-local key (工号, 小区编号 … unique only
 * within a district) to a global id "<district>:<number>", keeping every row and every reference to
 * it. Existing rows get their district from `districtFrom`, an SQL expression over the row (e.g.
 * `left(community_code, 6)`) or a subquery for tables with no place of their own.
 */
export function localKeyToGlobalId(opts: {
  table: string;
  /** the current primary-key column holding the local number */
  key: string;
  /** the new column for the local number */
  number: string;
  districtFrom: string;
  /** columns of other tables holding this table's key */
  referencedBy?: { table: string; column: string }[];
}): string[] {
  const t = ident(opts.table);
  const key = ident(opts.key);
  const num = ident(opts.number);
  const out = [
    `alter table ${t} add column if not exists "district_code" varchar(6) null, add column if not exists ${num} varchar(30) null, add column if not exists "imported_values" jsonb null;`,
    `update ${t} set "district_code" = ${opts.districtFrom}, ${num} = ${key};`,
  ];
  for (const ref of opts.referencedBy ?? []) {
    const rt = ident(ref.table);
    const rc = ident(ref.column);
    out.push(`alter table ${rt} alter column ${rc} type varchar(40);`);
    out.push(`update ${rt} r set ${rc} = x."district_code" || ':' || x.${key} from ${t} x where x.${key} = r.${rc};`);
  }
  if (opts.key !== 'id') out.push(`alter table ${t} rename column ${key} to "id";`);
  out.push(
    `alter table ${t} alter column "id" type varchar(40);`,
    `update ${t} set "id" = "district_code" || ':' || ${num};`,
    `alter table ${t} alter column "district_code" set not null, alter column ${num} set not null;`,
    `alter table ${t} add constraint ${ident(`${opts.table}_district_code_${opts.number}_unique`)} unique ("district_code", ${num});`,
  );
  return out;
}

/** Adds the district column (filled from `districtFrom`) and the import snapshot to a table keyed by a national code. */
export function addDistrictColumn(table: string, districtFrom: string): string[] {
  const t = ident(table);
  return [
    `alter table ${t} add column if not exists "district_code" varchar(6) null, add column if not exists "imported_values" jsonb null;`,
    `update ${t} set "district_code" = ${districtFrom};`,
    `alter table ${t} alter column "district_code" set not null;`,
  ];
}

/** Adds the import snapshot column to a ledger table. */
export const addImportSnapshot = (table: string): string => `alter table ${ident(table)} add column if not exists "imported_values" jsonb null;`;

/**
 * Adds the withdrawal columns (records.ts, Withdrawable) to tables of records a clerk may withdraw.
 * Existing rows are live.
 */
export const addWithdrawal = (table: string): string =>
  `alter table ${ident(table)} add column if not exists "withdrawn_on" date null, add column if not exists "withdrawal_reason" text null;`;
