import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The local runner's child processes (five subgraphs and the gateway), kept alive: a child that dies
 * after it was healthy is started again after a pause that doubles with each quick crash (1 s, 2 s,
 * 4 s … at most 30 s; a child that stayed up a minute starts again at 1 s). Stopping ends it for good.
 */
export interface Supervised {
  readonly name: string;
  /** the running process (a new one after each restart) */
  readonly process: ChildProcess;
  /** times it was started again after dying */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface ChildSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  healthUrl: string;
  log: (line: string) => void;
  /** restart when it dies after start-up (pnpm start, end-to-end tests); false: just report it */
  supervise: boolean;
}

const HEALTH_TIMEOUT_MS = 60_000;
const BACKOFF_MAX_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/** Refuses a port another process holds, in one line that says which setting moves it. */
export async function assertPortFree(port: number, what: string, setting: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用（${what}）/ port ${port} for ${what} is in use: stop what holds it, or set ${setting}`
            : `端口 ${port} 不可用（${what}）/ port ${port} for ${what} cannot be used: ${e.code ?? e.message}`,
        ),
      ),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

function launch(spec: ChildSpec, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, [spec.script], {
    // a child inherits the runner's environment (PATH, locale …), with its own settings on top
    env: { ...process.env, ...spec.env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // a chunk can end mid-line (a long JSON log line): lines are passed on whole
  const relay = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      onOutput(text);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) spec.log(line.startsWith('[') ? line : `[${spec.name}] ${line}`);
    };
  };
  child.stdout?.on('data', relay());
  child.stderr?.on('data', relay());
  return child;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return; // the exit handler reports it
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no healthy answer from ${url} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Stops a child: SIGTERM (after SIGCONT, so a paused one can act on it), SIGKILL after 10 s. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGCONT'); // a paused child cannot act on SIGTERM
    child.kill('SIGTERM');
  });
}

/**
 * Starts a child and waits until its health URL answers. `register` is called at once with the
 * handle, so a start that fails elsewhere can stop this child even while it is still starting.
 */
export async function startSupervised(spec: ChildSpec, register: (s: Supervised) => void): Promise<Supervised> {
  let tail = '';
  const keepTail = (text: string) => {
    tail = (tail + text).slice(-4000);
  };
  let current = launch(spec, keepTail);
  let stopping = false;
  let restarts = 0;
  let backoff = 1000;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;

  const handle: Supervised = {
    name: spec.name,
    get process() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await stopProcess(current);
    },
  };
  register(handle);

  const started = await new Promise<boolean>((resolve, reject) => {
    // 'close', not 'exit': it comes once the child's output is read, so the message holds its last words
    current.once('close', (code, signal) => {
      if (!stopping) reject(new Error(`${spec.name} exited (${signal ?? `code ${code}`}) while starting:\n${tail.trim()}`));
      else resolve(false);
    });
    waitForHealth(spec.healthUrl, current, HEALTH_TIMEOUT_MS).then(() => resolve(true), reject);
  });
  if (!started) return handle;
  current.removeAllListeners('close');

  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!spec.supervise) {
        spec.log(`[${spec.name}] exited (${signal ?? `code ${code}`})`);
        return;
      }
      if (Date.now() - startedAt > STABLE_AFTER_MS) backoff = 1000;
      spec.log(`[${spec.name}] exited (${signal ?? `code ${code}`}); starting it again in ${backoff / 1000}s`);
      timer = setTimeout(() => {
        if (stopping) return;
        restarts++;
        startedAt = Date.now();
        current = launch(spec, keepTail);
        watch(current);
      }, backoff);
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    });
  };
  watch(current);
  return handle;
}
