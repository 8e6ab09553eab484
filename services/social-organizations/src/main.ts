// first: tracing (when configured) must patch http, express and pg before they load
import '@district/telemetry/register';
import { runSubgraph } from '@district/subgraph-kit';
import { socialOrganizations } from './module';

void runSubgraph(socialOrganizations);
