import type { RunningStack } from './stack';

/** Loads the Shangjie ledgers when the databases are empty (first start). Filled in by the import issue. */
export async function loadDemoIfEmpty(_stack: RunningStack, _dir: string, _internalSecret: string): Promise<void> {
  // import lands with issue 3
}
