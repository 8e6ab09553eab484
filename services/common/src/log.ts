import pino, { type Logger } from 'pino';
import { env, readEnv } from './env';

export type { Logger } from 'pino';

/**
 * One structured (JSON, one object a line) log per process, for a log collector rather than a
 * terminal. What goes in is chosen where it is written: callers, operation names, ids, durations and
 * error codes; never variables, arguments, SQL parameters, tokens or personal data. The redaction
 * below is only a second line of defence for the headers a careless line might pass.
 */
const settings = readEnv({ LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info') });

let root: Logger = pino({
  level: settings.LOG_LEVEL,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ['authorization', '*.authorization', 'headers.authorization', 'headers["x-district-caller"]', 'variables', '*.variables'],
    censor: '[redacted]',
  },
});

/** The process's logger; `nameProcess` gives every later line the process's service name. */
export function log(): Logger {
  return root;
}

/** Called once by an entry point (gateway, a subgraph): every line then says which service wrote it. */
export function nameProcess(service: string): Logger {
  root = root.child({ service });
  return root;
}
