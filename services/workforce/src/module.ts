import { join } from 'node:path';
import type { SubgraphModule } from '@district/subgraph-kit';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { ledgers } from './ledgers';
import { localRegionTree } from './modules/regions/region-tree';

/** The community workforce subgraph, as start-up, tests and the import command see it. It owns the region tree. */
export const workforce: SubgraphModule = {
  service: 'workforce',
  root: join(__dirname, '..'),
  resolvers: resolvers as SubgraphModule['resolvers'],
  entities,
  migrations,
  ledgers,
  localRegionTree,
};
export { ledgers } from './ledgers';
