/**
 * Ledgers (台账) in: reading CSV (UTF-8 or GB18030) and XLSX streams, validating every cell against
 * its column (national codes, dates as offices type them), and importing a file all or nothing into
 * the subgraph that owns it, without losing what the app changed since the last import.
 */
export * from './types';
export * from './text';
export * from './dates';
export * from './encoding';
export * from './parse-error';
export * from './read';
export * from './cells';
export * from './validate-row';
export * from './validate-ledger';
export * from './duplicates';
export * from './store';
export * from './runner';
export * from './helpers';
export * from './places';
export * from './template';
