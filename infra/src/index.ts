export * from './stack';
export * from './postgres';
export * from './subgraphs';
export * from './tokens';
export * from './import';
export * from './report';
export * from './connect';
export * from './graph-client';
