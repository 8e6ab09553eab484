export * from './ledger-import.entity';
export * from './settings';
export * from './district';
export * from './views';
export * from './service';
export * from './routes';
export * from './resolvers';
