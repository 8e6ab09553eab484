import express from 'express';
import { GraphQLError } from 'graphql';
import { UploadTooLargeError, type Caller } from '@district/common';
import { templateFileName, writeLedgerTemplate } from '@district/ledger';
import type { LedgerImports } from './service';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** An error as GraphQL clients read it, with the HTTP status that says the same. */
function fail(res: express.Response, e: unknown): void {
  if (e instanceof UploadTooLargeError) {
    res.setHeader('connection', 'close');
    res.status(413).json({ errors: [{ message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    return;
  }
  const code = e instanceof GraphQLError ? String(e.extensions.code ?? '') : '';
  if (STATUS[code]) {
    res
      .status(STATUS[code])
      .json({ errors: [{ message: (e as Error).message, extensions: e instanceof GraphQLError ? e.extensions : { code } }] });
    return;
  }
  console.error(`[ledger-import] ${(e as Error)?.name ?? 'Error'} while handling a ledger request`);
  res.status(500).json({
    errors: [{ message: '服务内部错误，请稍后重试 / internal error, please retry later', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
}

/**
 * The subgraph's ledger endpoints, reached only through the gateway (the caller check in front of
 * them is the one /graphql has): its ledgers in import order, uploads, and each ledger's template.
 * Preview, commit and progress are GraphQL mutations and queries of the subgraph.
 */
export function ledgerRoutes(imports: LedgerImports, service: string): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({ subgraph: service, fields: imports.fields, ledgers: imports.catalog() });
  });
  router.post('/uploads', async (req, res) => {
    try {
      const ledger = String(req.query.ledger ?? '');
      const name = String(req.query.name ?? ledger);
      const view = await imports.receive(res.locals.caller as Caller, ledger, name, req);
      res.status(201).json({ subgraph: service, fields: imports.fields, upload: view });
    } catch (e) {
      fail(res, e);
    }
  });
  router.get('/templates/*path', async (req, res) => {
    const wanted = (req.params as { path: string[] }).path.join('/');
    const found = imports.catalog().find((c) => templateFileName(c.ledger) === wanted);
    if (!found) return fail(res, new GraphQLError(`没有这个模板 / no such template: ${wanted}`, { extensions: { code: 'NOT_FOUND' } }));
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(wanted.split('/').pop()!)}`);
    try {
      await writeLedgerTemplate(imports.importer(found.ledger)!.spec, res);
      res.end();
    } catch (e) {
      if (!res.headersSent) fail(res, e);
      else res.destroy();
    }
  });
  return router;
}
