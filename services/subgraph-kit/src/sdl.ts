import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The kit's shared SDL (shared.graphql): appended to every subgraph's schema.graphql. */
export const SHARED_SDL_FILE = join(__dirname, '..', 'shared.graphql');

export const sharedTypeDefs: string = readFileSync(SHARED_SDL_FILE, 'utf8');

/** A subgraph's own schema.graphql, read from its package root. */
export function readSchema(root: string): string {
  return readFileSync(join(root, 'schema.graphql'), 'utf8');
}
