import type express from 'express';

/** A refusal before GraphQL runs, in the shape GraphQL clients read: `{ errors: [{ message, extensions: { code } }] }`. */
export function httpError(res: express.Response, status: number, message: string, code: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
