import { runSubgraph } from '@district/subgraph-kit';
import { partyBuilding } from './module';

void runSubgraph(partyBuilding);
