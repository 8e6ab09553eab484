import { Client } from 'pg';

/**
 * The plans of every statement a set of databases runs while capturing: auto_explain with ANALYZE
 * and BUFFERS, switched on per database (new connections only), read back from the server's log.
 */
export class PlanCapture {
  private text = '';
  private capturing = false;

  /** give this to the embedded server's onLog */
  readonly onLog = (line: string) => {
    if (this.capturing) this.text += `${line}\n`;
  };

  /** every new connection to these databases explains each statement it runs */
  static async enable(serverUrl: string, databases: string[]): Promise<void> {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      for (const db of databases) {
        const name = `"${db.replace(/"/g, '')}"`;
        await admin.query(`ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'`);
        await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_min_duration = 0`);
        await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_analyze = on`);
        await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_buffers = on`);
      }
    } finally {
      await admin.end();
    }
  }

  async during(work: () => Promise<void>): Promise<ExplainedStatement[]> {
    this.text = '';
    this.capturing = true;
    try {
      await work();
      await new Promise((r) => setTimeout(r, 500)); // the last plans reach the log
    } finally {
      this.capturing = false;
    }
    return parsePlans(this.text);
  }
}

export interface ExplainedStatement {
  ms: number;
  /** shared buffers hit and read by the whole statement */
  buffers: number;
  /** tables the statement reads, for the summary */
  tables: string[];
  /** tables read whole (a sequential scan), with the rows it went through: what grows with the data */
  seqScans: string[];
  query: string;
  plan: string;
}

function parsePlans(log: string): ExplainedStatement[] {
  return log
    .split(/\n(?=[^\n]*LOG:\s+duration: )/)
    .filter((p) => /LOG:\s+duration: [\d.]+ ms\s+plan:/.test(p))
    .map((p) => {
      const ms = Number(/duration: ([\d.]+) ms/.exec(p)![1]);
      const lines = p.split('\n');
      // the plan begins at its first node, the first line with a cost estimate
      const first = lines.findIndex((l) => /\(cost=[\d.]+\.\.[\d.]+ rows=/.test(l));
      const query = lines
        .slice(1, first)
        .join('\n')
        .replace(/^\s*Query Text:\s*/, '')
        .trim();
      const plan = lines.slice(first).join('\n');
      const buffers = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(plan);
      // the wrapper that reads the data version beside the figures (f, data_version) is not a source
      const tables = [...new Set([...plan.matchAll(/ on ([a-z_]+) /g)].map((m) => m[1]))].filter((t) => t !== 'f' && t !== 'data_version');
      const seqScans = [
        ...plan.matchAll(
          /Seq Scan on ([a-z_]+) [^\n]*?rows=([\d.]+) loops=(\d+)\)(?:\n\s*Filter:[^\n]*)?(?:\n\s*Rows Removed by Filter: (\d+))?/g,
        ),
      ]
        .filter((m) => m[1] !== 'data_version')
        .map((m) => `${m[1]}(${Math.round((Number(m[2]) + Number(m[4] ?? 0)) * Number(m[3]))})`);
      return { ms, buffers: Number(buffers?.[1] ?? 0) + Number(buffers?.[2] ?? 0), tables, seqScans, query, plan };
    });
}
