export * from './define';
export * from './period';
export * from './engine';
export * from './cache';
export * from './values';
export * from './over-nodes';
