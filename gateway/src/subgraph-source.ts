import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { log } from '@district/common';
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/**
 * How the gateway talks to one subgraph so that a subgraph in trouble costs only its own fields:
 * every call has a deadline (as Apollo Router's 30 s default) and a cap on the answer's size, a
 * subgraph's own GraphQL errors are read even from a 4xx answer (bad input stays BAD_USER_INPUT,
 * not a masked HTTP error), and a call that fails becomes errors at the paths it would have filled,
 * naming the subgraph by name, never by address.
 */
export interface SubgraphCallLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

type FailureCode = 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'RESPONSE_TOO_LARGE';

class SubgraphCallError extends Error {
  constructor(
    readonly code: FailureCode,
    /** why, [中文, English]; empty when the subgraph answered with GraphQL errors of its own */
    readonly why: [string, string] | null,
    /** the subgraph's GraphQL answer when it sent one with a non-2xx status */
    readonly body?: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] },
  ) {
    super(code);
  }
}

/** Reads a body up to `max` bytes; past that the call is abandoned (the subgraph stops when the socket closes). */
async function readCapped(res: Response, max: number, abort: AbortController): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) {
    abort.abort();
    throw new SubgraphCallError('RESPONSE_TOO_LARGE', [`答复超过 ${max} 字节`, `its answer exceeds ${max} bytes`]);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
    const chunk = next.value;
    size += chunk.byteLength;
    if (size > max) {
      abort.abort();
      throw new SubgraphCallError('RESPONSE_TOO_LARGE', [`答复超过 ${max} 字节`, `its answer exceeds ${max} bytes`]);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A fetch with a deadline and a size cap, in the shape RemoteGraphQLDataSource calls its fetcher. */
function boundedFetcher(limits: SubgraphCallLimits) {
  return async (url: string, init: RequestInit & { signal?: AbortSignal }): Promise<Response> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new SubgraphCallError('SUBGRAPH_TIMEOUT', null)), limits.timeoutMs);
    try {
      const res = await fetch(url, { ...init, signal: abort.signal });
      const body = await readCapped(res, limits.maxResponseBytes, abort);
      return new Response(body as unknown as ConstructorParameters<typeof Response>[0], {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (e) {
      if (e instanceof SubgraphCallError) throw e;
      if (abort.signal.aborted && abort.signal.reason instanceof SubgraphCallError)
        throw new SubgraphCallError('SUBGRAPH_TIMEOUT', [
          `${limits.timeoutMs / 1000} 秒内未答复`,
          `no answer within ${limits.timeoutMs / 1000} s`,
        ]);
      throw new SubgraphCallError('SUBGRAPH_UNAVAILABLE', ['无法连接', 'it could not be reached']);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Top-level response names a fetch fills: root fields, or the fields asked of each entity in `_entities`. */
function filledFields(document: DocumentNode): { entities: boolean; names: string[] } {
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { entities: false, names: [] };
  const names = (set: SelectionSetNode): string[] =>
    set.selections.flatMap((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === '__typename'
          ? []
          : [(s.alias ?? s.name).value]
        : s.kind === Kind.INLINE_FRAGMENT
          ? names(s.selectionSet)
          : [],
    );
  const entities = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (entities && entities.kind === Kind.FIELD && entities.selectionSet)
    return { entities: true, names: [...new Set(names(entities.selectionSet))] };
  return { entities: false, names: names(op.selectionSet) };
}

export class ResilientDataSource<TContext extends Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  constructor(
    url: string,
    readonly serviceName: string,
    limits: SubgraphCallLimits,
  ) {
    super({ url });
    this.fetcher = boundedFetcher(limits) as unknown as typeof this.fetcher;
  }

  /** A non-2xx answer that is GraphQL (a subgraph's 400 for bad input) is kept as the subgraph's own errors. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const graphql = body as { errors?: GraphQLFormattedError[] } | undefined;
    if (graphql && Array.isArray(graphql.errors) && graphql.errors.length) {
      return new SubgraphCallError('SUBGRAPH_UNAVAILABLE', null, graphql as SubgraphCallError['body']) as never;
    }
    return new SubgraphCallError('SUBGRAPH_UNAVAILABLE', [`答复状态 ${response.status}`, `it answered HTTP ${response.status}`]) as never;
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): ReturnType<RemoteGraphQLDataSource<TContext>['process']> {
    try {
      return await super.process(options);
    } catch (e) {
      if (e instanceof SubgraphCallError && e.body) return { data: e.body.data ?? undefined, errors: e.body.errors };
      const failure =
        e instanceof SubgraphCallError
          ? e
          : new SubgraphCallError('SUBGRAPH_UNAVAILABLE', ['答复无法读取', 'its answer could not be read']);
      log().warn({ subgraph: this.serviceName, code: failure.code }, 'subgraph call failed');
      return { errors: this.failureErrors(options, failure) };
    }
  }

  /**
   * One error per field the call would have filled, at that field's path (the gateway maps
   * `_entities` paths onto the client's), so each null in the answer has its error beside it.
   */
  private failureErrors(options: GraphQLDataSourceProcessOptions<TContext>, failure: SubgraphCallError): GraphQLFormattedError[] {
    const [zh, en] = failure.why ?? ['暂不可用', 'it is unavailable'];
    const message = `子图 ${this.serviceName} 未能答复：${zh} / the ${this.serviceName} subgraph could not answer: ${en}`;
    const error = (path?: (string | number)[]): GraphQLFormattedError => ({
      message,
      ...(path ? { path } : {}),
      extensions: { code: failure.code },
    });
    let document: DocumentNode | undefined = 'document' in options ? options.document : undefined;
    try {
      document ??= options.request.query ? parse(options.request.query) : undefined;
    } catch {
      document = undefined;
    }
    if (!document) return [error()];
    const { entities, names } = filledFields(document);
    if (!entities) return names.length ? names.map((n) => error([n])) : [error()];
    const representations = (options.request.variables?.representations as unknown[] | undefined)?.length ?? 0;
    const errors: GraphQLFormattedError[] = [];
    for (let i = 0; i < representations; i++) for (const n of names) errors.push(error(['_entities', i, n]));
    return errors.length ? errors : [error()];
  }
}
