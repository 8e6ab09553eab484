import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { sharedTypeDefs } from '@district/common';

/**
 * Composition is a build step: the gateway serves the committed supergraph.graphql and never
 * introspects subgraphs at run time. `--check` fails when the committed file is stale or when
 * composition reports an error, so a subgraph change that breaks the graph cannot land.
 */
const root = join(__dirname, '..', '..');
export const SUPERGRAPH_FILE = join(root, 'schema', 'supergraph.graphql');

export const SUBGRAPH_URLS: Record<string, string> = {
  workforce: 'http://localhost:4002/graphql',
  'party-building': 'http://localhost:4001/graphql',
  'social-organizations': 'http://localhost:4003/graphql',
  'volunteer-stations': 'http://localhost:4004/graphql',
  'gig-care': 'http://localhost:4005/graphql',
};

export function composeSupergraph(): { supergraphSdl?: string; errors: string[] } {
  const services = Object.entries(SUBGRAPH_URLS).map(([name, url]) => ({
    name,
    url,
    typeDefs: parse(`${readFileSync(join(root, 'services', name, 'schema.graphql'), 'utf8')}\n${sharedTypeDefs}`),
  }));
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, errors: [] };
}

function main() {
  const mode = process.argv.includes('--check') ? 'check' : 'write';
  const { supergraphSdl, errors } = composeSupergraph();
  if (errors.length || !supergraphSdl) {
    console.error(`composition failed:\n- ${errors.join('\n- ')}`);
    process.exit(1);
  }
  if (mode === 'write') {
    writeFileSync(SUPERGRAPH_FILE, supergraphSdl);
    console.log(`wrote ${SUPERGRAPH_FILE}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `pnpm compose` and commit the result');
    process.exit(1);
  }
  console.log('supergraph is current');
}

if (require.main === module) main();
