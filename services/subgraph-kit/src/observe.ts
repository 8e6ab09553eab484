import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { log } from '@district/common';
import { metrics, operationForLog, operationLabel, watchPool, type PoolStats } from '@district/telemetry';
import type { RequestContext } from './context';

/**
 * One log line, one latency sample and the error codes of every request the gateway sends, under
 * the gateway's request id; and the choice of where the request reads (a replica for queries).
 * The line names the operation and the caller, never the variables or the answer.
 */
export function observeRequests(service: string, hasReplica: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let type = '-';
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? type;
          // Apollo hands resolvers a shallow copy of the context: the batch is shared, so it is told too
          contextValue.readFrom = hasReplica && type === 'query' ? 'read' : 'write';
          contextValue.figures.readFrom = contextValue.readFrom;
        },
        async willSendResponse({ response, operationName, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationLabel(operationName);
          metrics.operationDuration.observe({ service, operation, type }, seconds);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) metrics.errors.inc({ service, code });
          log().info(
            {
              requestId: contextValue.requestId,
              caller: contextValue.caller?.subject,
              operation: operationForLog(operationName),
              type,
              readFrom: contextValue.readFrom,
              durationMs: Math.round(seconds * 1000),
              ...(codes.length ? { errors: codes } : {}),
            },
            'subgraph request',
          );
        },
      };
    },
  };
}

/** Why the subgraph cannot serve, or undefined when its database (and its replica, if any) answers. */
export async function databasesReady(orm: MikroORM): Promise<string | undefined> {
  const check = async (side: 'read' | 'write') => {
    try {
      await orm.em.getConnection(side).execute('SELECT 1');
      return true;
    } catch {
      return false;
    }
  };
  if (!(await check('write'))) return 'database unreachable';
  if ((orm.config.get('replicas') ?? []).length && !(await check('read'))) return 'read replica unreachable';
  return undefined;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function poolOf(orm: MikroORM, side: 'read' | 'write'): () => PoolStats | undefined {
  return () => {
    const pool = (orm.em.getConnection(side).getKnex() as unknown as { client?: { pool?: TarnPool } }).client?.pool;
    return pool ? { used: pool.numUsed(), free: pool.numFree(), waiting: pool.numPendingAcquires() } : undefined;
  };
}

/** Reports the ORM's pools (the primary's, and the replica's when there is one) at /metrics. */
export function watchPools(service: string, orm: MikroORM): () => void {
  const stops = [watchPool(service, 'primary', poolOf(orm, 'write'))];
  if ((orm.config.get('replicas') ?? []).length) stops.push(watchPool(service, 'read', poolOf(orm, 'read')));
  return () => stops.forEach((stop) => stop());
}
