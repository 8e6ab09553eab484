/** The test kit every suite imports as @district/testkit: databases, callers, requests, datasets, stacks. */
export * from './testing';
export * from './datasets';
export * from './subgraphs';
export * from './stack';
export * from './second-district';
export * from './governance';
export * from './ledgers';
export * from './replica';
export * from './exports';
export * from './governance-volunteer';
export * from './governance-party';
