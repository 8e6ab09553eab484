import type { Caller } from '@district/common';
import type { AccessRecord } from './access-log';

/** What every gateway request carries: the verified caller, and its access record (request id, subgraphs touched). */
export interface GatewayContext {
  caller: Caller;
  access?: AccessRecord;
  /** on the first page of an export: the header that has the owning subgraph audit it (see export/) */
  exportAudit?: string;
  /** the operation asks something shown to some callers only by who they are, not by role and scope (dedupe.ts) */
  answersPerCaller?: boolean;
}
