import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, EXPORT_HEADER, signCaller } from '@district/common';
import type { GatewayContext } from './context';

/** Forwards the verified caller to a subgraph as a short-lived token signed with the internal secret. */
export class CallerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalSecret: string,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { caller, exportAudit } = context as Partial<GatewayContext>;
    if (caller) request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.internalSecret));
    if (exportAudit) request.http?.headers.set(EXPORT_HEADER, exportAudit);
  }
}
