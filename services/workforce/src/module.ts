import { join } from 'node:path';
import type { SubgraphModule } from '@district/common';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The community workforce subgraph, as start-up, tests and the import command see it. */
export const workforce: SubgraphModule = {
  service: 'workforce',
  defaultPort: 4002,
  root: join(__dirname, '..'),
  resolvers: resolvers as SubgraphModule['resolvers'],
  entities,
  migrations,
};
