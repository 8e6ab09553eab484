import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, type Department } from '@district/common';
import type { GatewayContext } from './context';
import type { CallerTokens } from './caller-tokens';
import type { InflightReads, SubgraphResponse } from './dedupe';

/** Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret. */
export class CallerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly callerTokens: CallerTokens,
    /** identical reads in flight are sent once (dedupe.ts); absent: every request is sent */
    private readonly reads?: { subgraph: Department; inflight: InflightReads },
  ) {
    // Node's own fetch (undici): make-fetch-happen, the default, spends a sixth of the gateway's CPU
    // on HTTP caching and retries that subgraph POSTs never use
    super({ url, fetcher: fetch as never });
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    if (!this.reads) return super.process(options);
    return this.reads.inflight.process(this.reads.subgraph, options, (o) => super.process(o));
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const caller = (context as Partial<GatewayContext>).caller;
    if (caller) request.http?.headers.set(CALLER_HEADER, await this.callerTokens.get(caller));
  }
}
