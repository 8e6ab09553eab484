import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, BREAK, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readAudience, type Caller, type Department } from '@district/common';
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

/**
 * Types a caller is shown by who it is, not by role and scope: a ledger import only to its uploader
 * (and administrators). An operation selecting one anywhere is shared only with the same caller.
 */
const PER_CALLER_TYPES = new Set(['LedgerImport']);

function selectsPerCallerType(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (type && PER_CALLER_TYPES.has(getNamedType(type).name)) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}

/**
 * Marks each operation whose answer depends on the caller beyond role and scope
 * (`answersPerCaller`), once per document: both kinds of sharing then keep it to that caller.
 */
export function perCallerAnswers(): ApolloServerPlugin<GatewayContext> {
  const known = new Map<string, boolean>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, queryHash, contextValue }) {
          let perCaller = known.get(queryHash);
          if (perCaller === undefined) {
            perCaller = selectsPerCallerType(schema, document);
            if (known.size >= 10_000) known.clear();
            known.set(queryHash, perCaller);
          }
          contextValue.answersPerCaller = perCaller;
        },
      };
    },
  };
}

/**
 * Who may share an answer: the audience (readAudience), narrowed to the caller itself when the
 * operation answers per caller; undefined for a request that must go on its own (the first page of
 * an export is audited by the subgraph per request).
 */
function sharingAudience(context: Partial<GatewayContext>, subgraph?: Department): string | undefined {
  const caller: Caller | undefined = context.caller;
  if (!caller || context.exportAudit) return undefined;
  const audience = readAudience(caller, subgraph);
  return context.answersPerCaller ? JSON.stringify([audience, caller.subject]) : audience;
}

/** The key of a read that may be shared, or undefined for anything that must go on its own. */
function readKey(subgraph: Department, options: Options): string | undefined {
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const audience = sharingAudience(options.context, subgraph);
  if (audience === undefined) return undefined;
  const { query, variables, operationName } = options.request;
  return JSON.stringify([subgraph, audience, operationName ?? null, query, variables ?? null]);
}

/**
 * The gateway writes into a subgraph's answer as it assembles the response (entities merged into
 * one another), so every request that shares it gets its own copy of the data.
 */
function ownCopy(response: SubgraphResponse): SubgraphResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), http };
}

interface Shared {
  response: GraphQLResponse;
  subgraphs: string[];
}

/**
 * The same one level up: identical operations in flight at once (same document, operation name,
 * variables and audience) are executed once, and every request gets the answer, formatted once.
 * A mutation ends all sharing, as above. Requests that arrive while no identical one is running
 * execute as usual; nothing is kept once answered.
 */
export function sharedOperations(): { plugin: ApolloServerPlugin<GatewayContext>; counts: { executed: number; shared: number } } {
  const pending = new Map<string, Promise<Shared | undefined>>();
  const counts = { executed: 0, shared: 0 };
  // a request that fails outside the pipeline never sends a response: its waiters execute on their own
  const unfinished = new WeakMap<object, () => void>();
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async unexpectedErrorProcessingRequest({ requestContext }) {
      unfinished.get(requestContext)?.();
    },
    async requestDidStart(requestContext) {
      let key: string | undefined;
      let answer: Promise<Shared | undefined> | undefined;
      let settle: ((r: Shared | undefined) => void) | undefined;
      let write = false;
      const finish = (response: Shared | undefined) => {
        settle?.(response);
        settle = undefined;
        if (key !== undefined && pending.get(key) === answer) pending.delete(key);
      };
      return {
        async responseForOperation(rc) {
          // no operation resolved (two operations and no or an unknown operationName): Apollo refuses it with 400 after this hook
          if (!rc.operation) return null;
          if (rc.operation.operation !== 'query') {
            write = true;
            pending.clear();
            return null;
          }
          const audience = sharingAudience(rc.contextValue);
          if (audience === undefined) return null;
          key = JSON.stringify([audience, rc.operationName ?? null, rc.queryHash, rc.request.variables ?? null]);
          const inFlight = pending.get(key);
          if (inFlight) {
            const shared = await inFlight;
            if (shared) {
              counts.shared++;
              // the access line names the subgraphs that answered, as if this request had asked them
              for (const s of shared.subgraphs) rc.contextValue.access?.subgraphs.add(s);
              const { body, http } = shared.response;
              return { body, http: { status: http.status, headers: new HeaderMap(http.headers) } };
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
          finish(
            rc.response.body?.kind === 'single'
              ? { response: { body: rc.response.body, http: rc.response.http }, subgraphs: [...(rc.contextValue.access?.subgraphs ?? [])] }
              : undefined,
          );
        },
      };
    },
  };
  return { plugin, counts };
}
