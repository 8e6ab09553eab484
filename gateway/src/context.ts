import type { Caller } from '@district/common';
import type { AccessRecord } from './access-log';

/** What every gateway request carries: the verified caller, and its access record (request id, subgraphs touched). */
export interface GatewayContext {
  caller: Caller;
  access?: AccessRecord;
}
