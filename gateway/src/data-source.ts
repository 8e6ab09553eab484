import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, EXPORT_HEADER, type Department } from '@district/common';
import { metrics, operationLabel, REQUEST_ID_HEADER } from '@district/telemetry';
import type { GatewayContext } from './context';
import type { CallerTokens } from './caller-tokens';
import type { InflightReads, SubgraphResponse } from './dedupe';
import { ResilientDataSource, type SubgraphCallLimits } from './subgraph-source';

/**
 * Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret,
 * the request's id (the subgraph's log lines carry it) and, on an export's first page, the header
 * that has the owning subgraph audit it; times each call per operation and subgraph. Deadlines, size
 * caps and failures costing only their own fields come from ResilientDataSource; identical reads in
 * flight at once go out once (dedupe.ts), deadline and all, and every request sharing it gets its
 * answer or its failure.
 */
export class CallerForwardingDataSource extends ResilientDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly callerTokens: CallerTokens,
    serviceName: string,
    limits: SubgraphCallLimits,
    /** identical reads in flight are sent once (dedupe.ts); absent: every request is sent */
    private readonly reads?: { subgraph: Department; inflight: InflightReads },
  ) {
    super(url, serviceName, limits);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { caller, access, exportAudit } = context as Partial<GatewayContext>;
    if (caller) request.http?.headers.set(CALLER_HEADER, await this.callerTokens.get(caller));
    if (access) request.http?.headers.set(REQUEST_ID_HEADER, access.requestId);
    if (exportAudit) request.http?.headers.set(EXPORT_HEADER, exportAudit);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const access = (options.context as Partial<GatewayContext>).access;
    access?.subgraphs.add(this.serviceName);
    const started = process.hrtime.bigint();
    try {
      if (!this.reads) return await super.process(options);
      return await this.reads.inflight.process(this.reads.subgraph, options, (o) => super.process(o));
    } finally {
      metrics.subgraphFetchDuration.observe(
        { operation: operationLabel(access?.operation), subgraph: this.serviceName },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}
