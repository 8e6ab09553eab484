import { runSubgraph } from '@district/subgraph-kit';
import { workforce } from './module';

void runSubgraph(workforce);
