import { join } from 'node:path';
import type { SubgraphModule } from '@district/subgraph-kit';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { ledgers } from './ledgers';

/** The gig-worker care subgraph, as start-up, tests and the import command see it. */
export const gigCare: SubgraphModule = {
  service: 'gig-care',
  root: join(__dirname, '..'),
  resolvers: resolvers as SubgraphModule['resolvers'],
  entities,
  migrations,
  ledgers,
};
export { ledgers } from './ledgers';
