import { randomUUID } from 'node:crypto';

/** Header carrying a request's id from the client (or the gateway, which makes one) to every subgraph it calls. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A UUID, or 8 to 64 letters, digits and dashes (a load balancer's or a UI's id). */
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
/** A run of 11 or more digits could be a phone or an ID number: never taken into a log line or echoed. */
const PERSONAL_DIGITS = /\d{11,}|\d{17}[Xx]/;

/**
 * A client's id is kept when it looks like an id; anything else (too short or long, other
 * characters, or a run of digits shaped like a phone or ID number: `410106196102083685`) is
 * replaced by a new UUID, since the id is written into every log line of the request and returned.
 */
export function requestIdFrom(header: string | undefined): string {
  return header && REQUEST_ID.test(header) && !PERSONAL_DIGITS.test(header) ? header : randomUUID();
}
