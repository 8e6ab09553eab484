import type { Caller } from '@district/common';

/** What every gateway request carries: the verified caller. */
export interface GatewayContext {
  caller: Caller;
}
