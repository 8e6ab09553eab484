import { runSubgraph } from '@district/common';
import { gigCare } from './module';

void runSubgraph(gigCare);
