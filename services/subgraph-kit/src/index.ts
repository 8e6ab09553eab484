/**
 * What every subgraph runs on: its server and database, the request context, the figures engine,
 * lists, loaders, audit trail, personal data, and the checks of what clerks type. One
 * implementation of each idea, used by all five subgraphs.
 */
export * from './db';
export * from './context';
export * from './sql';
export * from './pagination';
export * from './lists';
export * from './ranges';
export * from './loaders';
export * from './references';
export * from './prime';
export * from './joined';
export * from './figures';
export * from './breakdowns';
export * from './input';
export * from './sequences';
export * from './loop';
export * from './district';
export * from './audit';
export * from './personal';
export * from './guards';
export * from './scalars';
export * from './sdl';
export * from './data-version';
export * from './version-cache';
export * from './server';
export * from './subgraph-main';
export * from './migrations';
export * from './records';
export * from './live';
export * from './daily-work';
export * from './persons';
export * from './ledger-imports';
