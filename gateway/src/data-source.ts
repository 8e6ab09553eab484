import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, EXPORT_HEADER, signCaller } from '@district/common';
import { metrics, operationLabel, REQUEST_ID_HEADER } from '@district/telemetry';
import type { GatewayContext } from './context';
import { ResilientDataSource, type SubgraphCallLimits } from './subgraph-source';

/**
 * Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret,
 * the request's id (the subgraph's log lines carry it) and, on an export's first page, the header
 * that has the owning subgraph audit it; times each call per operation and subgraph. Deadlines, size
 * caps and failures costing only their own fields come from ResilientDataSource.
 */
export class CallerForwardingDataSource extends ResilientDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalSecret: string,
    serviceName: string,
    limits: SubgraphCallLimits,
  ) {
    super(url, serviceName, limits);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { caller, access, exportAudit } = context as Partial<GatewayContext>;
    if (caller) request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.internalSecret));
    if (access) request.http?.headers.set(REQUEST_ID_HEADER, access.requestId);
    if (exportAudit) request.http?.headers.set(EXPORT_HEADER, exportAudit);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<ResilientDataSource<GatewayContext>['process']> {
    const access = (options.context as Partial<GatewayContext>).access;
    access?.subgraphs.add(this.serviceName);
    const started = process.hrtime.bigint();
    try {
      return await super.process(options);
    } finally {
      metrics.subgraphFetchDuration.observe(
        { operation: operationLabel(access?.operation), subgraph: this.serviceName },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}
