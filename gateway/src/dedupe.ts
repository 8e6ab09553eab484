import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { readAudience, type Department } from '@district/common';
import type { GatewayContext } from './context';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Identical subgraph requests in flight at the same time are sent once: fifty screens refreshing one
 * dashboard cost the subgraphs one request per fetch. Two requests are identical when they carry
 * the same operation and variables to the same subgraph for the same audience (readAudience: the
 * caller's roles, department and scope; a caller who may see personal data unmasked shares only
 * with itself, since each of its reads is audited under its name). Only reads are shared, and only
 * while in flight: nothing is kept once the answer has come back.
 *
 * A write must be seen by the next read, so any part of a mutation passing through ends every
 * sharing: a read that arrives after a mutation's answer never takes an answer asked for before it.
 */
export class InflightReads {
  private readonly pending = new Map<string, { answer: Promise<SubgraphResponse>; joined: number }>();
  /** subgraph requests sent, and requests that took an identical one's answer instead (for the benchmark) */
  readonly counts = { sent: 0, shared: 0 };

  async process(subgraph: Department, options: Options, send: (o: Options) => Promise<SubgraphResponse>): Promise<SubgraphResponse> {
    const key = readKey(subgraph, options);
    if (key === undefined) return this.write(options, send);
    const inFlight = this.pending.get(key);
    if (inFlight) {
      this.counts.shared++;
      inFlight.joined++;
      return ownCopy(await inFlight.answer);
    }
    this.counts.sent++;
    const entry = { answer: send(options), joined: 0 };
    this.pending.set(key, entry);
    try {
      const response = await entry.answer;
      // once shared, the original stays untouched: every request works on a copy
      return entry.joined ? ownCopy(response) : response;
    } finally {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    }
  }

  private async write(options: Options, send: (o: Options) => Promise<SubgraphResponse>): Promise<SubgraphResponse> {
    this.counts.sent++;
    this.pending.clear();
    try {
      return await send(options);
    } finally {
      this.pending.clear();
    }
  }
}

/** The key of a read that may be shared, or undefined for anything that must go on its own. */
function readKey(subgraph: Department, options: Options): string | undefined {
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const caller = options.context.caller;
  if (!caller) return undefined;
  const { query, variables, operationName } = options.request;
  return JSON.stringify([subgraph, readAudience(caller, subgraph), operationName ?? null, query, variables ?? null]);
}

/**
 * The gateway writes into a subgraph's answer as it assembles the response (entities merged into
 * one another), so every request that shares it gets its own copy of the data.
 */
function ownCopy(response: SubgraphResponse): SubgraphResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), http };
}

/**
 * The same one level up: identical operations in flight at once (same document, operation name,
 * variables and audience) are executed once, and every request gets the answer, formatted once.
 * A mutation ends all sharing, as above. Requests that arrive while no identical one is running
 * execute as usual; nothing is kept once answered.
 */
export function sharedOperations(): { plugin: ApolloServerPlugin<GatewayContext>; counts: { executed: number; shared: number } } {
  const pending = new Map<string, Promise<GraphQLResponse | undefined>>();
  const counts = { executed: 0, shared: 0 };
  // a request that fails outside the pipeline never sends a response: its waiters execute on their own
  const unfinished = new WeakMap<object, () => void>();
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async unexpectedErrorProcessingRequest({ requestContext }) {
      unfinished.get(requestContext)?.();
    },
    async requestDidStart(requestContext) {
      let key: string | undefined;
      let answer: Promise<GraphQLResponse | undefined> | undefined;
      let settle: ((r: GraphQLResponse | undefined) => void) | undefined;
      let write = false;
      const finish = (response: GraphQLResponse | undefined) => {
        settle?.(response);
        settle = undefined;
        if (key !== undefined && pending.get(key) === answer) pending.delete(key);
      };
      return {
        async responseForOperation(rc) {
          if (rc.operation.operation !== 'query') {
            write = true;
            pending.clear();
            return null;
          }
          key = JSON.stringify([
            readAudience(rc.contextValue.caller),
            rc.operationName ?? null,
            rc.queryHash,
            rc.request.variables ?? null,
          ]);
          const inFlight = pending.get(key);
          if (inFlight) {
            const shared = await inFlight;
            if (shared) {
              counts.shared++;
              return { body: shared.body, http: { status: shared.http.status, headers: new HeaderMap(shared.http.headers) } };
            }
          }
          counts.executed++;
          answer = new Promise((resolve) => (settle = resolve));
          pending.set(key, answer);
          unfinished.set(requestContext, () => finish(undefined));
          return null;
        },
        async willSendResponse(rc) {
          if (write) pending.clear();
          // only a whole answer is shared; an incremental one is each request's own
          finish(rc.response.body?.kind === 'single' ? { body: rc.response.body, http: rc.response.http } : undefined);
        },
      };
    },
  };
  return { plugin, counts };
}
