/**
 * What every process shares, the gateway included: configuration, errors, callers and their scope,
 * the region code scheme, national codes, calendar days and the list of subgraphs. Nothing here
 * loads the ORM, Apollo Server or a spreadsheet reader.
 */
export * from './env';
export * from './errors';
export * from './error-format';
export * from './input-errors';
export * from './regions';
export * from './caller';
export * from './dates';
export * from './subgraphs';
export * from './codes';
export * from './ids';
export * from './region-tree';
export * from './queryable';
export * from './sql-ident';
export * from './data-version';
export * from './persons';
export * from './text-limits';
export * from './upload';
export * from './log';
export * from './databases';
export * from './listen';
