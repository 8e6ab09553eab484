import { runSubgraph } from '@district/common';
import { socialOrganizations } from './module';

void runSubgraph(socialOrganizations);
