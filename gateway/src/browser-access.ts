import compression from 'compression';
import cors from 'cors';
import type express from 'express';
import type { GatewayConfig } from './config';

/**
 * What a dashboard on another origin and a mobile app need from the one endpoint, before any caller
 * is authenticated: CORS for the configured origins (a preflight carries no token, so it is answered
 * here, never by the token check), and gzip for responses such as introspection.
 */
export function browserAccess(config: GatewayConfig): express.RequestHandler[] {
  const allowed = new Set(config.CORS_ORIGINS);
  return [
    cors({
      // an origin not configured gets no Access-Control-* header: the browser then refuses the response
      origin: (origin, done) => done(null, !!origin && allowed.has(origin)),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
      exposedHeaders: ['content-disposition', 'retry-after'],
      maxAge: 600,
    }),
    compression(),
  ];
}

/**
 * Apollo refuses a GET (or a form-encoded POST) that carries none of these headers, as a possible
 * cross-site request forgery. Every call here must carry `Authorization: Bearer …`, a header a
 * browser never adds on its own and never sends cross-origin without a CORS preflight, so it serves
 * as that proof: clients need no `apollo-require-preflight` header for GET queries.
 */
export const csrfRequestHeaders = ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'];
