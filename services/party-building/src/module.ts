import { join } from 'node:path';
import type { SubgraphModule } from '@district/common';
import { entities } from './entities';
import { migrations } from './migrations';
import { resolvers } from './resolvers';

/** The party-building coverage subgraph ("两个覆盖"), as start-up, tests and the import command see it. */
export const partyBuilding: SubgraphModule = {
  service: 'party-building',
  defaultPort: 4001,
  root: join(__dirname, '..'),
  resolvers: resolvers as SubgraphModule['resolvers'],
  entities,
  migrations,
};
