/**
 * A ledger that cannot be read on: a broken CSV record (kind 'csv', `row` is the data row where the
 * broken record starts; the rows before it were already yielded) or no usable header (kind 'header',
 * row 0). Never carries cell values, so it is safe to show and to log.
 */
export class LedgerParseError extends Error {
  readonly column = '*';

  constructor(
    readonly row: number,
    readonly reason: string,
    readonly kind: 'csv' | 'header' = 'csv',
  ) {
    super(`row ${row}: ${reason}`);
    this.name = 'LedgerParseError';
  }
}
