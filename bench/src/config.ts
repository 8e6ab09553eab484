import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, readEnvOrExit } from '@district/common';

/** `pnpm bench:graph` settings (environment variables of these names); the defaults are the ports this benchmark was given (gateway 4400, subgraphs 4401–4405, PostgreSQL 54334, Hive 4410). */
export interface BenchConfig {
  BENCH_PG_PORT: number;
  /** our gateway; the 1× subgraphs listen on the registry's ports moved to this range (4001 → 4401 …) */
  BENCH_GATEWAY_PORT: number;
  BENCH_HIVE_PORT: number;
  /** seconds of each load round */
  BENCH_SECONDS: number;
  /** load rounds per gateway, operation and connection count, alternating which gateway goes first */
  BENCH_ROUNDS: number;
  BENCH_CONNECTIONS: number[];
  /** copies of the loaded district besides 1× ('none': 1× only) */
  BENCH_SCALES: number[];
  /** cold and warm latency samples per operation and scale */
  BENCH_SAMPLES: number;
  BENCH_DATA_DIR: string;
  BENCH_DATASET: string;
  /** the parts to run, for a quicker look at one of them */
  BENCH_PHASES: Phase[];
  /** the gateways of the load phase: ours and hive+rr always, ours-1op and ours-fleet unless left out */
  BENCH_GATEWAYS: GatewayName[];
  /** a quick look (`pnpm bench:graph --quick` or BENCH_QUICK=true): 1 load round of 3 s, 3 latency samples, unless set */
  BENCH_QUICK: boolean;
}

export const PHASES = ['answers', 'statements', 'latency', 'load', 'plans'] as const;
export type Phase = (typeof PHASES)[number];
export const GATEWAYS = ['ours', 'hive+rr', 'ours-1op', 'ours-fleet'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

const numbers = (fallback: string) => (raw: string | undefined, name: string) => {
  const list = (raw === 'none' ? '' : (raw ?? fallback))
    .split(',')
    .filter((v) => v.trim())
    .map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} must be whole numbers separated by commas`);
  return list;
};

const oneOf =
  <T extends string>(known: readonly T[]) =>
  (raw: string | undefined, name: string): T[] => {
    const list = (raw ?? known.join(',')).split(',').map((v) => v.trim());
    const unknown = list.filter((p) => !(known as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
    return list as T[];
  };
const phases = oneOf(PHASES);

/**
 * The defaults are the measurement: 10 s × 3 rounds per gateway, operation and connection
 * count (10 and 50), alternating. `quick` is for a look while working on it: the same phases in a
 * few minutes, figures too short to compare gateways by.
 */
export function readBenchConfig(repoRoot: string, args: string[]): BenchConfig {
  const { BENCH_QUICK } = readEnvOrExit({ BENCH_QUICK: env.bool(false) });
  const quick = BENCH_QUICK || args.includes('--quick');
  return readEnvOrExit<BenchConfig>({
    BENCH_PG_PORT: env.port(54334),
    BENCH_GATEWAY_PORT: env.port(4400),
    BENCH_HIVE_PORT: env.port(4410),
    BENCH_SECONDS: env.int(quick ? 3 : 10),
    BENCH_ROUNDS: env.int(quick ? 1 : 3),
    BENCH_CONNECTIONS: numbers('10,50'),
    BENCH_SCALES: numbers('10,100'),
    BENCH_SAMPLES: env.int(quick ? 3 : 9),
    BENCH_DATA_DIR: (raw) => raw ?? mkdtempSync(join(tmpdir(), 'district-bench-graph-')),
    BENCH_DATASET: env.string(join(repoRoot, '..', 'shared', 'datasets', 'shangjie-2025')),
    BENCH_PHASES: phases,
    BENCH_GATEWAYS: oneOf(GATEWAYS),
    BENCH_QUICK: () => quick,
  });
}
