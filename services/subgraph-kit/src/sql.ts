/**
 * SQL built from pieces with their parameters, in order. The one condition builder of every
 * subgraph: values always travel as parameters (`?`, the ORM driver's placeholder), identifiers and
 * keywords only as trusted text written in this repository.
 */
export interface Sql {
  readonly text: string;
  readonly params: readonly unknown[];
}

const isSql = (v: unknown): v is Sql => !!v && typeof v === 'object' && 'text' in v && 'params' in v;

/** `sql\`t.kind = ${kind} AND ${other}\``: interpolated values become parameters, interpolated Sql is spliced in. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isSql(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1];
  });
  return { text, params };
}

/** Trusted text (a column, a keyword) with no parameters. */
export const raw = (text: string): Sql => ({ text, params: [] });

export const TRUE: Sql = raw('TRUE');

/** Conditions joined with AND; absent ones (undefined, null, false) are skipped; none is TRUE. */
export function and(...parts: (Sql | undefined | null | false)[]): Sql {
  const given = parts.filter((p): p is Sql => !!p);
  if (!given.length) return TRUE;
  if (given.length === 1) return given[0];
  return { text: given.map((p) => `(${p.text})`).join(' AND '), params: given.flatMap((p) => p.params) };
}

export function or(...parts: Sql[]): Sql {
  if (!parts.length) return raw('FALSE');
  return { text: `(${parts.map((p) => `(${p.text})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/** Pieces joined with a separator (e.g. ', ' for a select list). */
export function join(parts: Sql[], separator: string): Sql {
  return { text: parts.map((p) => p.text).join(separator), params: parts.flatMap((p) => p.params) };
}

/** `column = value` when the value is given (an optional filter), else nothing. */
export const eq = (column: string, value: unknown): Sql | undefined =>
  value === undefined || value === null ? undefined : sql`${raw(column)} = ${value}`;

/** `column IN (…)` when a non-empty list is given. */
export function inList(column: string, values: readonly unknown[] | null | undefined): Sql | undefined {
  if (!values?.length) return undefined;
  return { text: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** `%` and `_` typed by a user are literal in a "contains" filter. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export { ident } from '@district/common';

/** The China calendar day of a timestamptz column, as SQL (offices count days in China Standard Time). */
export const chinaDay = (column: string): string => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
