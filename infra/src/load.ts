import { join } from 'node:path';

/**
 * Loads a module of a subgraph's built package by path at run time: which subgraphs and ledgers
 * exist is the registry's to say, not an import list.
 */
export function loadBuilt<T>(dir: string, file: string): T {
  return require(join(dir, 'dist', file)) as T; // eslint-disable-line @typescript-eslint/no-require-imports
}
