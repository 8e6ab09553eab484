import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, startStack, type RunningStack } from '@district/infra';
import type { Caller } from '@district/common';
import { SHANGJIE_TEMPLATES, TEST_PERSON_KEY } from './testing';

/**
 * The whole district graph for an end-to-end test: five subgraphs and the gateway as real processes
 * on free ports, each subgraph with its own database on the shared test PostgreSQL.
 */
export interface TestStack extends RunningStack {
  /** the stack's data directory (uploads under `uploads/<gateway|subgraph>`) */
  dataDir: string;
  jwtSecret: string;
  internalSecret: string;
  /** a caller token the gateway accepts */
  token(caller: Caller, ttl?: string): Promise<string>;
  /** posts to the gateway as the given caller (or with a raw Authorization header) */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller | { authorization?: string },
  ): Promise<GatewayResult<T>>;
}

export interface GatewayResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

export const ADMIN: Caller = { subject: 'e2e-admin', roles: ['DISTRICT_ADMIN'] };

export interface TestStackOptions {
  /** start from copies of the Shangjie templates the test setup loaded */
  shangjie?: boolean;
  /** every line the processes print, as `[name] line` (tests of logs; set LOG_LEVEL in the env options too) */
  log?: (line: string) => void;
  /** extra environment for every subgraph (a shorter statement timeout …) */
  subgraphEnv?: Record<string, string>;
}

export async function startTestStack(gatewayEnv: Record<string, string> = {}, opts: TestStackOptions = {}): Promise<TestStack> {
  const jwtSecret = randomBytes(32).toString('hex');
  const internalSecret = randomBytes(32).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'district-e2e-'));
  const stack = await startStack({
    databaseUrl: process.env.DISTRICT_TEST_PG_URL,
    databasePrefix: `e2e_${randomBytes(3).toString('hex')}`,
    templatePrefix: opts.shangjie ? SHANGJIE_TEMPLATES : undefined,
    dataDir,
    persistentPostgres: false,
    gatewayPort: 0,
    subgraphPorts: 'free',
    jwtSecret,
    internalSecret,
    personKey: TEST_PERSON_KEY,
    introspection: 'analysts',
    gatewayEnv,
    subgraphEnv: opts.subgraphEnv,
    log: opts.log ?? (() => undefined),
  });
  const token = (caller: Caller, ttl?: string) => issueToken(caller, jwtSecret, ttl);
  return {
    ...stack,
    dataDir,
    jwtSecret,
    internalSecret,
    token,
    async query(query, variables = {}, as = ADMIN) {
      const authorization = 'roles' in as ? `Bearer ${await token(as)}` : as.authorization;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization) headers.authorization = authorization;
      const res = await fetch(stack.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text);
      } catch {
        body = { errors: [{ message: text }] };
      }
      return { status: res.status, ...(body as object) } as GatewayResult<any>;
    },
  };
}
