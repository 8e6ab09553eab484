import { runSubgraph } from '@district/subgraph-kit';
import { gigCare } from './module';

void runSubgraph(gigCare);
