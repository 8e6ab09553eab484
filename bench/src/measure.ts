import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { bumpDataVersion } from '@district/common';

/**
 * The subgraphs' statements in the databases named `<prefix>_…`: the gateway's own database (rate
 * limits, persisted queries) is left out, and so are data-version bumps (the benchmark's own, to
 * make the next request cold) and reads of the version alone (a listener reconnecting). A figure
 * statement reads the version too, inside itself: it counts.
 */
const SUBGRAPH_STATEMENTS = `starts_with(d.datname, $1) AND d.datname <> $1 || 'gateway'
  AND s.query NOT LIKE '%UPDATE data_version SET%' AND s.query NOT LIKE 'SELECT version::text AS version FROM data_version%'`;

/** The statements a set of databases ran, from pg_stat_statements; the benchmark's own version bumps are left out. */
export class Statements {
  constructor(private readonly admin: Client) {}

  static async open(serverUrl: string): Promise<Statements> {
    const admin = new Client({ connectionString: serverUrl });
    // a server that goes away fails the next count, and the benchmark stops its processes, instead of
    // the error event ending this process with the stack still running
    admin.on('error', (e) => console.error(`statement counts: ${e.message}`));
    await admin.connect();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new Statements(admin);
  }

  /** calls so far in the databases named `<prefix>_…` */
  async calls(prefix: string): Promise<number> {
    const r = await this.admin.query(
      `SELECT coalesce(sum(s.calls), 0)::bigint AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE ${SUBGRAPH_STATEMENTS}`,
      [`${prefix}_`],
    );
    return Number(r.rows[0].n);
  }

  /** what `work` cost: statements run, and how many of them ran more than once */
  async during<T>(prefix: string, work: () => Promise<T>): Promise<{ result: T; statements: number; repeated: number }> {
    await this.admin.query('SELECT pg_stat_statements_reset()');
    const result = await work();
    const r = await this.admin.query(
      `SELECT coalesce(sum(s.calls), 0)::bigint AS n, coalesce(sum(s.calls - 1) FILTER (WHERE s.calls > 1), 0)::bigint AS again
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE ${SUBGRAPH_STATEMENTS}`,
      [`${prefix}_`],
    );
    return { result, statements: Number(r.rows[0].n), repeated: Number(r.rows[0].again) };
  }

  close(): Promise<void> {
    return this.admin.end();
  }
}

/** Every subgraph's data changes version, as after an import: the next request computes every figure again. */
export async function bumpVersions(databaseUrls: Record<string, string>): Promise<void> {
  await Promise.all(
    Object.values(databaseUrls).map(async (url) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await bumpDataVersion(c);
      } finally {
        await c.end();
      }
    }),
  );
  // the subgraphs learn it by NOTIFY on their listening connection: give it a moment to arrive
  await new Promise((r) => setTimeout(r, 200));
}

/**
 * Planner statistics for every table, as autovacuum gathers them within a minute of an import: the
 * 1× databases come straight from templates, the copies are analyzed as they are made, and sizes
 * compared on plans made with statistics and without would flatter the bigger ones.
 */
export async function analyze(databaseUrls: Record<string, string>): Promise<void> {
  await Promise.all(
    Object.values(databaseUrls).map(async (url) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('VACUUM ANALYZE');
      } finally {
        await c.end();
      }
    }),
  );
}

/** CPU seconds a process has used (Linux /proc; NaN elsewhere). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

export const median = (values: number[]): number => {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Posts one operation; the time is from sending to the parsed answer. */
export async function timedRequest(
  url: string,
  token: string,
  body: string,
): Promise<{ ms: number; data?: unknown; errors?: { message: string }[] }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const parsed = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, ...parsed };
}
