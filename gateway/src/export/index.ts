import type { ApolloServer } from '@apollo/server';
import type { ApolloGateway } from '@apollo/gateway';
import express from 'express';
import { Kind, parse, print, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { exportHeader, LIMIT_CODES, type Caller } from '@district/common';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import { httpError } from '../http-errors';
import { attachment, execute, formatOf, statusOf, type Execution } from './run';
import { AFTER_VARIABLE, FIRST_VARIABLE, PAGE_ALIAS, pagedDocument } from './paging';
import { cellOf, columnsOf, findRows, fragmentsOf, pageInfoAt, rowsAt, type RowsTarget } from './table';
import { tableWriter, type TableWriter } from './writers';
import { annualReportRoute } from './report';

/**
 * Tables out: `/export?format=csv|xlsx` runs any query operation (POST `{ query, variables,
 * operationName }` as to /graphql, or GET with the same parameters) as the caller, through the
 * gateway's whole pipeline, and writes its first list as a spreadsheet: a connection is paged
 * through with its cursors, written as each page arrives; a plain list (a ranking, a table of
 * figures by region) is written whole. What a caller may not see unmasked is masked in the file
 * exactly as in the API, since the file is made of the API's answers. The owning subgraph records
 * the export in its audit trail (the first page carries the export header).
 * `/export/annual-report?code=…&year=…&format=…` writes the work report's figures of any node.
 */
export interface ExportRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function requestOf(req: express.Request): { query?: string; variables: Record<string, unknown>; operationName?: string } {
  const source = (req.method === 'GET' ? req.query : (req.body ?? {})) as ExportRequest;
  let variables = source.variables;
  if (typeof variables === 'string') variables = JSON.parse(variables);
  return {
    query: typeof source.query === 'string' ? source.query : undefined,
    variables: (variables && typeof variables === 'object' ? variables : {}) as Record<string, unknown>,
    operationName: typeof source.operationName === 'string' ? source.operationName : undefined,
  };
}

const refuse = (res: express.Response, execution: Execution) => res.status(statusOf(execution)).json({ errors: execution.errors });

async function exportList(
  apollo: ApolloServer<GatewayContext>,
  schema: GraphQLSchema,
  config: GatewayConfig,
  req: express.Request,
  res: express.Response,
): Promise<void> {
  const format = formatOf(req);
  if (!format) return httpError(res, 400, 'format 应为 csv 或 xlsx / format must be csv or xlsx', 'BAD_USER_INPUT');
  let request;
  let doc: DocumentNode;
  try {
    request = requestOf(req);
    doc = parse(request.query ?? '');
  } catch {
    return httpError(res, 400, '请给出要导出的查询 / give the query to export (query, variables, operationName)', 'BAD_REQUEST');
  }
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = request.operationName
    ? operations.find((o) => o.name?.value === request.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  // as /graphql answers: which of several operations to run is the client's to say
  if (!operation && operations.length)
    return httpError(
      res,
      400,
      request.operationName
        ? `文档中没有名为 "${request.operationName}" 的操作 / Unknown operation named "${request.operationName}".`
        : '文档含多个操作时请用 operationName 指明其中之一 / Must provide operation name if query contains multiple operations.',
      'OPERATION_RESOLUTION_FAILURE',
    );
  if (!operation || operation.operation !== 'query') {
    return httpError(res, 400, '只能导出查询 / only a query can be exported', 'BAD_REQUEST');
  }
  const fragments = fragmentsOf(doc);
  const target = findRows(schema, operation, fragments);
  if (!target) return httpError(res, 400, '查询中没有可导出的列表 / the query selects no list to export', 'BAD_USER_INPUT');
  const columns = columnsOf(target.itemType, target.itemSelection, fragments);
  if (!columns.length) return httpError(res, 400, '列表未选择任何字段 / the list selects no field to export', 'BAD_USER_INPUT');

  const caller = res.locals.caller as Caller;
  const audit = exportHeader(format, target.parentType.name, target.field.name.value);
  const text = target.connection ? print(pagedDocument(doc, operation, target.field)) : print(doc);
  let pageSize = config.EXPORT_PAGE_SIZE;
  const page = (after: string | null, first: boolean) =>
    execute(
      apollo,
      { caller, exportAudit: first ? audit : undefined },
      text,
      target.connection ? { ...request.variables, [FIRST_VARIABLE]: pageSize, [AFTER_VARIABLE]: after } : request.variables,
      request.operationName,
    );

  let execution = await page(null, true);
  // a page too costly for the gateway's limit is asked again smaller (each row may ask for much)
  while (target.connection && (LIMIT_CODES as readonly unknown[]).includes(execution.errors?.[0]?.extensions?.code) && pageSize > 25) {
    pageSize = Math.max(25, Math.floor(pageSize / 2));
    execution = await page(null, true);
  }
  if (execution.errors?.length || !execution.data) return void refuse(res, execution);

  const writer = tableWriter(format, res, target.field.name.value);
  attachment(res, writer, target.field.name.value);
  await writer.header(columns.map((c) => c.header));
  await writeRows(config, writer, target, columns, execution, (after) => page(after, false));
}

/** Writes every page; a limit reached or a page that fails ends the file with a line saying so. */
async function writeRows(
  config: GatewayConfig,
  writer: TableWriter,
  target: RowsTarget,
  columns: ReturnType<typeof columnsOf>,
  first: Execution,
  next: (after: string) => Promise<Execution>,
) {
  let written = 0;
  let execution = first;
  for (;;) {
    for (const row of rowsAt(execution.data, target)) {
      if (written === config.EXPORT_MAX_ROWS) {
        await writer.row([
          `已达导出上限 ${config.EXPORT_MAX_ROWS} 行，其余未导出，请缩小筛选范围 / export limit of ${config.EXPORT_MAX_ROWS} rows reached: narrow the filter for the rest`,
        ]);
        return writer.end();
      }
      await writer.row(columns.map((c) => cellOf(row, c)));
      written++;
    }
    const info = target.connection ? pageInfoAt(execution.data, target, PAGE_ALIAS) : undefined;
    if (!info?.hasNextPage || !info.endCursor) return writer.end();
    execution = await next(info.endCursor);
    if (execution.errors?.length || !execution.data) {
      await writer.row([`导出中断：${execution.errors?.[0]?.message ?? '无数据'} / export interrupted after ${written} rows`]);
      return writer.end();
    }
  }
}

/** The export routes, mounted at /export behind the gateway's caller check. */
export function exportRoutes(apollo: ApolloServer<GatewayContext>, gateway: ApolloGateway, config: GatewayConfig): express.Router {
  const router = express.Router();
  const schema = () => {
    if (!gateway.schema) throw new Error('the gateway has no schema loaded');
    return gateway.schema;
  };
  // once a file has begun, a failure can only cut it short: the client sees an incomplete download
  const failed = (res: express.Response, next: express.NextFunction) => (e: unknown) =>
    res.headersSent ? res.destroy(e as Error) : next(e);
  router.get('/annual-report', (req, res, next) => annualReportRoute(apollo, schema(), config, req, res).catch(failed(res, next)));
  router.all('/', (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return httpError(res, 405, '请用 GET 或 POST / use GET or POST', 'BAD_REQUEST');
    exportList(apollo, schema(), config, req, res).catch(failed(res, next));
  });
  return router;
}
