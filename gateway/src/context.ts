import type { Caller } from '@district/common';

/** What every gateway request carries: the verified caller. */
export interface GatewayContext {
  caller: Caller;
  /** on the first page of an export: the header that has the owning subgraph audit it (see export/) */
  exportAudit?: string;
}
