import { runSubgraph } from '@district/subgraph-kit';
import { socialOrganizations } from './module';

void runSubgraph(socialOrganizations);
