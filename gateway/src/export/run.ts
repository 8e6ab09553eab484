import type { ApolloServer } from '@apollo/server';
import type express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { todayInChina } from '@district/common';
import type { GatewayContext } from '../context';
import type { ExportFormat, TableWriter } from './writers';

export function formatOf(req: express.Request): ExportFormat | undefined {
  const f = String(req.query.format ?? 'xlsx').toLowerCase();
  return f === 'csv' || f === 'xlsx' ? f : undefined;
}

/** Response headers of a file download named for what it holds and the day. */
export function attachment(res: express.Response, writer: TableWriter, base: string) {
  res.setHeader('content-type', writer.contentType);
  res.setHeader('content-disposition', `attachment; filename="${base}-${todayInChina()}.${writer.extension}"`);
  res.setHeader('cache-control', 'no-store');
}

/** One execution of an operation through the gateway's own pipeline: limits, query plan, masking, error format. */
export interface Execution {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  status?: number;
}

export async function execute(
  apollo: ApolloServer<GatewayContext>,
  context: GatewayContext,
  query: string,
  variables: Record<string, unknown>,
  operationName?: string,
): Promise<Execution> {
  const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: context });
  if (response.body.kind !== 'single')
    return { errors: [{ message: '不支持增量结果 / incremental results are not supported' }], status: 400 };
  const { data, errors } = response.body.singleResult;
  return { data: data as Record<string, unknown> | null | undefined, errors, status: response.http.status };
}

const STATUS_OF: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INTERNAL_SERVER_ERROR: 500,
};

/** The HTTP status of a refused export: the first error's meaning, as /graphql would answer. */
export function statusOf(execution: Execution): number {
  if (execution.status && execution.status >= 400) return execution.status;
  const code = String(execution.errors?.[0]?.extensions?.code ?? '');
  return STATUS_OF[code] ?? 400;
}
