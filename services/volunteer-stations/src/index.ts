import { runSubgraph } from '@district/common';
import { volunteerStations } from './module';

void runSubgraph(volunteerStations);
