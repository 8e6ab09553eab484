/** A cell as read: text, a number, an Excel date cell, or nothing. */
export type Cell = string | number | Date | null;

/** One data row. `row` is 1-based and counts data rows only: the header, title rows above it and blank rows are not rows. */
export interface LedgerRow {
  row: number;
  /** keyed by the header as normalised by `normaliseHeader` */
  cells: Record<string, Cell>;
  /** non-empty values beyond the header's last column (a stray comma, a shifted row) */
  extra?: Cell[];
}

export type ColumnType = 'text' | 'int' | 'decimal' | 'date' | 'datetime' | 'bool' | 'enum' | 'idNumber' | 'creditCode' | 'phone' | 'code';

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  required?: boolean;
  /** enum: the allowed values, compared after trimming */
  values?: readonly string[];
  /** int/decimal: inclusive bounds (an int column without them holds what PostgreSQL's integer holds) */
  min?: number;
  max?: number;
  /** decimal: the column's numeric(precision, scale), whose range bounds the value when `max` is not given */
  digits?: readonly [precision: number, scale: number];
  /** text/code: the whole trimmed value must match */
  pattern?: RegExp;
  /** date/datetime: default false, a day after `today` is a defect */
  allowFuture?: boolean;
  /** never echo the value in a reason; implied for idNumber and phone */
  personal?: boolean;
}

/** A typed value: text/code/enum/idNumber/creditCode/phone → string, date → 'YYYY-MM-DD', datetime → 'YYYY-MM-DDTHH:mm:ss+08:00', int/decimal → number, bool → boolean. */
export type LedgerValue = string | number | boolean | null;

export type DefectKind =
  'required' | 'format' | 'checksum' | 'enum' | 'date' | 'number' | 'range' | 'duplicate' | 'reference' | 'header' | 'csv';

export interface Defect {
  /** the spec's file, e.g. 'workforce/certificates.csv' */
  file: string;
  /** 1-based data row; 0 for the header */
  row: number;
  /** the column's header; '*' for the whole row */
  column: string;
  kind: DefectKind;
  reason: string;
}

/** A problem found by a row-level rule, before it is placed in a file. */
export interface RowProblem<K extends string = string> {
  column: K | '*';
  kind: DefectKind;
  reason: string;
}

export interface LedgerSpec<K extends string> {
  /** path relative to the ledger directory, e.g. 'workforce/certificates.csv' */
  file: string;
  columns: Record<K, ColumnSpec>;
  /** natural key: a second row with the same key is a 'duplicate' defect naming the first */
  key: K[];
  /** sheet of an XLSX ledger; the first sheet when absent */
  sheet?: string;
  /** rules across columns (e.g. "a credit code or a filing number"), run on rows whose cells passed */
  check?: (value: Record<K, LedgerValue>, row: number) => RowProblem<K>[];
}

export interface ValidRow<K extends string> {
  row: number;
  value: Record<K, LedgerValue>;
}
