export * from './upsert';
export * from './references';
export * from './runner';
