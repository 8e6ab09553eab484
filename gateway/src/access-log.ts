import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { log } from '@district/common';
import { metrics, operationForLog, operationLabel, REQUEST_ID_HEADER, requestIdFrom } from '@district/telemetry';
import type { GatewayContext } from './context';

/** What the access line of one request says; filled in as the request goes (auth, GraphQL, subgraph calls). */
export interface AccessRecord {
  requestId: string;
  caller?: { subject: string; roles: string[] };
  operation?: string;
  /** sha256 of the document (or the persisted query's hash) */
  hash?: string;
  type?: string;
  subgraphs: Set<string>;
  errors: string[];
}

export function accessRecord(res: express.Response): AccessRecord {
  return res.locals.access as AccessRecord;
}

/**
 * One access line per request to /graphql, written when the response is finished, refused requests
 * included (401, 413, 429 …): time, request id, caller subject and roles, operation name and hash,
 * status, duration, subgraphs touched and error codes. Never the document, variables or answer, so
 * no personal data can reach the log through it. The request id comes from the client's x-request-id
 * when it has a sane shape, else is made here; it is returned to the client and sent to every subgraph.
 */
export function accessLog(): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const access: AccessRecord = { requestId: requestIdFrom(req.header(REQUEST_ID_HEADER)), subgraphs: new Set(), errors: [] };
    res.locals.access = access;
    res.setHeader(REQUEST_ID_HEADER, access.requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = operationLabel(access.operation);
      if (access.type) metrics.operationDuration.observe({ service: 'gateway', operation, type: access.type }, seconds);
      for (const code of access.errors) metrics.errors.inc({ service: 'gateway', code });
      log().info(
        {
          requestId: access.requestId,
          caller: access.caller?.subject ?? null,
          roles: access.caller?.roles ?? [],
          operation: operationForLog(access.operation),
          hash: access.hash ?? null,
          type: access.type ?? null,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000),
          subgraphs: [...access.subgraphs].sort(),
          errors: access.errors,
        },
        'access',
      );
    });
    next();
  };
}

/** Fills the access record from GraphQL: the operation's name, hash and type, and the error codes of the answer. */
export const accessPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, operationName, queryHash }) {
        const access = contextValue.access;
        if (!access) return;
        access.operation = operationName ?? undefined;
        access.hash = queryHash;
        access.type = operation?.operation;
      },
      async willSendResponse({ contextValue, response, errors, request, queryHash }) {
        const access = contextValue.access;
        if (!access) return;
        // a document that failed to parse or validate never reached didResolveOperation
        access.operation ??= request.operationName ?? undefined;
        access.hash ??= queryHash;
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        for (const e of body?.errors ?? errors ?? []) access.errors.push(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
      },
    };
  },
};
