import { runSubgraph } from '@district/common';
import { workforce } from './module';

void runSubgraph(workforce);
