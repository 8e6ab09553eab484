/**
 * Config is read from the environment once, validated, and handed out as a typed object.
 * Every problem is reported together so an operator fixes them in one pass, and the process
 * exits instead of limping on with a half-valid configuration. No other module reads process.env.
 */
export type EnvSpec<T> = { [K in keyof T]: (raw: string | undefined, name: string) => T[K] };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function readEnv<T>(spec: EnvSpec<T>, source: NodeJS.ProcessEnv = process.env): T {
  const problems: string[] = [];
  const out = {} as T;
  for (const name of Object.keys(spec) as (keyof T & string)[]) {
    try {
      out[name] = spec[name](emptyToUndefined(source[name]), name);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/** For entry files: read the config or print every problem and exit. */
export function readEnvOrExit<T>(spec: EnvSpec<T>): T {
  try {
    return readEnv(spec);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(78); // EX_CONFIG
  }
}

function emptyToUndefined(v: string | undefined) {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export const env = {
  string:
    (fallback?: string) =>
    (raw: string | undefined, name: string): string => {
      if (raw !== undefined) return raw;
      if (fallback !== undefined) return fallback;
      throw new Error(`${name} is required`);
    },
  optional:
    () =>
    (raw: string | undefined): string | undefined =>
      raw,
  port:
    (fallback: number) =>
    (raw: string | undefined, name: string): number => {
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
      return n;
    },
  int:
    (fallback: number) =>
    (raw: string | undefined, name: string): number => {
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got "${raw}"`);
      return n;
    },
  bool:
    (fallback: boolean) =>
    (raw: string | undefined, name: string): boolean => {
      if (raw === undefined) return fallback;
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new Error(`${name} must be true or false, got "${raw}"`);
    },
  secret:
    (minLength = 32) =>
    (raw: string | undefined, name: string): string => {
      if (raw === undefined) throw new Error(`${name} is required (a secret of at least ${minLength} characters)`);
      if (raw.length < minLength) throw new Error(`${name} must be at least ${minLength} characters`);
      return raw;
    },
  oneOf:
    <V extends string>(values: readonly V[], fallback: V) =>
    (raw: string | undefined, name: string): V => {
      if (raw === undefined) return fallback;
      if (!(values as readonly string[]).includes(raw)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return raw as V;
    },
};
