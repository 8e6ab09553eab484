import { runSubgraph } from '@district/common';
import { partyBuilding } from './module';

void runSubgraph(partyBuilding);
