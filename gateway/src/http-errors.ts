import type express from 'express';
import type { AccessRecord } from './access-log';

/** A refusal before GraphQL runs, in the shape GraphQL clients read: `{ errors: [{ message, extensions: { code } }] }`. */
export function httpError(res: express.Response, status: number, message: string, code: string) {
  (res.locals.access as AccessRecord | undefined)?.errors.push(code);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
