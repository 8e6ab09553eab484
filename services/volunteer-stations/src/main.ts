import { runSubgraph } from '@district/subgraph-kit';
import { volunteerStations } from './module';

void runSubgraph(volunteerStations);
