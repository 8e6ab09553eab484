import { randomUUID } from 'node:crypto';

/** Header carrying a request's id from the client (or the gateway, which makes one) to every subgraph it calls. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's id is kept when it looks like an id (a load balancer's, a UI's); anything else is replaced. */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[A-Za-z0-9._:-]{1,100}$/.test(header) ? header : randomUUID();
}
