/** The workforce subgraph as a package: its module (start-up, tests, the import command read it). `main.ts` runs it. */
export * from './module';
