import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, EXPORT_HEADER, signCaller } from '@district/common';
import { metrics, operationLabel, REQUEST_ID_HEADER } from '@district/telemetry';
import type { GatewayContext } from './context';

/**
 * Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret,
 * and the request's id, so the subgraph's log lines carry it; times each call per operation and subgraph.
 */
export class CallerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalSecret: string,
    private readonly subgraph = 'unknown',
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { caller, access, exportAudit } = context as Partial<GatewayContext>;
    if (caller) request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.internalSecret));
    if (access) request.http?.headers.set(REQUEST_ID_HEADER, access.requestId);
    if (exportAudit) request.http?.headers.set(EXPORT_HEADER, exportAudit);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const access = (options.context as Partial<GatewayContext>).access;
    access?.subgraphs.add(this.subgraph);
    const started = process.hrtime.bigint();
    try {
      return await super.process(options);
    } finally {
      metrics.subgraphFetchDuration.observe(
        { operation: operationLabel(access?.operation), subgraph: this.subgraph },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}
