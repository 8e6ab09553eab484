import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, signCaller } from '@district/common';
import type { GatewayContext } from './context';
import { ResilientDataSource, type SubgraphCallLimits } from './subgraph-source';

/** Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret. */
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
    const caller = (context as Partial<GatewayContext>).caller;
    if (caller) request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.internalSecret));
  }
}
